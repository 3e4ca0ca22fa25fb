#include "server/vod/recording_manifest.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace ffsb::vod {

std::string RecordingManifest::ToJson() const {
  nlohmann::json parts_json = nlohmann::json::array();
  for (const auto& p : parts) {
    parts_json.push_back({{"file", p.file},
                          {"closed", p.closed},
                          {"durationMs", p.duration_ms},
                          {"bytes", p.bytes},
                          {"droppedTags", p.dropped_tags}});
  }
  nlohmann::json j = {{"version", version}, {"finished", finished}, {"parts", parts_json}};
  return j.dump(2) + "\n";
}

Result<RecordingManifest> RecordingManifest::Parse(std::string_view json) {
  auto j = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object() || !j.contains("parts") || !j["parts"].is_array()) {
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "manifest: malformed");
  }
  RecordingManifest m;
  m.version = j.value("version", 1);
  m.finished = j.value("finished", false);
  for (const auto& p : j["parts"]) {
    if (!p.is_object() || !p.contains("file") || !p["file"].is_string()) {
      return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "manifest: malformed part");
    }
    RecordingPart part;
    part.file = p["file"].get<std::string>();
    if (part.file.find('/') != std::string::npos) {
      return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "manifest: bad part name");
    }
    part.closed = p.value("closed", false);
    part.duration_ms = p.value("durationMs", 0u);
    part.bytes = p.value("bytes", int64_t{0});
    part.dropped_tags = p.value("droppedTags", int64_t{0});
    m.parts.push_back(std::move(part));
  }
  return m;
}

std::string PartFileName(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "part-%04d.flv", index);
  return name;
}

Result<RecordingManifest> LoadManifest(FileSystem* fs, const std::string& dir) {
  auto text = fs->ReadFile(JoinPath(dir, kManifestFileName));
  if (text.ok()) {
    auto m = RecordingManifest::Parse(*text);
    if (m.ok()) return m;
  }
  auto names = fs->ListDir(dir);
  if (!names.ok()) return names.status();
  RecordingManifest m;
  for (const auto& name : *names) {  // sorted, and zero-padded names sort by index
    if (name.size() > 9 && name.rfind("part-", 0) == 0 &&
        name.compare(name.size() - 4, 4, ".flv") == 0) {
      m.parts.push_back(RecordingPart{.file = name});
    }
  }
  return m;
}

Status SaveManifest(FileSystem* fs, const std::string& dir, const RecordingManifest& manifest) {
  return fs->WriteFileAtomic(JoinPath(dir, kManifestFileName), manifest.ToJson());
}

}  // namespace ffsb::vod
