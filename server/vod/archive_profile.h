// The part of a transcoding profile (contract §7) the archiver acts on,
// parsed from the profile's JSON recipe.
//
// Decided: the default VIDEO profile is
//   {"videoStreams":[{"name":"source","codec":"copy"}],"audioStream":{"codec":"copy"},
//    "formats":["MP4","CMAF_HLS","CMAF_MPEG_DASH"]}
// i.e. remux without re-encoding. A video stream with "width"/"height"/
// "bitrate" (or a codec other than "copy") re-encodes to H.264; only the first
// video stream of the recipe is produced (no ABR ladder in the sandbox).
// The THUMBNAIL profile contributes "width"/"height" (default 640x360).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb::vod {

inline constexpr std::string_view kDefaultVideoProfileJson =
    R"({"videoStreams":[{"name":"source","codec":"copy"}],"audioStream":{"codec":"copy"},)"
    R"("formats":["MP4","CMAF_HLS","CMAF_MPEG_DASH"]})";
inline constexpr std::string_view kDefaultThumbnailProfileJson = R"({"width":640,"height":360})";

struct ArchiveProfile {
  bool video_copy = true;
  int width = 0;            // re-encode only; 0 = source size
  int height = 0;
  int64_t video_bitrate = 0;  // re-encode only; 0 = 2.5 Mbps
  bool audio_copy = true;
  int64_t audio_bitrate = 128000;
  bool mp4 = true;
  bool hls = true;
  bool dash = true;
  double segment_seconds = 4.0;
  int thumbnail_width = 640;
  int thumbnail_height = 360;

  bool reencode() const { return !video_copy || !audio_copy; }
};

// Empty strings mean the defaults above. Errors name the offending field.
Result<ArchiveProfile> ParseArchiveProfile(std::string_view video_json,
                                           std::string_view thumbnail_json);

}  // namespace ffsb::vod
