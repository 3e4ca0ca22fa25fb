#include "server/media/viewer_policy.h"

#include "server/protocol/message.h"

namespace ffsb {

ViewerPolicy::Action ViewerPolicy::Admit(const Frame& f, size_t queued, int64_t now_us) {
  bool resume_point = f.type == rtmp::kVideo && f.keyframe;
  if (f.sequence_header) return Action::kEnqueue;
  if (queued + f.body.size() > bound_) {
    ++total_overflows_;
    recent_overflows_.push_back(now_us);
    while (!recent_overflows_.empty() && now_us - recent_overflows_.front() > 10'000'000) {
      recent_overflows_.pop_front();
    }
    if (recent_overflows_.size() >= 3) return Action::kDisconnect;
    waiting_keyframe_ = !resume_point;
    return resume_point ? Action::kDropQueuedThenEnqueue : Action::kDropQueuedThenSkip;
  }
  if (waiting_keyframe_) {
    if (!resume_point) return Action::kSkip;
    waiting_keyframe_ = false;
  }
  return Action::kEnqueue;
}

}  // namespace ffsb
