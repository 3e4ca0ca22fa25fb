#include "server/protocol/chunk_reader.h"

#include "server/protocol/byte_io.h"

namespace ffsb {

void ChunkReader::Append(const uint8_t* data, size_t n) {
  if (pos_ > 0 && pos_ >= buf_.size() / 2) {
    buf_.erase(buf_.begin(), buf_.begin() + pos_);
    pos_ = 0;
  }
  buf_.insert(buf_.end(), data, data + n);
}

Status ChunkReader::SetChunkSize(uint32_t size) {
  if (size == 0 || size > rtmp::kMaxChunkSize) {
    return ProtocolError("Set Chunk Size " + std::to_string(size) + " out of range 1..2^31-1");
  }
  chunk_size_ = size;
  return Status::Ok();
}

void ChunkReader::Abort(uint32_t csid) {
  auto it = streams_.find(csid);
  if (it == streams_.end()) return;
  it->second.payload.clear();
  it->second.in_message = false;
}

Result<bool> ChunkReader::Next(RtmpMessage* out) {
  for (;;) {
    ByteReader r(buf_.data() + pos_, buf_.size() - pos_);
    // Basic header (spec §5.3.1.1).
    uint8_t b0;
    if (!r.ReadU8(&b0)) return false;
    uint8_t fmt = b0 >> 6;
    uint32_t csid = b0 & 0x3f;
    if (csid == 0) {
      uint8_t b1;
      if (!r.ReadU8(&b1)) return false;
      csid = 64 + b1;
    } else if (csid == 1) {
      uint16_t le;
      uint8_t lo, hi;
      if (!r.ReadU8(&lo) || !r.ReadU8(&hi)) return false;
      le = uint16_t(lo | hi << 8);
      csid = 64 + le;
    }
    auto it = streams_.find(csid);
    bool fresh = it == streams_.end();
    if (fresh && fmt != 0 && !(fmt == 1 && csid == rtmp::kCsidControl)) {
      return ProtocolError("chunk fmt " + std::to_string(fmt) + " on unknown csid " +
                           std::to_string(csid));
    }
    if (fresh && streams_.size() >= limits_.max_chunk_streams) {
      return ProtocolError("too many chunk streams");
    }
    // Message header (spec §5.3.1.2); parse into locals, commit when whole.
    static const ChunkStream kNone;
    const ChunkStream& prev = fresh ? kNone : it->second;
    uint32_t ts_field = 0, length = prev.length, stream_id = prev.stream_id;
    uint8_t type = prev.type;
    if (fmt <= 2) {
      if (!r.ReadU24(&ts_field)) return false;
      if (fmt <= 1) {
        if (!r.ReadU24(&length) || !r.ReadU8(&type)) return false;
        if (fmt == 0 && !r.ReadU32LE(&stream_id)) return false;
      }
    }
    bool extended = fmt <= 2 ? ts_field == 0xFFFFFF : prev.extended;
    uint32_t ext = prev.extended_value;
    if (fmt <= 2 && extended) {
      if (!r.ReadU32(&ext)) return false;
    } else if (fmt == 3 && extended) {
      // The fmt-3 quirk (spec §5.3.1.3 says fmt 3 repeats it; not all do).
      uint32_t peek;
      ByteReader probe = r;
      if (!probe.ReadU32(&peek)) return false;  // wait: cannot decide yet
      if (peek == prev.extended_value) r = probe;
    }
    bool in_message = !fresh && prev.in_message;
    if (in_message && fmt != 3) {
      return ProtocolError("new chunk header (fmt " + std::to_string(fmt) +
                           ") in the middle of a message on csid " + std::to_string(csid));
    }
    if (length > limits_.max_message_length) {
      return ProtocolError("message length " + std::to_string(length) + " over limit");
    }
    size_t have = in_message ? prev.payload.size() : 0;
    size_t take = std::min<size_t>(chunk_size_, length - have);
    if (r.remaining() < take) return false;  // whole chunk not here yet
    // Commit.
    if (fresh) it = streams_.emplace(csid, ChunkStream{}).first;
    ChunkStream& cs = it->second;
    if (!in_message) {
      uint32_t field = extended ? ext : ts_field;
      if (fmt == 0) {
        cs.timestamp = field;
        cs.delta = field;
      } else if (fmt <= 2) {
        cs.delta = field;
        cs.timestamp += field;
      } else {
        cs.timestamp += cs.delta;  // fmt 3 starting a message reuses the delta
      }
      cs.length = length;
      cs.type = type;
      cs.stream_id = stream_id;
      cs.extended = extended;
      if (fmt <= 2) cs.extended_value = ext;
      cs.in_message = true;
      cs.payload.clear();
    }
    const uint8_t* body;
    r.ReadBytes(take, &body);
    cs.payload.insert(cs.payload.end(), body, body + take);
    pos_ += r.pos();
    consumed_ += r.pos();
    if (cs.payload.size() == cs.length) {
      out->csid = csid;
      out->type = cs.type;
      out->timestamp = cs.timestamp;
      out->stream_id = cs.stream_id;
      out->payload.swap(cs.payload);
      cs.payload.clear();
      cs.in_message = false;
      return true;
    }
  }
}

}  // namespace ffsb
