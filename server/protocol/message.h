// An RTMP message (Adobe RTMP spec §5.4 and §6.1) as the chunk layer hands it
// up and takes it down, plus the message type ids. See docs/rtmp.md.
//
// Thread-safety: plain value type.
#pragma once

#include <cstdint>
#include <vector>

namespace ffsb {

namespace rtmp {
// Protocol control messages (spec §5.4), carried on csid 2, stream 0.
inline constexpr uint8_t kSetChunkSize = 1;
inline constexpr uint8_t kAbort = 2;
inline constexpr uint8_t kAcknowledgement = 3;
inline constexpr uint8_t kUserControl = 4;  // spec §6.2
inline constexpr uint8_t kWindowAckSize = 5;
inline constexpr uint8_t kSetPeerBandwidth = 6;
// Media and commands (spec §7.1).
inline constexpr uint8_t kAudio = 8;
inline constexpr uint8_t kVideo = 9;
inline constexpr uint8_t kDataAmf3 = 15;
inline constexpr uint8_t kSharedObjectAmf3 = 16;
inline constexpr uint8_t kCommandAmf3 = 17;
inline constexpr uint8_t kDataAmf0 = 18;
inline constexpr uint8_t kSharedObjectAmf0 = 19;
inline constexpr uint8_t kCommandAmf0 = 20;
inline constexpr uint8_t kAggregate = 22;

// Chunk stream ids we send on.
inline constexpr uint32_t kCsidControl = 2;
inline constexpr uint32_t kCsidCommand = 3;
inline constexpr uint32_t kCsidAudio = 4;
inline constexpr uint32_t kCsidData = 5;
inline constexpr uint32_t kCsidVideo = 6;

inline constexpr uint32_t kDefaultChunkSize = 128;       // spec §5.4.1
inline constexpr uint32_t kMaxChunkSize = 0x7FFFFFFF;    // top bit must be 0
inline constexpr uint32_t kMaxMessageLength = 0xFFFFFF;  // 3-byte length field
}  // namespace rtmp

struct RtmpMessage {
  uint32_t csid = 0;
  uint8_t type = 0;
  uint32_t timestamp = 0;  // ms, absolute (deltas already applied)
  uint32_t stream_id = 0;
  std::vector<uint8_t> payload;
};

}  // namespace ffsb
