#include "tests/unit/cmaf/pipeline_harness.h"

#include <chrono>
#include <filesystem>
#include <thread>

namespace ffsb::cmaf::testing {

RunOutcome RunPipeline(const RunSpec& spec) {
  static SystemClock clock;
  RunOutcome out;
  PipelineOptions o;
  o.ladder = spec.ladder;
  o.output_dir = spec.dir;
  o.resume = spec.resume;
  o.max_queue_bytes = spec.max_queue_bytes;
  o.clock = &clock;
  o.log_tag = "cmaf-test";
  PipelineCallbacks cb;
  cb.on_viewable = [&] {
    ++out.viewable_calls;
    bool all = true;
    for (const auto& r : spec.ladder.video) {
      std::string pl = ReadText(spec.dir + "/" + r.name + "/playlist.m3u8");
      if (pl.find("#EXTINF") == std::string::npos) all = false;
    }
    out.viewable_saw_every_rendition = all;
  };
  cb.on_error = [&](PipelineError e, const std::string& m) {
    ++out.error_calls;
    out.error = e;
    out.error_message = m;
  };
  cb.on_finished = [&] { ++out.finished_calls; };
  auto p = CmafPipeline::Start(o, cb);
  if (!p.ok()) return out;
  out.start_ok = true;
  auto t0 = std::chrono::steady_clock::now();
  uint32_t first_ts = spec.tags.empty() ? 0 : spec.tags.front().timestamp_ms;
  for (const Tag& t : spec.tags) {
    if (spec.realtime_factor > 0) {
      auto due = t0 + std::chrono::milliseconds(
                          static_cast<int64_t>((t.timestamp_ms - first_ts) / spec.realtime_factor));
      std::this_thread::sleep_until(due);
    }
    (*p)->OnFlvTag(t.type, t.timestamp_ms, t.body.data(), t.body.size());
  }
  (*p)->OnEnd();
  (*p)->Wait();
  out.stats = (*p)->stats();
  return out;
}

}  // namespace ffsb::cmaf::testing
