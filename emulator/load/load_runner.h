// `ffemu load`: N viewers of one stream on ONE Boost.Asio event loop
// (one thread), started at --ramp viewers per second, with a live counter
// line: refreshed in place on a TTY, one line every 5 s otherwise.
//
// Thread-safety: RunLoad blocks the calling thread; stop may be raised anywhere.
#pragma once

#include <atomic>
#include <cstdio>

#include "emulator/common/url.h"
#include "emulator/load/load_counters.h"
#include "server/base/status.h"

namespace ffsb::emu {

struct LoadOptions {
  Url url;
  PlayProtocol protocol = PlayProtocol::kRtmp;  // kRtmp or kHttpFlv
  int viewers = 1;
  double duration_s = 0;  // 0: until stopped
  double ramp_per_s = 100;
  FILE* out = stdout;
};

struct LoadResult {
  LoadCounters counters;
  double seconds = 0;
  double cpu_seconds = 0;  // user + system of this process
};

Status RunLoad(const LoadOptions& o, const std::atomic<bool>* stop, LoadResult* result);

}  // namespace ffsb::emu
