#include "server/cmaf/flv_tag.h"

namespace ffsb::cmaf {
namespace {

const char* LegacyVideoCodecName(int id) {
  switch (id) {
    case 2: return "sorenson-h263";
    case 3: return "screen-video";
    case 4: return "vp6";
    case 5: return "vp6-alpha";
    case 6: return "screen-video-2";
    case 7: return "h264";
    case 12: return "hevc";  // non-standard but widespread (domestic CDNs)
    case 13: return "av1";
    default: return "unknown";
  }
}

const char* AudioCodecName(int id) {
  switch (id) {
    case 0: case 3: return "pcm";
    case 1: return "adpcm";
    case 2: case 14: return "mp3";
    case 4: case 5: case 6: return "nellymoser";
    case 7: return "g711a";
    case 8: return "g711u";
    case 10: return "aac";
    case 11: return "speex";
    default: return "unknown";
  }
}

}  // namespace

bool ParseFlvVideo(const uint8_t* body, size_t size, FlvVideo* out) {
  *out = FlvVideo{};
  if (size < 1) return false;
  uint8_t b0 = body[0];
  if (b0 & 0x80) {  // Enhanced RTMP: IsExHeader, FourCC follows the packet type.
    if (size < 5) return false;
    std::string fourcc(reinterpret_cast<const char*>(body + 1), 4);
    out->codec_name = fourcc == "hvc1" ? "hevc" : fourcc == "av01" ? "av1" : fourcc == "vp09" ? "vp9" : fourcc;
    out->is_avc = false;  // even "avc1" in the enhanced framing is refused (no encoder sends it)
    return true;
  }
  int frame_type = (b0 >> 4) & 0x0f;
  int codec_id = b0 & 0x0f;
  out->codec_name = LegacyVideoCodecName(codec_id);
  out->keyframe = frame_type == 1;
  out->is_avc = codec_id == 7;
  if (!out->is_avc) return true;
  if (size < 5) return false;
  switch (body[1]) {
    case 0: out->kind = FlvVideo::Kind::kSequenceHeader; break;
    case 1: out->kind = FlvVideo::Kind::kNalus; break;
    case 2: out->kind = FlvVideo::Kind::kEndOfSequence; break;
    default: out->kind = FlvVideo::Kind::kOther; break;
  }
  uint32_t ct = (uint32_t{body[2]} << 16) | (uint32_t{body[3]} << 8) | body[4];
  if (ct & 0x800000) ct |= 0xff000000u;  // sign-extend SI24
  out->composition_ms = static_cast<int32_t>(ct);
  out->payload = body + 5;
  out->payload_size = size - 5;
  return true;
}

bool ParseFlvAudio(const uint8_t* body, size_t size, FlvAudio* out) {
  *out = FlvAudio{};
  if (size < 1) return false;
  int fmt = (body[0] >> 4) & 0x0f;
  out->codec_name = AudioCodecName(fmt);
  out->is_aac = fmt == 10;
  if (!out->is_aac) return true;
  if (size < 2) return false;
  out->sequence_header = body[1] == 0;
  out->payload = body + 2;
  out->payload_size = size - 2;
  return true;
}

}  // namespace ffsb::cmaf
