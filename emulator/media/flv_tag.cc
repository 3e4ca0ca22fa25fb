#include "emulator/media/flv_tag.h"

#include "server/protocol/amf0.h"
#include "server/protocol/command.h"

namespace ffsb::emu {

std::vector<uint8_t> BuildTagBody(const MediaPacket& p) {
  std::vector<uint8_t> b;
  b.reserve(p.payload.size() + 5);
  if (p.kind == MediaKind::kVideo) {
    b.push_back(static_cast<uint8_t>(((p.keyframe || p.config) ? 0x10 : 0x20) | 7));
    b.push_back(p.config ? 0 : 1);
    int32_t cts = p.config ? 0 : p.cts_ms;
    b.push_back(static_cast<uint8_t>(cts >> 16));
    b.push_back(static_cast<uint8_t>(cts >> 8));
    b.push_back(static_cast<uint8_t>(cts));
  } else if (p.kind == MediaKind::kAudio) {
    b.push_back(0xAF);
    b.push_back(p.config ? 0 : 1);
  }
  b.insert(b.end(), p.payload.begin(), p.payload.end());
  return b;
}

MediaPacket VideoConfigPacket(const StreamInfo& info) {
  MediaPacket p;
  p.kind = MediaKind::kVideo;
  p.config = p.keyframe = true;
  p.payload = info.avc_config;
  return p;
}

MediaPacket AudioConfigPacket(const StreamInfo& info) {
  MediaPacket p;
  p.kind = MediaKind::kAudio;
  p.config = true;
  p.payload = info.aac_config;
  return p;
}

std::vector<uint8_t> BuildMetadataBody(const StreamInfo& info) {
  Amf0Value meta = Amf0Value::EcmaArray();
  meta.Set("width", Amf0Value::Number(info.width))
      .Set("height", Amf0Value::Number(info.height))
      .Set("framerate", Amf0Value::Number(info.fps))
      .Set("videocodecid", Amf0Value::Number(7))
      .Set("videodatarate", Amf0Value::Number(static_cast<double>(info.video_bitrate) / 1000))
      .Set("encoder", Amf0Value::String("ffemu"));
  if (info.has_audio) {
    meta.Set("audiocodecid", Amf0Value::Number(10))
        .Set("audiosamplerate", Amf0Value::Number(info.sample_rate))
        .Set("audiosamplesize", Amf0Value::Number(16))
        .Set("audiodatarate", Amf0Value::Number(static_cast<double>(info.audio_bitrate) / 1000))
        .Set("stereo", Amf0Value::Boolean(info.channels > 1));
  }
  return EncodeValues({Amf0Value::String("@setDataFrame"), Amf0Value::String("onMetaData"), meta});
}

std::optional<MediaPacket> ParseTagBody(MediaKind kind, int64_t dts_ms, std::span<const uint8_t> body) {
  MediaPacket p;
  p.kind = kind;
  p.dts_ms = dts_ms;
  if (kind == MediaKind::kVideo) {
    if (body.size() < 5 || (body[0] & 0x0f) != 7) return std::nullopt;
    p.keyframe = (body[0] >> 4) == 1;
    p.config = body[1] == 0;
    if (body[1] > 1) return std::nullopt;  // end of sequence
    int32_t cts = (body[2] << 16) | (body[3] << 8) | body[4];
    if (cts & 0x800000) cts -= 0x1000000;
    p.cts_ms = cts;
    p.payload.assign(body.begin() + 5, body.end());
    return p;
  }
  if (kind == MediaKind::kAudio) {
    if (body.size() < 2 || (body[0] >> 4) != 10) return std::nullopt;
    p.config = body[1] == 0;
    p.payload.assign(body.begin() + 2, body.end());
    return p;
  }
  return std::nullopt;
}

}  // namespace ffsb::emu
