// Protocol control messages (Adobe RTMP spec §5.4) and User Control events
// (spec §6.2 / §7.1.7): builders that append a complete chunked message, and
// parsers for what peers send us. See docs/rtmp.md.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <vector>

#include "server/base/status.h"
#include "server/protocol/chunk_writer.h"

namespace ffsb {

namespace rtmp {
// User Control event types (spec §7.1.7).
inline constexpr uint16_t kStreamBegin = 0;
inline constexpr uint16_t kStreamEof = 1;
inline constexpr uint16_t kStreamDry = 2;
inline constexpr uint16_t kSetBufferLength = 3;
inline constexpr uint16_t kStreamIsRecorded = 4;
inline constexpr uint16_t kPingRequest = 6;
inline constexpr uint16_t kPingResponse = 7;
// Set Peer Bandwidth limit types (spec §5.4.5).
inline constexpr uint8_t kBandwidthHard = 0, kBandwidthSoft = 1, kBandwidthDynamic = 2;
}  // namespace rtmp

// Each appends one message on csid 2, stream 0, through `w`.
void WriteSetChunkSize(ChunkWriter& w, uint32_t size, std::vector<uint8_t>* out);
void WriteAbort(ChunkWriter& w, uint32_t csid, std::vector<uint8_t>* out);
void WriteAcknowledgement(ChunkWriter& w, uint32_t sequence, std::vector<uint8_t>* out);
void WriteWindowAckSize(ChunkWriter& w, uint32_t size, std::vector<uint8_t>* out);
void WriteSetPeerBandwidth(ChunkWriter& w, uint32_t size, uint8_t limit, std::vector<uint8_t>* out);
// User Control with one 4-byte argument (stream id or ping timestamp).
void WriteUserControl(ChunkWriter& w, uint16_t event, uint32_t arg, std::vector<uint8_t>* out);

// Parses the 4-byte big-endian payload of types 1, 2, 3, 5.
Result<uint32_t> ParseU32Payload(const std::vector<uint8_t>& payload);
struct UserControlEvent {
  uint16_t type = 0;
  uint32_t arg = 0;   // stream id / timestamp
  uint32_t arg2 = 0;  // SetBufferLength: buffer length in ms
};
Result<UserControlEvent> ParseUserControl(const std::vector<uint8_t>& payload);

}  // namespace ffsb
