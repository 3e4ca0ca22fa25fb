// Back-pressure policy for one viewer: a slow viewer never slows the
// publisher or other viewers. When its queue would pass the byte bound, its
// queued media is dropped and it skips ahead to the next video keyframe; a
// viewer that overflows 3 times within 10 s is disconnected.
// Sequence headers and metadata are never dropped. See docs/rtmp.md.
//
// Pure (time passed in); one instance per viewer, media loop thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>

#include "server/media/frame.h"

namespace ffsb {

class ViewerPolicy {
 public:
  enum class Action { kEnqueue, kSkip, kDropQueuedThenEnqueue, kDropQueuedThenSkip, kDisconnect };
  explicit ViewerPolicy(size_t bound_bytes, bool start_at_keyframe = false)
      : bound_(bound_bytes), waiting_keyframe_(start_at_keyframe) {}

  Action Admit(const Frame& f, size_t queued_bytes, int64_t now_us);
  bool waiting_keyframe() const { return waiting_keyframe_; }
  uint64_t overflows() const { return total_overflows_; }

 private:
  size_t bound_;
  bool waiting_keyframe_;
  std::deque<int64_t> recent_overflows_;
  uint64_t total_overflows_ = 0;
};

}  // namespace ffsb
