// Test helpers for the CMAF pipeline tests: FLV files made with the ffmpeg
// CLI (cached per test binary run in a temp dir), an FLV file reader that
// yields tag bodies exactly as RTMP carries them, ffprobe as JSON, and small
// file utilities.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace ffsb::cmaf::testing {

struct Tag {
  uint8_t type;
  uint32_t timestamp_ms;
  std::vector<uint8_t> body;
};

// Parses an FLV file (header, then tags). Empty on a malformed file.
std::vector<Tag> ReadFlvFile(const std::string& path);

// Runs a shell command; returns its exit status and captures stdout.
int RunCommand(const std::string& cmd, std::string* out = nullptr);

// Makes (once) an FLV with ffmpeg: `video_args` describe the lavfi source and
// x264 options; audio is a sine tone unless `with_audio` is false.
std::string MakeFlv(const std::string& name, const std::string& lavfi_video, const std::string& x264_args,
                    double seconds, bool with_audio);

nlohmann::json FfprobeJson(const std::string& args_and_path);

std::string ReadText(const std::string& path);
// A fresh empty directory under the test temp dir.
std::string FreshDir(const std::string& name);
std::vector<std::string> ListFiles(const std::string& dir, const std::string& suffix);

// Concatenates init + segment into one file ffprobe can read.
std::string JoinInitAndSegment(const std::string& init, const std::string& seg, const std::string& out);

}  // namespace ffsb::cmaf::testing
