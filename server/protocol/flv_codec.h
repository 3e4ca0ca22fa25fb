// Classifies FLV/RTMP audio and video message bodies (Adobe FLV spec
// E.4.2 AUDIODATA, E.4.3 VIDEODATA): keyframe, AVC/AAC sequence header,
// codec names for stats. Bodies are the same in FLV tags and RTMP messages.
// See docs/flv.md.
//
// Thread-safety: stateless inline functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ffsb::flv {

inline constexpr uint8_t kCodecAvc = 7;
inline constexpr uint8_t kCodecHevc = 12;  // common non-standard extension
inline constexpr uint8_t kSoundAac = 10;

inline bool IsVideoKeyframe(const uint8_t* b, size_t n) {
  if (n < 1) return false;
  if (b[0] & 0x80) return ((b[0] >> 4) & 7) == 1;  // enhanced RTMP: frame type in bits 4..6
  return (b[0] >> 4) == 1;
}
inline bool IsVideoSequenceHeader(const uint8_t* b, size_t n) {
  if (n < 2) return false;
  if (b[0] & 0x80) return (b[0] & 0x0f) == 0;  // enhanced RTMP PacketTypeSequenceStart
  uint8_t codec = b[0] & 0x0f;
  return (codec == kCodecAvc || codec == kCodecHevc) && b[1] == 0;
}
inline bool IsAudioSequenceHeader(const uint8_t* b, size_t n) {
  return n >= 2 && (b[0] >> 4) == kSoundAac && b[1] == 0;
}
inline std::string_view VideoCodecName(const uint8_t* b, size_t n) {
  if (n < 1) return "";
  if (b[0] & 0x80) {
    if (n < 5) return "";
    std::string_view fourcc(reinterpret_cast<const char*>(b + 1), 4);
    if (fourcc == "hvc1") return "hevc";
    if (fourcc == "av01") return "av1";
    if (fourcc == "vp09") return "vp9";
    return "unknown";
  }
  switch (b[0] & 0x0f) {
    case 2: return "h263";
    case 4: return "vp6";
    case kCodecAvc: return "h264";
    case kCodecHevc: return "hevc";
    default: return "unknown";
  }
}
inline std::string_view AudioCodecName(const uint8_t* b, size_t n) {
  if (n < 1) return "";
  switch (b[0] >> 4) {
    case 2: return "mp3";
    case 10: return "aac";
    case 11: return "speex";
    case 14: return "mp3";
    case 0: case 3: return "pcm";
    case 7: return "g711a";
    case 8: return "g711u";
    default: return "unknown";
  }
}

}  // namespace ffsb::flv
