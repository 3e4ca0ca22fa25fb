// AudioTranscoder: AAC in (FLV AudioSpecificConfig + raw frames) to AAC-LC
// out at the ladder's audio bitrate, 48 kHz stereo, with libavcodec's native
// encoder. Encoded once and shared by every video rendition (its own HLS
// rendition group / DASH adaptation set).
//
// Timing: output pts counts samples (1/48000) from the first decoded frame;
// a gap of more than kResyncMs re-bases the count on the input's time, an
// overlap of more than kResyncMs drops the overlapping input frame.
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "server/base/status.h"
#include "server/cmaf/av_util.h"

namespace ffsb::cmaf {

class AudioTranscoder {
 public:
  static constexpr int kSampleRate = 48000;
  static constexpr int64_t kResyncMs = 100;
  using PacketSink = std::function<Status(AVPacket*)>;  // time base 1/48000

  // Opens the AAC encoder (so the init segment can be written before audio
  // arrives).
  Status OpenEncoder(int64_t bitrate);
  const AVCodecContext* encoder() const { return enc_.get(); }

  // (Re)opens the decoder on an AudioSpecificConfig. A config the decoder
  // refuses returns an error; the caller drops audio rather than the stream.
  Status Configure(const uint8_t* asc, size_t size);
  bool configured() const { return dec_ != nullptr; }

  Status Decode(const uint8_t* data, size_t size, int64_t pts_ms, const PacketSink& sink);
  Status Flush(const PacketSink& sink);

 private:
  Status OnDecoded(AVFrame* f, const PacketSink& sink);
  Status EncodeFromFifo(bool final, const PacketSink& sink);
  Status Drain(const PacketSink& sink);

  CodecCtxPtr dec_;
  CodecCtxPtr enc_;
  std::vector<uint8_t> asc_;
  SwrPtr swr_;
  int swr_in_rate_ = 0, swr_in_fmt_ = -1, swr_in_channels_ = 0;
  FifoPtr fifo_;
  int64_t next_pts_ = AV_NOPTS_VALUE;  // 1/48000, pts of the fifo's first sample
  FramePtr in_ = MakeFrame();
  FramePtr out_ = MakeFrame();
  PacketPtr pkt_ = MakePacket();
};

}  // namespace ffsb::cmaf
