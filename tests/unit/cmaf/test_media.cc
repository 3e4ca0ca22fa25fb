#include "tests/unit/cmaf/test_media.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ffsb::cmaf::testing {
namespace fs = std::filesystem;
namespace {

std::string TempRoot() {
  static std::string root = [] {
    std::string r = (fs::temp_directory_path() / ("ffsb-cmaf-test-" + std::to_string(getpid()))).string();
    fs::create_directories(r);
    return r;
  }();
  return root;
}

std::string MediaCache() {
  // Generated inputs are shared between runs (they are deterministic).
  std::string d = (fs::temp_directory_path() / "ffsb-cmaf-media-v1").string();
  fs::create_directories(d);
  return d;
}

}  // namespace

std::vector<Tag> ReadFlvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<Tag> tags;
  if (d.size() < 13 || d[0] != 'F' || d[1] != 'L' || d[2] != 'V') return tags;
  size_t pos = (uint32_t{d[5]} << 24 | uint32_t{d[6]} << 16 | uint32_t{d[7]} << 8 | d[8]) + 4;
  while (pos + 11 <= d.size()) {
    uint8_t type = d[pos] & 0x1f;
    size_t size = uint32_t{d[pos + 1]} << 16 | uint32_t{d[pos + 2]} << 8 | d[pos + 3];
    uint32_t ts = uint32_t{d[pos + 4]} << 16 | uint32_t{d[pos + 5]} << 8 | d[pos + 6] | uint32_t{d[pos + 7]} << 24;
    if (pos + 11 + size > d.size()) break;
    tags.push_back({type, ts, std::vector<uint8_t>(d.begin() + pos + 11, d.begin() + pos + 11 + size)});
    pos += 11 + size + 4;
  }
  return tags;
}

int RunCommand(const std::string& cmd, std::string* out) {
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  std::string s;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) s.append(buf, n);
  int rc = pclose(p);
  if (out) *out = std::move(s);
  return rc;
}

std::string MakeFlv(const std::string& name, const std::string& lavfi_video, const std::string& x264_args,
                    double seconds, bool with_audio) {
  std::string path = MediaCache() + "/" + name + ".flv";
  if (fs::exists(path)) return path;
  std::string tmp = path + ".tmp." + std::to_string(getpid()) + ".flv";
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i '" + lavfi_video + "'";
  if (with_audio) cmd += " -f lavfi -i 'sine=frequency=440:sample_rate=48000'";
  cmd += " -t " + std::to_string(seconds) + " -c:v libx264 " + x264_args;
  cmd += with_audio ? " -c:a aac -b:a 128k" : " -an";
  cmd += " -f flv '" + tmp + "' 2>&1";
  std::string out;
  if (RunCommand(cmd, &out) != 0) return "";
  fs::rename(tmp, path);
  return path;
}

nlohmann::json FfprobeJson(const std::string& args_and_path) {
  std::string out;
  RunCommand("ffprobe -v error -of json " + args_and_path + " 2>/dev/null", &out);
  return nlohmann::json::parse(out, nullptr, false);
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string FreshDir(const std::string& name) {
  std::string d = TempRoot() + "/" + name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::vector<std::string> ListFiles(const std::string& dir, const std::string& suffix) {
  std::vector<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string n = e.path().filename().string();
    if (n.size() >= suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
      out.push_back(n);
  }
  return out;
}

std::string JoinInitAndSegment(const std::string& init, const std::string& seg, const std::string& out) {
  std::ofstream o(out, std::ios::binary);
  o << ReadText(init) << ReadText(seg);
  return out;
}

}  // namespace ffsb::cmaf::testing
