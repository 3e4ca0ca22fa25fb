#include "vod_test_util.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "server/vod/flv_file.h"

namespace ffsb::vod::testing {

TempDir::TempDir() {
  char tmpl[] = "/tmp/ffsb-vod-XXXXXX";
  path_ = ::mkdtemp(tmpl);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string Run(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string out;
  char buf[4096];
  size_t n;
  while (pipe && (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const SampleFlv& Sample(int seconds, const std::string& size) {
  static std::map<std::string, SampleFlv> cache;
  static TempDir dir;
  std::string key = std::to_string(seconds) + "-" + size;
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  SampleFlv flv;
  flv.path = dir.Join("sample-" + key + ".flv");
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc=size=" +
                    size + ":rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t " +
                    std::to_string(seconds) +
                    " -c:v libx264 -preset ultrafast -g 30 -pix_fmt yuv420p -c:a aac -b:a 64k"
                    " -f flv " + flv.path + " 2>&1";
  Run(cmd);
  std::string data = ReadAll(flv.path);
  FlvTagReader reader(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  FlvTag tag;
  while (reader.Next(&tag)) {
    std::vector<uint8_t> body(tag.body, tag.body + tag.size);
    if (tag.type == kFlvTagScript) {
      flv.headers.metadata = body;
    } else if (tag.type == kFlvTagVideo && IsAvcSequenceHeader(tag.body, tag.size)) {
      flv.headers.video = body;
    } else if (tag.type == kFlvTagAudio && IsAacSequenceHeader(tag.body, tag.size)) {
      flv.headers.audio = body;
    } else {
      flv.tags.push_back(OwnedTag{tag.type, tag.timestamp_ms, std::move(body)});
    }
  }
  return cache.emplace(key, std::move(flv)).first->second;
}

void Feed(Recorder* recorder, const SampleFlv& flv, uint32_t begin_ms, uint32_t end_ms) {
  for (const auto& t : flv.tags) {
    if (t.timestamp_ms >= begin_ms && t.timestamp_ms < end_ms) {
      recorder->OnFlvTag(t.type, t.timestamp_ms, t.body.data(), t.body.size());
    }
  }
}

double ProbeDuration(const std::string& path) {
  std::string out = Run("ffprobe -v error -show_entries format=duration -of csv=p=0 '" + path +
                        "' 2>/dev/null");
  if (out.empty()) return -1;
  return std::atof(out.c_str());
}

std::string ProbeVideo(const std::string& path) {
  return Run("ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height"
             " -of csv=p=0 '" + path + "' 2>/dev/null");
}

}  // namespace ffsb::vod::testing
