#include "emulator/media/flv_reader.h"

namespace ffsb::emu {

Status FlvReader::Feed(std::span<const uint8_t> bytes, const std::function<void(const FlvTag&)>& on_tag) {
  buf_.insert(buf_.end(), bytes.begin(), bytes.end());
  size_t pos = 0;
  if (!header_done_) {
    if (buf_.size() < 13) return Status::Ok();
    if (buf_[0] != 'F' || buf_[1] != 'L' || buf_[2] != 'V')
      return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "not an FLV stream");
    size_t header_size = (buf_[5] << 24) | (buf_[6] << 16) | (buf_[7] << 8) | buf_[8];
    if (header_size < 9 || header_size > 1024)
      return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "bad FLV header size");
    if (buf_.size() < header_size + 4) return Status::Ok();
    pos = header_size + 4;  // header + PreviousTagSize0
    header_done_ = true;
  }
  while (buf_.size() - pos >= 11) {
    const uint8_t* h = buf_.data() + pos;
    size_t size = (h[1] << 16) | (h[2] << 8) | h[3];
    if (size > max_tag_size_) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "FLV tag too large");
    if (buf_.size() - pos < 11 + size + 4) break;
    int64_t ts = (static_cast<int64_t>(h[7]) << 24) | (h[4] << 16) | (h[5] << 8) | h[6];
    on_tag(FlvTag{static_cast<uint8_t>(h[0] & 0x1f), ts, std::span<const uint8_t>(h + 11, size)});
    pos += 11 + size + 4;
  }
  buf_.erase(buf_.begin(), buf_.begin() + static_cast<long>(pos));
  return Status::Ok();
}

}  // namespace ffsb::emu
