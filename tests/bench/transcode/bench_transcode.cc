// bench_transcode: CPU cost of the live CMAF ladder.
//
//   bench_transcode [--seconds N] [--presets veryfast,superfast] [--work DIR]
//
// For each preset: (1) our CmafPipeline fed an FLV of 720p30 + AAC as fast as
// it takes it (CPU = getrusage(RUSAGE_SELF) delta, all threads), (2) the
// ffmpeg CLI producing the same ladder with the same encoder settings (360p
// 800k + 720p 3M, libx264 <preset>, same VBV, forced IDR every 2 s, no
// scenecut, closed GOP, AAC 128k 48 kHz stereo, CMAF segments via its dash
// muxer) as a child process (CPU from wait4's rusage). Prints CPU seconds per
// minute of input, the ratio ours/CLI, and how many such streams the cores of
// this machine could transcode in real time.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/cmaf/cmaf_pipeline.h"
#include "server/cmaf/ffmpeg_log.h"

namespace fs = std::filesystem;
using namespace ffsb;
using namespace ffsb::cmaf;

namespace {

double Secs(const timeval& tv) { return tv.tv_sec + tv.tv_usec / 1e6; }
double CpuOf(const rusage& r) { return Secs(r.ru_utime) + Secs(r.ru_stime); }

struct Cost {
  double cpu = 0, wall = 0;
};

// Runs argv as a child; returns its CPU (user+sys) and wall time.
Cost RunChild(const std::vector<std::string>& argv, bool* ok) {
  auto t0 = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> a;
    for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
    a.push_back(nullptr);
    execvp(a[0], a.data());
    _exit(127);
  }
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  *ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return {CpuOf(ru), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
}

struct Tag {
  uint8_t type;
  uint32_t ts;
  std::vector<uint8_t> body;
};

std::vector<Tag> ReadFlv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> d((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<Tag> tags;
  if (d.size() < 13) return tags;
  size_t pos = (uint32_t{d[5]} << 24 | uint32_t{d[6]} << 16 | uint32_t{d[7]} << 8 | d[8]) + 4;
  while (pos + 11 <= d.size()) {
    size_t size = uint32_t{d[pos + 1]} << 16 | uint32_t{d[pos + 2]} << 8 | d[pos + 3];
    uint32_t ts = uint32_t{d[pos + 4]} << 16 | uint32_t{d[pos + 5]} << 8 | d[pos + 6] | uint32_t{d[pos + 7]} << 24;
    if (pos + 11 + size > d.size()) break;
    tags.push_back({static_cast<uint8_t>(d[pos] & 0x1f), ts,
                    std::vector<uint8_t>(d.begin() + pos + 11, d.begin() + pos + 11 + size)});
    pos += 11 + size + 4;
  }
  return tags;
}

Cost RunOurs(const std::vector<Tag>& tags, const std::string& preset, const std::string& dir, bool* ok) {
  static SystemClock clock;
  PipelineOptions o;
  o.ladder = DefaultLandscapeLadder();
  o.output_dir = dir;
  o.encoder.preset = preset;
  o.max_queue_bytes = size_t{1} << 30;
  o.clock = &clock;
  o.log_tag = "bench";
  bool failed = false;
  PipelineCallbacks cb;
  cb.on_error = [&](PipelineError, const std::string&) { failed = true; };
  rusage r0{}, r1{};
  getrusage(RUSAGE_SELF, &r0);
  auto t0 = std::chrono::steady_clock::now();
  auto p = CmafPipeline::Start(o, cb);
  if (!p.ok()) {
    *ok = false;
    return {};
  }
  for (const Tag& t : tags) (*p)->OnFlvTag(t.type, t.ts, t.body.data(), t.body.size());
  (*p)->OnEnd();
  (*p)->Wait();
  getrusage(RUSAGE_SELF, &r1);
  *ok = !failed && (*p)->stats().viewable;
  return {CpuOf(r1) - CpuOf(r0), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
}

std::vector<std::string> CliLadder(const std::string& in, const std::string& preset, const std::string& dir) {
  // Same settings as server/cmaf/video_encoder.cc and audio_transcoder.cc.
  return {"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", in,
          "-filter_complex", "[0:v]split=2[a][b];[a]scale=640:360:flags=bicubic[v0];[b]scale=1280:720:flags=bicubic[v1]",
          "-map", "[v0]", "-map", "[v1]", "-map", "0:a",
          "-c:v", "libx264", "-preset", preset, "-forced-idr", "1", "-x264-params", "scenecut=0:open-gop=0",
          "-flags", "+cgop", "-g", "600", "-keyint_min", "1", "-r", "30",
          "-force_key_frames", "expr:gte(t,n_forced*2)",
          "-b:v:0", "800k", "-maxrate:v:0", "800k", "-bufsize:v:0", "1600k",
          "-b:v:1", "3000k", "-maxrate:v:1", "3000k", "-bufsize:v:1", "6000k",
          "-c:a", "aac", "-b:a", "128k", "-ar", "48000", "-ac", "2",
          "-f", "dash", "-seg_duration", "2", "-use_template", "1", "-use_timeline", "1", "-hls_playlist", "1",
          "-streaming", "0", "-window_size", "6", "-adaptation_sets", "id=0,streams=v id=1,streams=a",
          dir + "/manifest.mpd"};
}

}  // namespace

int main(int argc, char** argv) {
  int seconds = 30;
  std::string presets = "veryfast";
  std::string work = (fs::temp_directory_path() / "ffsb-bench-transcode").string();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--seconds")) seconds = atoi(argv[i + 1]);
    else if (!strcmp(argv[i], "--presets")) presets = argv[i + 1];
    else if (!strcmp(argv[i], "--work")) work = argv[i + 1];
  }
  InstallFfmpegLogBridge(LogLevel::kError);
  SetLogLevel(LogLevel::kWarn);
  fs::create_directories(work);
  std::string in = work + "/in-720p30-" + std::to_string(seconds) + "s.flv";
  if (!fs::exists(in)) {
    bool ok = false;
    RunChild({"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
              "testsrc2=size=1280x720:rate=30,noise=alls=8:allf=t", "-f", "lavfi", "-i",
              "sine=frequency=440:sample_rate=48000", "-t", std::to_string(seconds), "-c:v", "libx264", "-preset",
              "veryfast", "-b:v", "4M", "-g", "60", "-bf", "2", "-c:a", "aac", "-b:a", "128k", "-f", "flv", in},
             &ok);
    if (!ok) {
      fprintf(stderr, "cannot generate %s with ffmpeg\n", in.c_str());
      return 1;
    }
  }
  auto tags = ReadFlv(in);
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  double per_min = 60.0 / seconds;
  printf("input: %s (%d s 720p30 + AAC), cores: %ld\n", in.c_str(), seconds, cores);
  printf("%-10s | %-22s | %-22s | %-7s | %-s\n", "preset", "ours CPU s/min (wall)", "ffmpeg CPU s/min (wall)",
         "ratio", "realtime streams (ours)");
  printf("-----------+------------------------+------------------------+---------+------------------------\n");
  std::stringstream ps(presets);
  std::string preset;
  int rc = 0;
  while (std::getline(ps, preset, ',')) {
    std::string d1 = work + "/ours-" + preset, d2 = work + "/cli-" + preset;
    fs::remove_all(d1);
    fs::remove_all(d2);
    fs::create_directories(d2);
    bool ok1 = false, ok2 = false;
    Cost ours = RunOurs(tags, preset, d1, &ok1);
    Cost cli = RunChild(CliLadder(in, preset, d2), &ok2);
    if (!ok1 || !ok2) rc = 1;
    double o = ours.cpu * per_min, c = cli.cpu * per_min;
    printf("%-10s | %8.1f (%6.1f)%s      | %8.1f (%6.1f)%s      | %7.3f | %.2f\n", preset.c_str(), o,
           ours.wall * per_min, ok1 ? " " : "!", c, cli.wall * per_min, ok2 ? " " : "!", c > 0 ? o / c : 0,
           o > 0 ? cores * 60.0 / o : 0);
  }
  return rc;
}
