// Cheap per-ingest statistics (IngestStats): O(1) per frame, rates computed
// over the window between two Snapshot() calls. Codec, resolution and audio
// format come from the sequence headers (server/protocol/avc.h, aac.h).
//
// Media loop thread only.
#pragma once

#include <cstdint>

#include "server/media/frame.h"
#include "server/media/ingest_gate.h"

namespace ffsb {

class StatsMeter {
 public:
  explicit StatsMeter(int64_t start_us) : start_us_(start_us), window_start_us_(start_us) {}
  void OnFrame(const Frame& f);
  // Closes the current window and returns the stats; bytes_in is the
  // connection's total received bytes.
  IngestStats Snapshot(int64_t now_us, uint64_t bytes_in);
  const IngestStats& current() const { return stats_; }
  uint64_t video_frames() const { return video_frames_total_; }

 private:
  IngestStats stats_;
  int64_t start_us_, window_start_us_;
  uint64_t window_bytes_ = 0, window_video_frames_ = 0, video_frames_total_ = 0;
  bool have_keyframe_ = false;
  uint32_t last_keyframe_ts_ = 0;
  double sps_fps_ = 0;
};

}  // namespace ffsb
