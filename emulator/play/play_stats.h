// What a viewer measured: startup time (connect -> first video frame),
// frames and bytes, stalls, and glass-to-glass latency from the capture
// stamps in the frames (SEI or barcode). A stall is playback running dry for
// more than 1 s: for RTMP/HTTP-FLV a gap of > 1 s between media messages,
// for HLS/DASH the playback position overtaking the buffered media by > 1 s
// (segments extend the buffer by their duration).
// Latency of a frame = the wall time it would be presented - its capture
// stamp; a frame is presented on arrival (RTMP/FLV) or at its offset into
// the buffered timeline (HLS/DASH).
//
// Thread-safety: one thread feeds it (the player); any thread may read it
// (every method takes the internal lock), e.g. Python's Viewer.stats.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "server/base/clock.h"

namespace ffsb::emu {

class PlayStats {
 public:
  explicit PlayStats(const Clock& clock) : clock_(clock), start_(clock.Monotonic()), last_print_(start_) {}

  // Media arrived now, playable for `duration` (0 for streamed protocols).
  // Returns the monotonic time its first frame is presented.
  Micros OnMedia(uint64_t bytes, Micros duration);
  void OnVideoFrame();
  void OnAudioFrame() { Lock l(mu_); ++audio_frames_; }
  // A capture stamp read from a frame presented (in wall-clock time) at presented_wall.
  void OnStamp(Micros capture_wall, Micros presented_wall, bool from_barcode);
  void OnBytes(uint64_t bytes) { Lock l(mu_); bytes_ += bytes; }

  // Seconds since the last media (for the no-media timeout).
  double SecondsSinceMedia() const;
  bool got_media() const { Lock l(mu_); return first_media_ >= 0; }

  // One status line per second (no-op in between).
  void MaybePrint(FILE* out);
  std::string SummaryJson(bool ok, const std::string& error, const std::string& protocol) const;
  std::string SummaryText() const;

  std::optional<double> LatencyPercentileMs(double pct) const;
  std::optional<double> startup_ms() const;
  uint64_t video_frames() const { Lock l(mu_); return video_frames_; }
  uint64_t audio_frames() const { Lock l(mu_); return audio_frames_; }
  double stalled_s() const { Lock l(mu_); return stalled_s_; }
  size_t latency_samples() const { Lock l(mu_); return latencies_ms_.size(); }
  double seconds() const;
  uint64_t bytes() const { Lock l(mu_); return bytes_; }
  int stalls() const { Lock l(mu_); return stalls_; }

 private:
  using Lock = std::lock_guard<std::recursive_mutex>;
  mutable std::recursive_mutex mu_;
  const Clock& clock_;
  Micros start_;
  Micros first_media_ = -1;
  Micros first_video_ = -1;
  Micros last_media_ = -1;
  Micros playable_until_ = -1;
  Micros last_print_;
  uint64_t last_print_bytes_ = 0;
  uint64_t bytes_ = 0, video_frames_ = 0, audio_frames_ = 0;
  int stalls_ = 0;
  double stalled_s_ = 0;
  std::vector<double> latencies_ms_;
  uint64_t barcode_stamps_ = 0, sei_stamps_ = 0;
};

// Escapes a string for a JSON string literal (quotes not included).
std::string JsonEscape(const std::string& s);

}  // namespace ffsb::emu
