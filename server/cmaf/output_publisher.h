// OutputPublisher: turns finished CMAF segments into files under the output
// directory and keeps the HLS playlists, the DASH MPD and state.json in step
// with them. Every file is written atomically (temp file + rename(2)), so an
// HTTP reader sees either the old or the new version, never a partial one.
// Segment files are written once and referenced by both manifests.
//
// Layout (docs/cmaf.md "Layout"): <dir>/master.m3u8, <dir>/manifest.mpd,
// <dir>/state.json, <dir>/<track>/playlist.m3u8, <dir>/<track>/init-<P>.mp4,
// <dir>/<track>/seg-<N>.m4s.
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/status.h"
#include "server/cmaf/stream_state.h"

namespace ffsb::cmaf {

struct TrackSetup {
  std::string name;
  bool is_audio = false;
  int timescale = 0;
  int width = 0, height = 0, frame_rate = 0;
  int64_t bitrate = 0;
  std::string codecs;
  std::vector<uint8_t> init_segment;
};

class OutputPublisher {
 public:
  OutputPublisher(std::string dir, const Clock* clock, Logger log) : dir_(std::move(dir)), clock_(clock), log_(log) {}

  // Fresh: removes our previous outputs in `dir`. Resume: loads state.json
  // (a missing one means fresh). Returns the output-timeline origin (ms) for
  // this ingest's first media.
  Result<int64_t> Prepare(bool resume, int segment_duration_s, int window);
  bool resumed() const { return resumed_; }

  // Opens a new period (one per ingest) with these tracks and writes their
  // init segments. Tracks not named become inactive.
  Status BeginPeriod(const std::vector<TrackSetup>& tracks, int64_t media_start_ms);
  // The track will not carry media this period (e.g. an audio-less stream).
  void DeactivateTrack(const std::string& name);
  void SetFrameRate(const std::string& name, int fps);

  // Writes one media segment and refreshes manifests. Sets *became_viewable
  // the first time every active track has a segment in this period.
  Status Publish(const std::string& track, const std::vector<uint8_t>& bytes, int64_t start, int64_t duration,
                 bool* became_viewable);
  // Persists state (the manifests are already current).
  Status Close();

  bool viewable() const { return viewable_; }
  const StreamState& state() const { return state_; }

 private:
  Status WriteFileAtomic(const std::string& rel, const void* data, size_t size);
  Status WriteText(const std::string& rel, const std::string& text) {
    return WriteFileAtomic(rel, text.data(), text.size());
  }
  void RemoveFile(const std::string& rel);
  Status WriteManifests();

  std::string dir_;
  const Clock* clock_;
  Logger log_;
  StreamState state_;
  bool resumed_ = false;
  bool viewable_ = false;
  std::set<std::string> needs_discontinuity_;  // tracks whose next segment starts a resumed period
  std::set<std::string> has_segment_;          // tracks with a segment in this period
};

}  // namespace ffsb::cmaf
