// `ffemu publish`: drives a MediaSource into an RTMP URL for a duration,
// optionally flapping (going off air and back per a FlapSchedule, each break
// done the chosen way: clean goodbye, TCP reset, or a silent stall on the
// same connection). Prints one status line per second.
//
// Thread-safety: RunPublish runs on the calling thread until done; the stop
// flag may be raised from a signal handler or another thread.
#pragma once

#include <atomic>
#include <cstdio>

#include "emulator/common/url.h"
#include "emulator/media/media_source.h"
#include "emulator/publish/flap_schedule.h"
#include "server/base/clock.h"

namespace ffsb::emu {

struct PublishOptions {
  Url url;
  double duration_s = 0;  // 0: until stopped
  int timeout_s = 10;     // connect / handshake timeout
  BreakKind break_kind = BreakKind::kClean;
  FlapSchedule flap = FlapSchedule::None();
  FILE* status_out = stdout;  // status lines; null for none
};

struct PublishStats {
  uint64_t video_frames = 0;
  uint64_t bytes = 0;
  int connections = 0;  // successful publishes (1 + reconnects)
  int breaks = 0;
  double seconds = 0;
};

// Returns OK when the duration ended or stop was raised; an error when the
// server refused the connection or publish (message names the onStatus
// code) or the connection was lost.
Status RunPublish(MediaSource& source, const PublishOptions& options, const Clock& clock,
                  const std::atomic<bool>* stop, PublishStats* stats);

}  // namespace ffsb::emu
