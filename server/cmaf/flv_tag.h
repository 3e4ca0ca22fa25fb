// Parsing of FLV audio/video tag bodies as they arrive in RTMP messages
// (Adobe FLV spec v10.1, E.4.2 AUDIODATA / E.4.3 VIDEODATA, and the
// "Enhanced RTMP" ExVideoTagHeader, whose codec we only identify to refuse it).
//
// Thread-safety: pure functions. The returned views point into `body` and
// live as long as it does. All reads are bounds-checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace ffsb::cmaf {

inline constexpr uint8_t kFlvTagAudio = 8;
inline constexpr uint8_t kFlvTagVideo = 9;
inline constexpr uint8_t kFlvTagScript = 18;

struct FlvVideo {
  enum class Kind { kSequenceHeader, kNalus, kEndOfSequence, kOther };
  bool is_avc = false;       // CodecID 7 (legacy header)
  std::string codec_name;    // "h264", "hevc", "vp6", "sorenson", "av1", ... for error messages
  bool keyframe = false;     // FrameType 1
  Kind kind = Kind::kOther;
  int32_t composition_ms = 0;  // CompositionTime (SI24), AVC NALU packets only
  const uint8_t* payload = nullptr;  // AVCDecoderConfigurationRecord or AVCC NAL units
  size_t payload_size = 0;
};

struct FlvAudio {
  bool is_aac = false;       // SoundFormat 10
  std::string codec_name;    // "aac", "mp3", "speex", ...
  bool sequence_header = false;  // AACPacketType 0 (AudioSpecificConfig)
  const uint8_t* payload = nullptr;
  size_t payload_size = 0;
};

// False when the body is too short to hold the header it announces.
bool ParseFlvVideo(const uint8_t* body, size_t size, FlvVideo* out);
bool ParseFlvAudio(const uint8_t* body, size_t size, FlvAudio* out);

}  // namespace ffsb::cmaf
