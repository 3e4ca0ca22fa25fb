// Runs a CmafPipeline over FLV tags the way the RTMP media thread would and
// records what its callbacks reported.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/cmaf/cmaf_pipeline.h"
#include "tests/unit/cmaf/test_media.h"

namespace ffsb::cmaf::testing {

struct RunOutcome {
  int viewable_calls = 0;
  bool viewable_saw_every_rendition = false;  // checked inside on_viewable
  int error_calls = 0;
  PipelineError error = PipelineError::kInternal;
  std::string error_message;
  int finished_calls = 0;
  PipelineStats stats;
  bool start_ok = false;
};

struct RunSpec {
  std::vector<Tag> tags;
  LadderConfig ladder = DefaultLandscapeLadder();
  std::string dir;
  bool resume = false;
  size_t max_queue_bytes = 512u << 20;
  double realtime_factor = 0;  // 0: push as fast as possible; 1: pace like a live encoder
};

RunOutcome RunPipeline(const RunSpec& spec);

}  // namespace ffsb::cmaf::testing
