// The public vocabulary of a CMAF pipeline: options, callbacks, failure kinds
// and counters (see cmaf_pipeline.h for the pipeline itself).
//
// Thread-safety: value types. Callbacks run on the pipeline's worker thread;
// they must not call back into the same pipeline's Stop()/destructor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "server/base/clock.h"
#include "server/cmaf/ladder_config.h"
#include "server/cmaf/video_encoder.h"

namespace ffsb::cmaf {

enum class PipelineError {
  kUnsupportedCodec,  // video is not H.264 (e.g. HEVC, VP6) — refused at the first video tag
  kUndecodable,       // the H.264 stream fails decoding persistently, or its sequence header is refused
  kOutputFailed,      // the output directory cannot be written
  kInternal,          // an encoder/muxer failed
};
std::string_view PipelineErrorName(PipelineError e);  // "UNSUPPORTED_CODEC", ...

struct PipelineOptions {
  LadderConfig ladder;
  std::string output_dir;    // created if missing; one directory per stream
  EncoderSettings encoder;   // preset/tune/max_fps/threads; segment duration comes from `ladder`
  int window_segments = 6;   // listed in playlists/MPD; files kept for kGraceSegments more
  bool resume = false;       // continue the existing output in output_dir (new period)
  size_t max_queue_bytes = 24u << 20;  // ~30 s of 720p60 at 6 Mb/s before dropping
  const Clock* clock = nullptr;        // REQUIRED; wall clock for the MPD
  std::string log_tag = "cmaf";
};

struct PipelineCallbacks {
  std::function<void()> on_viewable;  // once: first segment of every track published
  std::function<void(PipelineError, const std::string&)> on_error;  // once; the pipeline then stops
  std::function<void()> on_finished;  // once, last, when the worker exits (after OnEnd, error or Stop)
};

struct PipelineStats {
  uint64_t tags_in = 0;
  uint64_t tags_dropped = 0;     // overflow drops (queue)
  uint64_t frames_decoded = 0;
  uint64_t frames_encoded = 0;   // per rendition (after the fps cap)
  uint64_t segments_published = 0;  // all tracks
  uint64_t timestamp_jumps = 0;
  bool viewable = false;
  bool failed = false;
};

}  // namespace ffsb::cmaf
