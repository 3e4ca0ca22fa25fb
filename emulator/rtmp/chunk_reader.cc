#include "emulator/rtmp/chunk_reader.h"

#include <algorithm>

namespace ffsb::emu {
namespace {
uint32_t Be24(const uint8_t* p) { return (p[0] << 16) | (p[1] << 8) | p[2]; }
uint32_t Be32(const uint8_t* p) { return (uint32_t{p[0]} << 24) | (p[1] << 16) | (p[2] << 8) | p[3]; }
bool IsMedia(uint8_t t) { return t == 8 || t == 9; }
}  // namespace

Result<bool> ChunkReader::ParseHeader() {
  const std::vector<uint8_t>& h = hdr_;
  if (h.empty()) return false;
  uint8_t fmt = h[0] >> 6;
  uint32_t csid = h[0] & 0x3f;
  size_t pos = 1;
  if (csid == 0) { if (h.size() < 2) return false; csid = 64 + h[1]; pos = 2; }
  else if (csid == 1) { if (h.size() < 3) return false; csid = 64 + h[1] + (h[2] << 8); pos = 3; }
  static constexpr size_t kMsgHeader[4] = {11, 7, 3, 0};
  if (h.size() < pos + kMsgHeader[fmt]) return false;
  ChunkStream& cs = streams_[csid];
  const uint8_t* m = h.data() + pos;
  uint32_t ts_field = 0;
  bool new_message = cs.received == 0;
  if (fmt != 3 && !new_message) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "new chunk header mid-message");
  if (fmt <= 2) ts_field = Be24(m);
  bool ext = fmt <= 2 ? ts_field == 0xffffff : cs.extended;
  size_t need = pos + kMsgHeader[fmt] + (ext ? 4 : 0);
  if (h.size() < need) return false;
  uint32_t ext_ts = ext ? Be32(h.data() + pos + kMsgHeader[fmt]) : 0;
  if (fmt == 0) {
    cs.timestamp = ext ? ext_ts : ts_field;
    cs.delta = 0;
    cs.length = Be24(m + 3);
    cs.type = m[6];
    cs.stream_id = m[7] | (m[8] << 8) | (m[9] << 16) | (uint32_t{m[10]} << 24);
  } else if (fmt == 1 || fmt == 2) {
    cs.delta = ext ? ext_ts : ts_field;
    if (fmt == 1) { cs.length = Be24(m + 3); cs.type = m[6]; }
  }
  if (fmt <= 2) cs.extended = ext;
  if (new_message) {
    if (fmt != 0) cs.timestamp += (fmt == 3 ? cs.delta : cs.delta);
    if (cs.length > (64u << 20)) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "message too large");
    cs.payload.clear();
  }
  cur_ = &cs;
  chunk_left_ = std::min(chunk_size_, cs.length - cs.received);
  hdr_.clear();
  return true;
}

Status ChunkReader::Feed(std::span<const uint8_t> data, const MessageFn& on_message) {
  size_t i = 0;
  while (i < data.size()) {
    if (!cur_) {
      hdr_.push_back(data[i++]);
      auto done = ParseHeader();
      if (!done.ok()) return done.status();
      if (!*done) {
        if (hdr_.size() > 18) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "bad chunk header");
        continue;
      }
      if (cur_->length != 0) continue;
    }
    ChunkStream& cs = *cur_;
    size_t n = std::min<size_t>(chunk_left_, data.size() - i);
    if (collect_media_ || !IsMedia(cs.type)) cs.payload.insert(cs.payload.end(), data.begin() + i, data.begin() + i + n);
    i += n;
    chunk_left_ -= static_cast<uint32_t>(n);
    cs.received += static_cast<uint32_t>(n);
    if (chunk_left_ > 0) continue;
    cur_ = nullptr;
    if (cs.received < cs.length) continue;
    RtmpMessage msg{cs.type, cs.stream_id, cs.timestamp, cs.length, std::move(cs.payload)};
    cs.payload = {};
    cs.received = 0;
    if (msg.type == 1 && msg.payload.size() >= 4) {
      uint32_t size = Be32(msg.payload.data()) & 0x7fffffff;
      if (size < 1) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "bad chunk size");
      chunk_size_ = size;
    }
    on_message(msg);
  }
  return Status::Ok();
}

std::vector<uint8_t> ChunkMessage(uint32_t csid, uint8_t type, uint32_t stream_id, uint32_t ts,
                                  std::span<const uint8_t> payload, uint32_t chunk_size) {
  std::vector<uint8_t> out;
  bool ext = ts >= 0xffffff;
  uint32_t t = ext ? 0xffffff : ts;
  out.push_back(static_cast<uint8_t>(csid & 0x3f));  // REQUIRES: 2 <= csid < 64
  uint8_t hdr[11] = {static_cast<uint8_t>(t >> 16), static_cast<uint8_t>(t >> 8), static_cast<uint8_t>(t),
                     static_cast<uint8_t>(payload.size() >> 16), static_cast<uint8_t>(payload.size() >> 8),
                     static_cast<uint8_t>(payload.size()), type,
                     static_cast<uint8_t>(stream_id), static_cast<uint8_t>(stream_id >> 8),
                     static_cast<uint8_t>(stream_id >> 16), static_cast<uint8_t>(stream_id >> 24)};
  out.insert(out.end(), hdr, hdr + 11);
  auto put_ext = [&] { for (int k = 3; k >= 0; --k) out.push_back(static_cast<uint8_t>(ts >> (8 * k))); };
  if (ext) put_ext();
  size_t pos = 0;
  for (;;) {
    size_t n = std::min<size_t>(chunk_size, payload.size() - pos);
    out.insert(out.end(), payload.begin() + pos, payload.begin() + pos + n);
    pos += n;
    if (pos >= payload.size()) break;
    out.push_back(static_cast<uint8_t>(0xc0 | (csid & 0x3f)));
    if (ext) put_ext();
  }
  return out;
}

}  // namespace ffsb::emu
