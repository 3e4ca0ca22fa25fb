// One elementary-stream access unit as ffemu moves it between a source, the
// RTMP/FLV writers and the players. Payloads are in FLV's codec layout:
// H.264 as AVCC (4-byte big-endian NAL lengths), AAC as raw frames; config
// packets carry the AVCDecoderConfigurationRecord or AudioSpecificConfig.
//
// Thread-safety: plain value type.
#pragma once

#include <cstdint>
#include <vector>

namespace ffsb::emu {

enum class MediaKind : uint8_t { kAudio = 8, kVideo = 9, kData = 18 };  // = FLV/RTMP type ids

struct MediaPacket {
  MediaKind kind = MediaKind::kVideo;
  int64_t dts_ms = 0;     // decode timestamp in milliseconds
  int32_t cts_ms = 0;     // composition offset (pts - dts), video only
  bool keyframe = false;
  bool config = false;    // sequence header (avcC / AudioSpecificConfig)
  std::vector<uint8_t> payload;
};

}  // namespace ffsb::emu
