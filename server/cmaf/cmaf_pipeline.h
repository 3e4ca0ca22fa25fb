// CmafPipeline: the live CMAF output of one RTMP ingest. The RTMP media thread
// pushes FLV tag bodies; the pipeline's own worker thread transcodes them to
// the profile's ladder and publishes CMAF segments with HLS (master.m3u8) and
// DASH (manifest.mpd) manifests into options.output_dir. docs/cmaf.md has the
// design, layout, timing rules and resume behaviour.
//
// Thread-safety:
//  - OnFlvTag/OnEnd: from one producer thread (the media thread). They never
//    block on transcoding: tags are copied into a bounded queue; when it is
//    full the queue drops to the next video keyframe (logged once per episode).
//  - Stop/Wait/stats/the destructor: from any thread other than the worker
//    (i.e. not from inside a callback).
//  - Callbacks run on the worker thread.
// Lifecycle: Start → OnFlvTag* → OnEnd → (worker drains, flushes the last
// segments, writes state) → on_finished. An error calls on_error once, stops
// the worker (later tags are ignored) and then on_finished. Destroying the
// pipeline aborts the worker (Stop) if it is still running.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "server/base/log.h"
#include "server/base/status.h"
#include "server/cmaf/pipeline_types.h"
#include "server/cmaf/tag_queue.h"

namespace ffsb::cmaf {

class Transcoder;

class CmafPipeline {
 public:
  // Validates options, prepares the output directory (loading the previous
  // state when options.resume) and starts the worker.
  static Result<std::unique_ptr<CmafPipeline>> Start(PipelineOptions options, PipelineCallbacks callbacks);
  ~CmafPipeline();
  CmafPipeline(const CmafPipeline&) = delete;
  CmafPipeline& operator=(const CmafPipeline&) = delete;

  // tag_type: 8 audio, 9 video, 18 script data; body as in the RTMP message.
  void OnFlvTag(uint8_t tag_type, uint32_t timestamp_ms, const uint8_t* body, size_t size);
  // The ingest ended: finish the last segments and stop.
  void OnEnd();
  // Abort now: queued tags are discarded, the last partial segment is not
  // published. Joins the worker.
  void Stop();
  // Blocks until the worker has exited (after OnEnd, an error or Stop).
  void Wait();

  PipelineStats stats() const;

 private:
  CmafPipeline(PipelineOptions options, PipelineCallbacks callbacks);
  void Run();

  PipelineOptions options_;
  PipelineCallbacks callbacks_;
  Logger log_;
  TagQueue queue_;
  std::unique_ptr<Transcoder> transcoder_;  // touched only by the worker after Start
  std::thread worker_;
  std::mutex join_mu_;
  std::atomic<uint64_t> tags_in_{0};
  mutable std::mutex stats_mu_;
  PipelineStats stats_;  // guarded by stats_mu_; refreshed by the worker
};

}  // namespace ffsb::cmaf
