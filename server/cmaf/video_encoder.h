// VideoEncoder: one rendition of the ladder. Scales decoded frames to the
// rendition's box (keeping the input's aspect ratio) and encodes them with
// libx264 through libavcodec.
//
// GOP rules (docs/cmaf.md "Timing"): keyframes are IDR frames forced by the
// caller at segment boundaries (the same decision is given to every
// rendition, so segments align); scene-cut detection is off, GOPs are closed,
// and the natural keyframe interval is far longer than a segment so x264
// never cuts on its own inside a segment.
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "server/base/status.h"
#include "server/cmaf/av_util.h"
#include "server/cmaf/ladder_config.h"

namespace ffsb::cmaf {

struct EncoderSettings {
  std::string preset = "veryfast";
  std::string tune;        // "" (none) or e.g. "zerolatency"
  int max_fps = 30;        // output frame rate cap; also the rate-control hint
  int segment_duration_s = 2;
  int threads = 0;         // 0 = libx264's default (auto)
};

// The size a rendition box gets for an input of in_w x in_h: the largest even
// size with the input's aspect that fits in the box. Equal aspect ratios give
// exactly the box.
void FitInBox(int in_w, int in_h, int box_w, int box_h, int* out_w, int* out_h);

class VideoEncoder {
 public:
  using PacketSink = std::function<Status(AVPacket*)>;  // time base 1/90000

  // Output size is decided by the first frame; open happens then.
  VideoEncoder(RenditionSpec spec, EncoderSettings settings)
      : spec_(std::move(spec)), settings_(std::move(settings)) {}

  // Opens the encoder for frames of in_w x in_h. Must precede Encode.
  Status Open(int in_w, int in_h);
  bool is_open() const { return ctx_ != nullptr; }
  const AVCodecContext* context() const { return ctx_.get(); }
  int width() const { return out_w_; }
  int height() const { return out_h_; }
  const RenditionSpec& spec() const { return spec_; }

  // `frame->pts` in ms. Input of another size is scaled all the same.
  Status Encode(const AVFrame* frame, bool force_keyframe, const PacketSink& sink);
  Status Flush(const PacketSink& sink);

 private:
  Status Drain(const PacketSink& sink);

  RenditionSpec spec_;
  EncoderSettings settings_;
  CodecCtxPtr ctx_;
  SwsPtr sws_;
  int sws_in_w_ = 0, sws_in_h_ = 0, sws_in_fmt_ = -1;
  int out_w_ = 0, out_h_ = 0;
  FramePtr scaled_ = MakeFrame();
  PacketPtr pkt_ = MakePacket();
};

}  // namespace ffsb::cmaf
