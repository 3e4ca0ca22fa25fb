#include "server/vod/timeline.h"

#include <algorithm>

namespace ffsb::vod {

void Timeline::BeginPart() {
  part_has_packets_ = false;
  for (auto& st : s_) st.seen = false;
}

Timeline::Stamp Timeline::Map(int stream, int64_t dts, int64_t pts, int64_t duration) {
  PerStream& st = s_[stream];
  if (!part_has_packets_) {
    part_has_packets_ = true;
    part_start_ = dts;
  }
  if (st.seen && dts > st.last_dts) st.step = dts - st.last_dts;
  int64_t end = dts + (duration > 0 ? duration : st.step);
  st.end = st.seen ? std::max(st.end, end) : end;
  st.seen = true;
  st.last_dts = dts;

  int64_t out = offset_us_ + (dts - part_start_);
  if (st.any_out && out <= st.last_out) out = st.last_out + 1;
  st.any_out = true;
  st.last_out = out;
  return Stamp{out, out + std::max<int64_t>(0, pts - dts)};
}

void Timeline::EndPart() {
  if (!part_has_packets_) return;
  int64_t end = part_start_;
  for (auto& st : s_) {
    if (st.seen) end = std::max(end, st.end);
  }
  offset_us_ += end - part_start_;
  part_has_packets_ = false;
}

}  // namespace ffsb::vod
