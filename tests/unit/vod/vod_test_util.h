// Helpers shared by the VOD tests: temp directories, sample FLV generation
// with the ffmpeg CLI (testsrc + sine, libx264 -g 30, aac), tag extraction,
// feeding a Recorder, and ffprobe queries.
//
// Thread-safety: test-thread only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "server/vod/recorder.h"

namespace ffsb::vod::testing {

// A fresh directory under /tmp, removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

struct OwnedTag {
  uint8_t type;
  uint32_t timestamp_ms;
  std::vector<uint8_t> body;
};

struct SampleFlv {
  std::string path;
  std::vector<OwnedTag> tags;  // media tags, sequence headers excluded
  SequenceHeaders headers;
};

// Generates (once per process and argument set) an FLV of `seconds` at
// `size` ("320x240") and 30 fps with a keyframe every second, and reads
// its tags.
const SampleFlv& Sample(int seconds = 10, const std::string& size = "320x240");

// Feeds the tags with begin_ms <= ts < end_ms.
void Feed(Recorder* recorder, const SampleFlv& flv, uint32_t begin_ms, uint32_t end_ms);

// Runs a shell command, returns its stdout (trailing newline stripped).
std::string Run(const std::string& command);
// ffprobe's format duration in seconds, or -1 when it cannot open the file.
double ProbeDuration(const std::string& path);
// "codec,width,height" of the first video stream, or "" when none.
std::string ProbeVideo(const std::string& path);
std::string ReadAll(const std::string& path);

}  // namespace ffsb::vod::testing
