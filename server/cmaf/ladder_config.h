// The transcoding ladder of a CMAF stream, parsed from a BROADCAST_RTMP
// profile recipe (contract.md §7):
//   {"segmentDuration": 2,
//    "videoStreams": [{"name":"360p","type":"video","width":640,"height":360,"bitrate":800000}, ...],
//    "audioStream": {"name":"audio","type":"audio","bitrate":128000}, "drm": false}
// The portrait recipe swaps width and height; we take sizes as given.
//
// Thread-safety: value types; ParseLadderConfig is a pure function.
// Invariants of a parsed LadderConfig: 1..8 renditions with unique names made
// of [A-Za-z0-9_-] (they become directory names), even width/height in
// [16, 4096], bitrate in [50 kb/s, 50 Mb/s], segment duration 1..10 s, audio
// bitrate 16..512 kb/s.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"

namespace ffsb::cmaf {

struct RenditionSpec {
  std::string name;  // "360p"; also the rendition's output subdirectory
  int width = 0;
  int height = 0;
  int64_t bitrate = 0;  // bits per second (video only)
};

struct LadderConfig {
  int segment_duration_s = 2;
  std::vector<RenditionSpec> video;  // in recipe order
  std::string audio_name = "audio";
  int64_t audio_bitrate = 128000;
  bool drm = false;  // carried for completeness; DRM is not implemented
};

// Parses and validates recipe JSON. Errors are INVALID_REQUEST_PARAMETER with
// a message naming the offending field.
Result<LadderConfig> ParseLadderConfig(std::string_view recipe_json);

// The contract's landscape recipe (2 s, 360p 800k + 720p 3M, audio 128k).
LadderConfig DefaultLandscapeLadder();
// The same ladder with width and height swapped.
LadderConfig DefaultPortraitLadder();

}  // namespace ffsb::cmaf
