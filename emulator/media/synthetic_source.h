// The default publish source: the test pattern (test_pattern.h) encoded
// in-process with libx264 (tune zerolatency, no B-frames, fixed GOP) and the
// tone with FFmpeg's AAC encoder. Every video frame is stamped twice with its
// capture time (wall clock when drawn): the SEI (timestamp_sei.h) and the
// barcode (barcode.h).
//
// Thread-safety: one thread (see MediaSource).
#pragma once

#include <atomic>
#include <deque>
#include <string>

#include "emulator/media/media_source.h"
#include "emulator/media/test_pattern.h"
#include "server/base/clock.h"

struct AVCodecContext;
struct AVFrame;
struct AVPacket;

namespace ffsb::emu {

struct SyntheticOptions {
  int width = 1280;
  int height = 720;
  int fps = 30;
  int64_t video_bitrate = 2'500'000;
  int gop_frames = 60;          // keyframe interval
  bool audio = true;
  int sample_rate = 48000;
  int64_t audio_bitrate = 128'000;
  std::string preset = "veryfast";
};

class SyntheticSource final : public MediaSource {
 public:
  // REQUIRES: clock and stop outlive the source.
  static Result<MediaSourcePtr> Create(const SyntheticOptions& options, const Clock* clock,
                                       const std::atomic<bool>* stop);
  ~SyntheticSource() override;

  const StreamInfo& Info() const override { return info_; }
  Result<MediaPacket> Next() override;
  void Resync() override;

 private:
  SyntheticSource(const SyntheticOptions& o, const Clock* clock, const std::atomic<bool>* stop);
  Status Open();
  Status EncodeVideo();
  Status EncodeAudio();
  Status Drain(AVCodecContext* ctx, MediaKind kind);
  Micros VideoDue() const;
  Micros AudioDue() const;

  SyntheticOptions opt_;
  const Clock* clock_;
  const std::atomic<bool>* stop_;
  StreamInfo info_;
  TestPattern pattern_;
  AVCodecContext* venc_ = nullptr;
  AVCodecContext* aenc_ = nullptr;
  AVFrame* vframe_ = nullptr;
  AVFrame* aframe_ = nullptr;
  AVPacket* pkt_ = nullptr;
  Micros t0_ = 0;               // monotonic time of frame 0 / sample 0
  int64_t video_index_ = 0;     // next frame to draw
  int64_t audio_sample_ = 0;    // next sample to synthesize
  bool force_key_ = false;
  std::deque<std::pair<int64_t, Micros>> capture_times_;  // pts -> wall time
  std::deque<MediaPacket> ready_;
};

}  // namespace ffsb::emu
