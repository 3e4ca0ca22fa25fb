#include "server/protocol/chunk_writer.h"

#include "server/protocol/byte_io.h"

namespace ffsb {
namespace {

void BasicHeader(ByteWriter& w, uint8_t fmt, uint32_t csid) {  // spec §5.3.1.1
  if (csid < 64) {
    w.U8(uint8_t(fmt << 6 | csid));
  } else if (csid < 320) {
    w.U8(uint8_t(fmt << 6));
    w.U8(uint8_t(csid - 64));
  } else {
    w.U8(uint8_t(fmt << 6 | 1));
    w.U8(uint8_t((csid - 64) & 0xff));
    w.U8(uint8_t((csid - 64) >> 8));
  }
}

// Writes header fmt `fmt` with timestamp field `tsv` (absolute or delta),
// then the payload in chunks.
void Emit(uint8_t fmt, const MessageHeader& h, uint32_t tsv, const uint8_t* p, size_t n,
          uint32_t chunk_size, std::vector<uint8_t>* out) {
  ByteWriter w(out);
  bool ext = tsv >= 0xFFFFFF;
  BasicHeader(w, fmt, h.csid);
  if (fmt <= 2) w.U24(ext ? 0xFFFFFF : tsv);
  if (fmt <= 1) {
    w.U24(uint32_t(n));
    w.U8(h.type);
  }
  if (fmt == 0) w.U32LE(h.stream_id);
  if (ext) w.U32(tsv);
  size_t off = 0;
  for (;;) {
    size_t take = std::min<size_t>(chunk_size, n - off);
    w.Bytes(p + off, take);
    off += take;
    if (off >= n) break;
    BasicHeader(w, 3, h.csid);
    if (ext) w.U32(tsv);  // fmt-3 continuation repeats the extended timestamp
  }
}

}  // namespace

void EncodeChunked(const MessageHeader& h, const uint8_t* payload, size_t size,
                   uint32_t chunk_size, std::vector<uint8_t>* out) {
  out->reserve(out->size() + size + 16 + size / chunk_size * 5);
  Emit(0, h, h.timestamp, payload, size, chunk_size, out);
}

void ChunkWriter::Write(const MessageHeader& h, const uint8_t* payload, size_t size,
                        std::vector<uint8_t>* out) {
  auto it = states_.find(h.csid);
  uint8_t fmt = 0;
  uint32_t tsv = h.timestamp;
  if (it != states_.end() && it->second.stream_id == h.stream_id &&
      h.timestamp >= it->second.timestamp) {
    const State& s = it->second;
    uint32_t delta = h.timestamp - s.timestamp;
    tsv = delta;
    if (s.length != size || s.type != h.type) {
      fmt = 1;
    } else if (delta != s.delta) {
      fmt = 2;
    } else {
      fmt = 3;
    }
  }
  if (fmt == 3) {
    // A fmt-3 message start carries no timestamp field, only the extension.
    ByteWriter w(out);
    bool ext = tsv >= 0xFFFFFF;
    BasicHeader(w, 3, h.csid);
    if (ext) w.U32(tsv);
    size_t off = 0;
    for (;;) {
      size_t take = std::min<size_t>(chunk_size_, size - off);
      w.Bytes(payload + off, take);
      off += take;
      if (off >= size) break;
      BasicHeader(w, 3, h.csid);
      if (ext) w.U32(tsv);
    }
  } else {
    Emit(fmt, h, tsv, payload, size, chunk_size_, out);
  }
  states_[h.csid] = State{h.timestamp, tsv, uint32_t(size), h.stream_id, h.type};
}

}  // namespace ffsb
