// Timeline: joins recorded parts into one gapless timeline (contract §5: the
// recording is the LIVE time only). Part N+1 starts where part N ended, so
// the total duration is the sum of the parts' durations. Pure arithmetic in
// microseconds; see docs/vod.md "Archive pipeline".
//
// A part's span runs from its first packet's DTS to the latest end among its
// streams (last DTS plus that packet's duration, or the stream's last DTS
// step when the demuxer gives none). Output DTS is strictly increasing per
// stream; PTS keeps its offset from DTS (B-frame reordering survives).
//
// Thread-safety: one thread.
#pragma once

#include <array>
#include <cstdint>

namespace ffsb::vod {

class Timeline {
 public:
  static constexpr int kStreams = 2;  // 0 = video, 1 = audio
  struct Stamp {
    int64_t dts_us;
    int64_t pts_us;
  };

  void BeginPart();
  // REQUIRES: 0 <= stream < kStreams; inside BeginPart()/EndPart().
  Stamp Map(int stream, int64_t dts_us, int64_t pts_us, int64_t duration_us);
  void EndPart();

  // Sum of the spans of the parts ended so far.
  int64_t duration_us() const { return offset_us_; }

 private:
  struct PerStream {
    bool seen = false;      // in the current part
    int64_t last_dts = 0;   // input, current part
    int64_t step = 0;       // last DTS step, input units
    int64_t end = 0;        // input, current part
    bool any_out = false;   // across parts
    int64_t last_out = 0;
  };
  std::array<PerStream, kStreams> s_{};
  bool part_has_packets_ = false;
  int64_t part_start_ = 0;
  int64_t offset_us_ = 0;
};

}  // namespace ffsb::vod
