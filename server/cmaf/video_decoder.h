// VideoDecoder: H.264 (AVCC framing, as carried in FLV) to raw frames with
// libavcodec. Timestamps in and out are milliseconds on the output timeline.
//
// Failure policy (docs/cmaf.md "Errors"): a sequence header that the decoder
// refuses is fatal at once; otherwise each packet the decoder rejects, and
// each frame it flags corrupt, counts as a failure, a clean frame resets the
// count, and `kMaxConsecutiveFailures` in a row is fatal ("fails decoding
// persistently").
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "server/base/status.h"
#include "server/cmaf/av_util.h"

namespace ffsb::cmaf {

class VideoDecoder {
 public:
  static constexpr int kMaxConsecutiveFailures = 45;
  using FrameSink = std::function<Status(AVFrame*)>;  // frame pts = ms

  // Opens (or re-opens, when the record changed) the decoder with an
  // AVCDecoderConfigurationRecord.
  Status Configure(const uint8_t* avcc, size_t size);
  bool configured() const { return ctx_ != nullptr; }

  // Decodes one FLV video payload (AVCC NAL units).
  Status Decode(const uint8_t* data, size_t size, int64_t pts_ms, int64_t dts_ms, bool key,
                const FrameSink& sink);
  // Drains frames still inside the decoder.
  Status Flush(const FrameSink& sink);

  uint64_t frames_decoded() const { return frames_; }

 private:
  Status Drain(const FrameSink& sink);
  Status CountFailure(const std::string& what);

  CodecCtxPtr ctx_;
  std::vector<uint8_t> extradata_;
  FramePtr frame_ = MakeFrame();
  PacketPtr pkt_ = MakePacket();
  int consecutive_failures_ = 0;
  uint64_t frames_ = 0;
};

}  // namespace ffsb::cmaf
