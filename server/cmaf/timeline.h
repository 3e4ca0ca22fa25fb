// Timeline: maps FLV tag timestamps (uint32 ms, per-ingest, may jump or wrap)
// onto the pipeline's output timeline (int64 ms, continuous).
//
// Rules (docs/cmaf.md "Timing"):
//  - The first video keyframe maps to `origin_ms` (kFreshOriginMs for a new
//    stream, the previous ingest's end for a resumed one). Output time never
//    goes negative, so B-frame decode times and AAC priming stay positive.
//  - One shared offset for audio and video keeps them in sync. A tag whose
//    mapped time moves backwards by more than kBackJumpMs or forwards by more
//    than kForwardJumpMs from the last tag of its kind is a jump: the offset
//    is re-based so that tag lands one nominal frame after the last one.
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <optional>

namespace ffsb::cmaf {

inline constexpr int64_t kFreshOriginMs = 10'000;
inline constexpr int64_t kBackJumpMs = 500;
inline constexpr int64_t kForwardJumpMs = 5'000;

class Timeline {
 public:
  explicit Timeline(int64_t origin_ms) : origin_ms_(origin_ms) {}

  bool started() const { return offset_.has_value(); }
  // Anchors the timeline at the first video keyframe's timestamp.
  void Start(uint32_t first_keyframe_ts);
  // REQUIRES: started(). Returns the output time; `jumped` tells whether the
  // offset was re-based by this call.
  int64_t MapVideo(uint32_t ts, bool* jumped);
  int64_t MapAudio(uint32_t ts, bool* jumped);

  int64_t origin_ms() const { return origin_ms_; }
  uint64_t jumps() const { return jumps_; }

 private:
  int64_t Map(uint32_t ts, std::optional<int64_t>* last, int64_t nominal_step, bool* jumped);

  int64_t origin_ms_;
  std::optional<int64_t> offset_;  // output = unwrapped input + offset
  std::optional<int64_t> last_video_;
  std::optional<int64_t> last_audio_;
  uint64_t jumps_ = 0;
};

}  // namespace ffsb::cmaf
