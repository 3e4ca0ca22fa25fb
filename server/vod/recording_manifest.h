// The manifest of a recording directory: recording.json, rewritten atomically
// (FileSystem::WriteFileAtomic) whenever a part opens or closes and at the end.
// It is a convenience index, not the source of truth for media: the archiver
// falls back to listing part-NNNN.flv files when it is missing or unreadable,
// and always scans each part itself (a crash leaves the last part "open").
// Format: docs/vod.md "Recording layout".
//
// Thread-safety: value types and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"
#include "server/vod/file_system.h"

namespace ffsb::vod {

inline constexpr char kManifestFileName[] = "recording.json";

struct RecordingPart {
  std::string file;        // "part-0001.flv", relative to the recording directory
  bool closed = false;     // false while recording, or forever after a crash
  uint32_t duration_ms = 0;  // as last known to the recorder (informational)
  int64_t bytes = 0;         // as last known to the recorder (informational)
  int64_t dropped_tags = 0;  // tags dropped because the writer fell behind
};

struct RecordingManifest {
  int version = 1;
  bool finished = false;  // Finish() was called
  std::vector<RecordingPart> parts;

  std::string ToJson() const;
  static Result<RecordingManifest> Parse(std::string_view json);
};

// "part-0001.flv" for index 1.
std::string PartFileName(int index);

// Reads dir/recording.json; when it is missing or corrupt, rebuilds the part
// list from the part-*.flv files present. NotFound-like error only when the
// directory itself cannot be listed.
Result<RecordingManifest> LoadManifest(FileSystem* fs, const std::string& dir);
Status SaveManifest(FileSystem* fs, const std::string& dir, const RecordingManifest& manifest);

}  // namespace ffsb::vod
