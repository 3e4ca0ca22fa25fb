// Transcoder: the re-encoding path of the archiver, used when the VIDEO
// profile names sizes/bitrates (archive_profile.h) or when parts cannot be
// stream-copied one after another (their codec parameters differ, e.g. the
// publisher changed resolution between parts). Video is decoded, scaled to
// the profile size (or the first part's size) and encoded with libx264;
// audio is decoded, resampled and encoded with the native AAC encoder.
// Decoders are reopened for every part; encoders live for the whole archive,
// so the output is one continuous stream per kind.
//
// Timestamps in and out are microseconds on the joined timeline.
// Thread-safety: one thread. Owns codecs, scaler, resampler and FIFO.
#pragma once

#include <functional>
#include <memory>

#include "server/base/status.h"
#include "server/vod/archive_profile.h"
#include "server/vod/av_util.h"
#include "server/vod/part_input.h"

struct SwsContext;
struct SwrContext;
struct AVAudioFifo;

namespace ffsb::vod {

class Transcoder {
 public:
  using Emit = std::function<Status(int kind, AVPacket* packet)>;

  static Result<std::unique_ptr<Transcoder>> Create(const ArchiveProfile& profile,
                                                    const PartInput& first);
  ~Transcoder();

  // Kind 0 = video, 1 = audio; null when the output has no such stream.
  const AVCodecParameters* output_params(int kind) const { return params_[kind]; }
  AVRational output_time_base(int kind) const;

  Status BeginPart(const PartInput& in);
  Status Push(int kind, const AVPacket* packet, const Emit& emit);
  Status EndPart(const Emit& emit);
  Status Finish(const Emit& emit);

 private:
  Transcoder() = default;
  Status OpenEncoders(const ArchiveProfile& profile, const PartInput& first);
  Status Decode(int kind, const AVPacket* packet, const Emit& emit);
  Status EncodeVideo(AVFrame* frame, const Emit& emit);
  Status EncodeAudio(AVFrame* frame, const Emit& emit);
  Status PumpAudio(bool flush, const Emit& emit);
  Status Drain(int kind, const Emit& emit);

  CodecContextPtr dec_[2];
  CodecContextPtr enc_[2];
  AVCodecParameters* params_[2] = {nullptr, nullptr};
  SwsContext* sws_ = nullptr;
  SwrContext* swr_ = nullptr;
  AVAudioFifo* fifo_ = nullptr;
  FramePtr frame_ = MakeFrame();
  FramePtr scaled_ = MakeFrame();
  PacketPtr out_ = MakePacket();
  int64_t last_video_pts_ = INT64_MIN;
  int64_t audio_samples_ = 0;          // samples sent to the AAC encoder
  int64_t audio_origin_us_ = INT64_MIN;  // timeline time of sample 0
};

}  // namespace ffsb::vod
