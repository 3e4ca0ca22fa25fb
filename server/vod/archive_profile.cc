#include "server/vod/archive_profile.h"

#include <nlohmann/json.hpp>

namespace ffsb::vod {
namespace {

Status Bad(const std::string& what) {
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "invalid profile: " + what);
}

bool PositiveInt(const nlohmann::json& j, const char* key, int64_t* out) {
  if (!j.contains(key)) return true;
  if (!j[key].is_number_integer() || j[key].get<int64_t>() <= 0) return false;
  *out = j[key].get<int64_t>();
  return true;
}

}  // namespace

Result<ArchiveProfile> ParseArchiveProfile(std::string_view video_json,
                                           std::string_view thumbnail_json) {
  if (video_json.empty()) video_json = kDefaultVideoProfileJson;
  if (thumbnail_json.empty()) thumbnail_json = kDefaultThumbnailProfileJson;
  auto v = nlohmann::json::parse(video_json, nullptr, false);
  if (v.is_discarded() || !v.is_object()) return Bad("video profile is not a JSON object");
  ArchiveProfile p;
  if (v.contains("videoStreams")) {
    const auto& streams = v["videoStreams"];
    if (!streams.is_array() || streams.empty() || !streams[0].is_object()) {
      return Bad("videoStreams must be a non-empty array of objects");
    }
    const auto& s = streams[0];
    int64_t w = 0, h = 0, br = 0;
    if (!PositiveInt(s, "width", &w) || !PositiveInt(s, "height", &h) ||
        !PositiveInt(s, "bitrate", &br)) {
      return Bad("videoStreams[0] width/height/bitrate must be positive integers");
    }
    if ((w == 0) != (h == 0)) return Bad("videoStreams[0] needs both width and height");
    std::string codec = s.value("codec", std::string(w || br ? "h264" : "copy"));
    if (codec != "copy" && codec != "h264") return Bad("unsupported video codec " + codec);
    p.video_copy = codec == "copy" && w == 0 && br == 0;
    p.width = static_cast<int>(w) & ~1;
    p.height = static_cast<int>(h) & ~1;
    p.video_bitrate = br;
  }
  if (v.contains("audioStream")) {
    const auto& a = v["audioStream"];
    if (!a.is_object()) return Bad("audioStream must be an object");
    int64_t br = 0;
    if (!PositiveInt(a, "bitrate", &br)) return Bad("audioStream bitrate must be positive");
    std::string codec = a.value("codec", std::string(br ? "aac" : "copy"));
    if (codec != "copy" && codec != "aac") return Bad("unsupported audio codec " + codec);
    p.audio_copy = codec == "copy" && br == 0;
    if (br) p.audio_bitrate = br;
  }
  if (p.video_copy != p.audio_copy) {  // one transcoding pass handles both
    p.video_copy = p.audio_copy = false;
  }
  if (v.contains("formats")) {
    if (!v["formats"].is_array()) return Bad("formats must be an array");
    p.mp4 = p.hls = p.dash = false;
    for (const auto& f : v["formats"]) {
      std::string name = f.is_string() ? f.get<std::string>() : "";
      if (name == "MP4") p.mp4 = true;
      else if (name == "CMAF_HLS") p.hls = true;
      else if (name == "CMAF_MPEG_DASH") p.dash = true;
      else return Bad("unknown format " + f.dump());
    }
    if (!p.mp4 && !p.hls && !p.dash) return Bad("formats is empty");
  }
  if (v.contains("segmentDuration")) {
    if (!v["segmentDuration"].is_number() || v["segmentDuration"].get<double>() <= 0) {
      return Bad("segmentDuration must be positive");
    }
    p.segment_seconds = v["segmentDuration"].get<double>();
  }
  auto t = nlohmann::json::parse(thumbnail_json, nullptr, false);
  if (t.is_discarded() || !t.is_object()) return Bad("thumbnail profile is not a JSON object");
  int64_t tw = p.thumbnail_width, th = p.thumbnail_height;
  if (!PositiveInt(t, "width", &tw) || !PositiveInt(t, "height", &th) || tw > 4096 || th > 4096) {
    return Bad("thumbnail width/height must be in 1..4096");
  }
  p.thumbnail_width = static_cast<int>(tw + 1) & ~1;
  p.thumbnail_height = static_cast<int>(th + 1) & ~1;
  return p;
}

}  // namespace ffsb::vod
