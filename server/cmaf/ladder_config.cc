#include "server/cmaf/ladder_config.h"

#include <set>

#include <nlohmann/json.hpp>

namespace ffsb::cmaf {
namespace {

using nlohmann::json;

Status Bad(std::string_view what) {
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "ladder recipe: " + std::string(what));
}

bool ValidName(const std::string& n) {
  if (n.empty() || n.size() > 32) return false;
  for (char c : n) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-';
    if (!ok) return false;
  }
  return true;
}

// Reads an integer field that may be written as a JSON integer or an integral float.
bool GetInt(const json& obj, const char* key, int64_t* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return false;
  if (it->is_number_integer()) {
    *out = it->get<int64_t>();
    return true;
  }
  if (it->is_number_float()) {
    double d = it->get<double>();
    if (d != static_cast<double>(static_cast<int64_t>(d))) return false;
    *out = static_cast<int64_t>(d);
    return true;
  }
  return false;
}

}  // namespace

Result<LadderConfig> ParseLadderConfig(std::string_view recipe_json) {
  json j = json::parse(recipe_json.begin(), recipe_json.end(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Bad("not a JSON object");
  LadderConfig c;

  int64_t seg = 0;
  if (!GetInt(j, "segmentDuration", &seg)) return Bad("segmentDuration must be an integer");
  if (seg < 1 || seg > 10) return Bad("segmentDuration must be 1..10 seconds");
  c.segment_duration_s = static_cast<int>(seg);

  auto vs = j.find("videoStreams");
  if (vs == j.end() || !vs->is_array() || vs->empty()) return Bad("videoStreams must be a non-empty array");
  if (vs->size() > 8) return Bad("at most 8 videoStreams");
  std::set<std::string> names;
  for (const json& v : *vs) {
    if (!v.is_object()) return Bad("videoStreams[] must be objects");
    RenditionSpec r;
    auto name = v.find("name");
    if (name == v.end() || !name->is_string() || !ValidName(name->get<std::string>()))
      return Bad("videoStreams[].name must be 1..32 of [A-Za-z0-9_-]");
    r.name = name->get<std::string>();
    if (!names.insert(r.name).second) return Bad("duplicate videoStreams name " + r.name);
    auto type = v.find("type");
    if (type != v.end() && (!type->is_string() || type->get<std::string>() != "video"))
      return Bad("videoStreams[].type must be \"video\"");
    int64_t w = 0, h = 0, b = 0;
    if (!GetInt(v, "width", &w) || !GetInt(v, "height", &h)) return Bad(r.name + ": width/height required");
    if (w < 16 || h < 16 || w > 4096 || h > 4096 || w % 2 || h % 2)
      return Bad(r.name + ": width/height must be even, 16..4096");
    if (!GetInt(v, "bitrate", &b) || b < 50'000 || b > 50'000'000)
      return Bad(r.name + ": bitrate must be 50000..50000000");
    r.width = static_cast<int>(w);
    r.height = static_cast<int>(h);
    r.bitrate = b;
    c.video.push_back(std::move(r));
  }

  auto as = j.find("audioStream");
  if (as != j.end() && !as->is_null()) {
    if (!as->is_object()) return Bad("audioStream must be an object");
    auto name = as->find("name");
    if (name != as->end()) {
      if (!name->is_string() || !ValidName(name->get<std::string>()))
        return Bad("audioStream.name must be 1..32 of [A-Za-z0-9_-]");
      c.audio_name = name->get<std::string>();
    }
    if (names.count(c.audio_name)) return Bad("audioStream.name clashes with a video stream");
    int64_t b = 0;
    if (!GetInt(*as, "bitrate", &b) || b < 16'000 || b > 512'000)
      return Bad("audioStream.bitrate must be 16000..512000");
    c.audio_bitrate = b;
  }
  auto drm = j.find("drm");
  if (drm != j.end() && !drm->is_boolean()) return Bad("drm must be a boolean");
  if (drm != j.end()) c.drm = drm->get<bool>();
  return c;
}

LadderConfig DefaultLandscapeLadder() {
  LadderConfig c;
  c.segment_duration_s = 2;
  c.video = {{"360p", 640, 360, 800'000}, {"720p", 1280, 720, 3'000'000}};
  return c;
}

LadderConfig DefaultPortraitLadder() {
  LadderConfig c = DefaultLandscapeLadder();
  for (auto& r : c.video) std::swap(r.width, r.height);
  return c;
}

}  // namespace ffsb::cmaf
