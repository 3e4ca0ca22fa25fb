// Rendering of the HLS playlists (RFC 8216, version 7: fMP4 with EXT-X-MAP)
// and the dynamic DASH MPD (ISO/IEC 23009-1, isoff-live + CMAF profiles,
// SegmentTemplate with SegmentTimeline and $Number$) from a StreamState.
// Both reference the same CMAF segment files (docs/cmaf.md "Layout").
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "server/base/clock.h"
#include "server/cmaf/stream_state.h"

namespace ffsb::cmaf {

// File names, relative to the output directory.
inline constexpr const char* kMasterPlaylist = "master.m3u8";
inline constexpr const char* kDashManifest = "manifest.mpd";
inline constexpr const char* kStateFile = "state.json";
inline constexpr const char* kMediaPlaylist = "playlist.m3u8";  // inside each track directory
std::string InitSegmentName(int period);      // "init-1.mp4"
std::string MediaSegmentName(int64_t number);  // "seg-12.m4s"

// BANDWIDTH of a video variant: its peak (measured, or the target bitrate
// plus headroom while too little has been measured) plus the audio's.
int64_t DeclaredBandwidth(const TrackState& video, const TrackState* audio);

std::string RenderMasterPlaylist(const StreamState& s);
std::string RenderMediaPlaylist(const StreamState& s, const TrackState& t);
std::string RenderMpd(const StreamState& s, Micros now);

}  // namespace ffsb::cmaf
