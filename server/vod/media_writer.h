// MediaWriter: the output half of an archive. Takes the packets of each part
// (timestamps in microseconds), joins them on one Timeline and writes them
// to the profile's formats (MP4, CMAF HLS, CMAF DASH; one MuxSink each) and
// feeds the thumbnail grabber. Copies the streams, or re-encodes them
// through a Transcoder when the profile asks for it.
//
// Output streams: at most one video and one audio, shaped by the first
// part. Later parts must match it in copy mode (Archive() switches to
// re-encoding when they do not); a kind the output lacks is dropped.
//
// Thread-safety: one thread. Owns sinks, timeline, grabber and transcoder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/base/status.h"
#include "server/vod/archive_profile.h"
#include "server/vod/file_system.h"
#include "server/vod/mux_sink.h"
#include "server/vod/part_input.h"
#include "server/vod/thumbnail.h"
#include "server/vod/timeline.h"
#include "server/vod/transcoder.h"

namespace ffsb::vod {

// True when `b` can be stream-copied after `a` (same codec, size, extradata).
bool SameCodecParameters(const AVCodecParameters* a, const AVCodecParameters* b);

class MediaWriter {
 public:
  // Creates dir/hls and dir/dash as needed and opens the sinks, shaped by
  // the streams of `first`.
  static Result<std::unique_ptr<MediaWriter>> Open(FileSystem* fs, const std::string& dir,
                                                   const ArchiveProfile& profile,
                                                   const PartInput& first);
  ~MediaWriter();

  Status BeginPart(const PartInput& in);
  // kind 0 = video, 1 = audio. Modifies the packet's timestamps.
  Status Write(int kind, AVPacket* packet);
  Status EndPart();
  // Finishes every sink and writes thumbnail.jpg (when there is video).
  Status Finish();

  int64_t duration_us() const { return timeline_.duration_us(); }
  int width() const { return width_; }
  int height() const { return height_; }
  bool has_thumbnail() const { return has_thumbnail_; }

 private:
  MediaWriter() = default;
  Status WriteOut(int kind, AVPacket* packet);

  FileSystem* fs_ = nullptr;
  std::string dir_;
  ArchiveProfile profile_;
  Timeline timeline_;
  std::vector<std::unique_ptr<MuxSink>> sinks_;
  int out_index_[2] = {-1, -1};
  AVCodecParameters* copy_params_[2] = {nullptr, nullptr};  // copy mode: the output's
  std::unique_ptr<Transcoder> transcoder_;
  std::unique_ptr<ThumbnailGrabber> thumbnail_;
  int width_ = 0;
  int height_ = 0;
  bool has_thumbnail_ = false;
};

}  // namespace ffsb::vod
