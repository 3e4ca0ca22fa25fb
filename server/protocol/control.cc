#include "server/protocol/control.h"

#include "server/protocol/byte_io.h"

namespace ffsb {
namespace {
void WriteControl(ChunkWriter& w, uint8_t type, const std::vector<uint8_t>& p,
                  std::vector<uint8_t>* out) {
  MessageHeader h;
  h.csid = rtmp::kCsidControl;
  h.type = type;
  w.Write(h, p, out);
}
std::vector<uint8_t> U32(uint32_t v) {
  std::vector<uint8_t> p;
  ByteWriter(&p).U32(v);
  return p;
}
}  // namespace

void WriteSetChunkSize(ChunkWriter& w, uint32_t size, std::vector<uint8_t>* out) {
  WriteControl(w, rtmp::kSetChunkSize, U32(size & 0x7FFFFFFF), out);
  w.SetChunkSize(size);
}
void WriteAbort(ChunkWriter& w, uint32_t csid, std::vector<uint8_t>* out) {
  WriteControl(w, rtmp::kAbort, U32(csid), out);
}
void WriteAcknowledgement(ChunkWriter& w, uint32_t sequence, std::vector<uint8_t>* out) {
  WriteControl(w, rtmp::kAcknowledgement, U32(sequence), out);
}
void WriteWindowAckSize(ChunkWriter& w, uint32_t size, std::vector<uint8_t>* out) {
  WriteControl(w, rtmp::kWindowAckSize, U32(size), out);
}
void WriteSetPeerBandwidth(ChunkWriter& w, uint32_t size, uint8_t limit,
                           std::vector<uint8_t>* out) {
  auto p = U32(size);
  p.push_back(limit);
  WriteControl(w, rtmp::kSetPeerBandwidth, p, out);
}
void WriteUserControl(ChunkWriter& w, uint16_t event, uint32_t arg, std::vector<uint8_t>* out) {
  std::vector<uint8_t> p;
  ByteWriter bw(&p);
  bw.U16(event);
  bw.U32(arg);
  WriteControl(w, rtmp::kUserControl, p, out);
}

Result<uint32_t> ParseU32Payload(const std::vector<uint8_t>& payload) {
  ByteReader r(payload.data(), payload.size());
  uint32_t v;
  if (!r.ReadU32(&v)) return ProtocolError("control message shorter than 4 bytes");
  return v;
}

Result<UserControlEvent> ParseUserControl(const std::vector<uint8_t>& payload) {
  ByteReader r(payload.data(), payload.size());
  UserControlEvent e;
  if (!r.ReadU16(&e.type)) return ProtocolError("user control shorter than 2 bytes");
  if (!r.ReadU32(&e.arg)) return ProtocolError("user control without argument");
  if (e.type == rtmp::kSetBufferLength && !r.ReadU32(&e.arg2)) {
    return ProtocolError("SetBufferLength without length");
  }
  return e;
}

}  // namespace ffsb
