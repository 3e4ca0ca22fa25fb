// ThumbnailGrabber: decodes the start of the archived video until it reaches
// the frame at ~1 s (or the stream ends: then the last decoded frame, i.e.
// the first keyframe of a short recording), fits it into the THUMBNAIL
// profile's box (default 640x360) with black letterbox/pillarbox bars and
// encodes it as a baseline JPEG with the mjpeg encoder.
//
// Thread-safety: one thread. Owns its decoder, scaler and frames.
#pragma once

#include <memory>
#include <string>

#include "server/base/status.h"
#include "server/vod/av_util.h"
#include "server/vod/file_system.h"

struct SwsContext;

namespace ffsb::vod {

class ThumbnailGrabber {
 public:
  // `params` of the video stream whose packets Feed() gets; box in pixels.
  static Result<std::unique_ptr<ThumbnailGrabber>> Create(const AVCodecParameters* params,
                                                          int box_width, int box_height,
                                                          int64_t target_us = 1'000'000);
  ~ThumbnailGrabber();

  // Timestamps in microseconds. Cheap no-op once done().
  void Feed(const AVPacket* packet);
  bool done() const { return done_; }
  // Starts decoding afresh (a new part with new parameters).
  void Reset(const AVCodecParameters* params);
  // Flushes the decoder, picks the frame, writes the JPEG.
  Status WriteJpeg(FileSystem* fs, const std::string& path);

 private:
  ThumbnailGrabber() = default;
  Status OpenDecoder(const AVCodecParameters* params);
  void Drain();
  Result<std::string> Encode();

  int box_w_ = 0;
  int box_h_ = 0;
  int64_t target_us_ = 0;
  CodecContextPtr decoder_;
  FramePtr frame_ = MakeFrame();
  FramePtr best_ = MakeFrame();  // the last decoded frame so far
  bool have_best_ = false;
  bool done_ = false;
};

}  // namespace ffsb::vod
