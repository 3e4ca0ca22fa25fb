// Counters shared by every viewer of a load run. All viewers run on one
// event loop thread; the reporter reads them on the same thread.
#pragma once

#include <cstdint>

namespace ffsb::emu {

struct LoadCounters {
  int started = 0;
  int connected = 0;     // playing now (got Play.Start / HTTP 200)
  int failed = 0;        // refused, reset, or timed out
  uint64_t bytes = 0;
  uint64_t video_frames = 0;
  uint64_t audio_frames = 0;
};

}  // namespace ffsb::emu
