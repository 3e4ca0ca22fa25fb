// StreamState: everything the manifests are rendered from, and what a resumed
// ingest needs to continue the same URLs: the tracks, the periods (one per
// ingest), the sliding window of published segments and the counters.
// Persisted as <out>/state.json after every publish (docs/cmaf.md "Resume").
//
// Thread-safety: a value owned by one pipeline worker thread.
// Invariants: segment numbers of a track increase by one; a track's
// `segments` hold at most window + kGraceSegments entries, the newest last;
// `periods` hold every period still referenced by a listed segment plus the
// current one, oldest first.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/base/status.h"

namespace ffsb::cmaf {

// Segments kept on disk (not listed) after they leave the window, for players
// that fetched the playlist just before (RFC 8216 §6.2.2).
inline constexpr int kGraceSegments = 2;

struct SegmentEntry {
  int64_t number = 0;
  int64_t start = 0;     // earliest presentation time, track timescale
  int64_t duration = 0;  // track timescale
  int64_t bytes = 0;
  int period = 0;        // PeriodInfo::index
  bool discontinuity = false;  // first segment of a resumed ingest
};

struct TrackState {
  std::string name;  // also the subdirectory
  bool is_audio = false;
  int timescale = 90000;
  int width = 0, height = 0;  // video only
  int frame_rate = 0;         // video only, nominal
  int64_t bitrate = 0;        // target (recipe) bitrate
  int64_t peak_bandwidth = 0; // largest measured segment bit rate
  std::string codecs;         // RFC 6381, e.g. "avc1.64001f"
  int64_t next_number = 1;
  int64_t discontinuity_sequence = 0;  // discontinuities that left the playlist
  int target_duration_s = 0;           // HLS; never decreases
  std::deque<SegmentEntry> segments;
  bool active = false;  // has an init segment in the current period
};

struct PeriodInfo {
  int index = 1;              // also in init segment names: init-<index>.mp4
  Micros wall_start = 0;      // wall clock of the period's first media
  int64_t media_start_ms = 0; // output-timeline time of the period's start
};

struct StreamState {
  int segment_duration_s = 2;
  int window = 6;
  Micros availability_start = 0;  // wall clock at the first period's start
  std::vector<PeriodInfo> periods;
  std::vector<TrackState> tracks;  // video renditions first, then audio
  int64_t end_ms = 0;              // output-timeline end of the last segment of any track

  const PeriodInfo& current_period() const { return periods.back(); }
  TrackState* FindTrack(const std::string& name);

  // Appends a segment, trims to window + grace, returns the numbers of
  // segments that fell out of the grace area (their files can go).
  std::vector<int64_t> Append(TrackState* track, SegmentEntry seg);
  // The segments a playlist/MPD lists: the newest `window`.
  std::vector<const SegmentEntry*> Listed(const TrackState& track) const;
  // Drops periods no listed segment refers to (except the current one).
  void PrunePeriods();

  std::string ToJson() const;
  static Result<StreamState> FromJson(const std::string& text);
};

}  // namespace ffsb::cmaf
