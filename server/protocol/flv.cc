#include "server/protocol/flv.h"

#include "server/protocol/byte_io.h"

namespace ffsb {

void WriteFlvHeader(bool has_audio, bool has_video, std::vector<uint8_t>* out) {
  ByteWriter w(out);
  w.Str("FLV");
  w.U8(1);
  w.U8(uint8_t((has_audio ? 4 : 0) | (has_video ? 1 : 0)));
  w.U32(flv::kHeaderSize);
  w.U32(0);  // PreviousTagSize0
}

std::array<uint8_t, flv::kTagHeaderSize> FlvTagHeader(uint8_t type, uint32_t ts, uint32_t size) {
  return {type,
          uint8_t(size >> 16), uint8_t(size >> 8), uint8_t(size),
          uint8_t(ts >> 16), uint8_t(ts >> 8), uint8_t(ts), uint8_t(ts >> 24),  // TimestampExtended
          0, 0, 0};
}

std::array<uint8_t, 4> FlvPreviousTagSize(uint32_t body_size) {
  uint32_t v = body_size + flv::kTagHeaderSize;
  return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)};
}

void WriteFlvTag(uint8_t type, uint32_t ts, const uint8_t* body, size_t size,
                 std::vector<uint8_t>* out) {
  auto h = FlvTagHeader(type, ts, uint32_t(size));
  auto p = FlvPreviousTagSize(uint32_t(size));
  out->insert(out->end(), h.begin(), h.end());
  out->insert(out->end(), body, body + size);
  out->insert(out->end(), p.begin(), p.end());
}

void FlvReader::Append(const uint8_t* data, size_t n) {
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + pos_);
    pos_ = 0;
  }
  buf_.insert(buf_.end(), data, data + n);
}

Result<bool> FlvReader::Next(FlvTag* out) {
  ByteReader r(buf_.data() + pos_, buf_.size() - pos_);
  if (!header_done_) {
    std::string sig;
    uint8_t version;
    uint32_t header_size;
    if (!r.ReadString(3, &sig) || !r.ReadU8(&version) || !r.ReadU8(&flags_) ||
        !r.ReadU32(&header_size)) {
      return false;
    }
    if (sig != "FLV") return ProtocolError("flv: bad signature");
    if (header_size < flv::kHeaderSize || header_size > 1024) return ProtocolError("flv: bad header size");
    if (!r.Skip(header_size - flv::kHeaderSize + 4)) return false;  // + PreviousTagSize0
    header_done_ = true;
    pos_ += r.pos();
    r = ByteReader(buf_.data() + pos_, buf_.size() - pos_);
  }
  uint8_t type;
  uint32_t size, ts24, stream_id;
  uint8_t ts_ext;
  if (!r.ReadU8(&type) || !r.ReadU24(&size) || !r.ReadU24(&ts24) || !r.ReadU8(&ts_ext) ||
      !r.ReadU24(&stream_id)) {
    return false;
  }
  if (type & 0x20) return ProtocolError("flv: encrypted tags not supported");
  if (size > max_tag_size_) return ProtocolError("flv: tag larger than limit");
  const uint8_t* body;
  uint32_t prev;
  if (!r.ReadBytes(size, &body) || !r.ReadU32(&prev)) return false;
  out->type = type & 0x1f;
  out->timestamp = ts24 | uint32_t(ts_ext) << 24;
  out->body.assign(body, body + size);
  pos_ += r.pos();
  return true;
}

}  // namespace ffsb
