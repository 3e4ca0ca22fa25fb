// What a publisher pulls media from. A source hands out packets in real
// time: Next() blocks until the next packet is due by the wall clock, so the
// publisher needs no pacing of its own. Timestamps are milliseconds since
// the source started and keep running across pauses (Resync), as a camera's
// would; a publisher that reconnects rebases them to 0.
//
// Thread-safety: one thread drives a source (publisher thread).
// Ownership: the caller owns the source; the stop flag must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "emulator/media/media_packet.h"
#include "server/base/status.h"

namespace ffsb::emu {

struct StreamInfo {
  int width = 0;
  int height = 0;
  double fps = 0;
  int64_t video_bitrate = 0;  // bits/s, 0 when unknown
  bool has_audio = false;
  int sample_rate = 0;
  int channels = 0;
  int64_t audio_bitrate = 0;
  std::vector<uint8_t> avc_config;  // AVCDecoderConfigurationRecord
  std::vector<uint8_t> aac_config;  // AudioSpecificConfig (empty without audio)
};

class MediaSource {
 public:
  virtual ~MediaSource() = default;
  virtual const StreamInfo& Info() const = 0;
  // Blocks until the next packet is due and returns it. Error when the stop
  // flag is raised (ErrorCode::SERVICE_UNAVAILABLE, "stopped") or on failure.
  virtual Result<MediaPacket> Next() = 0;
  // After the publisher paused (flapping): skip to the present without
  // bursting the backlog, and start the next video packet on a keyframe.
  virtual void Resync() = 0;
};

using MediaSourcePtr = std::unique_ptr<MediaSource>;

}  // namespace ffsb::emu
