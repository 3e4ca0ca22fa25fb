#include "server/cmaf/timeline.h"

namespace ffsb::cmaf {

void Timeline::Start(uint32_t first_keyframe_ts) {
  offset_ = origin_ms_ - static_cast<int64_t>(first_keyframe_ts);
}

int64_t Timeline::Map(uint32_t ts, std::optional<int64_t>* last, int64_t nominal_step, bool* jumped) {
  *jumped = false;
  int64_t out = static_cast<int64_t>(ts) + *offset_;
  if (last->has_value()) {
    int64_t delta = out - **last;
    if (delta < -kBackJumpMs || delta > kForwardJumpMs) {
      *offset_ += (**last + nominal_step) - out;
      out = **last + nominal_step;
      *jumped = true;
      ++jumps_;
    }
  }
  *last = out;
  return out;
}

int64_t Timeline::MapVideo(uint32_t ts, bool* jumped) { return Map(ts, &last_video_, 33, jumped); }
int64_t Timeline::MapAudio(uint32_t ts, bool* jumped) { return Map(ts, &last_audio_, 21, jumped); }

}  // namespace ffsb::cmaf
