// bench_archive: how long archiving takes, as a share of the broadcast.
//
// For each duration (default 60 s and 600 s) it generates a 720p30 2.5 Mbps
// H.264 + AAC FLV with the ffmpeg CLI (-preset ultrafast, faster than real
// time; cached in the work dir), records it through a Recorder as two parts
// (the second after a 5 s interruption), archives it with the default VIDEO
// profile and prints the time. Target: archive time <= 10% of the broadcast + 3 s.
//
// Usage: bench_archive [work_dir] [seconds...]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "server/base/log.h"
#include "server/vod/archiver.h"
#include "server/vod/flv_file.h"
#include "server/vod/recorder.h"

namespace {

using Clock = std::chrono::steady_clock;
using ffsb::vod::FlvTag;
using ffsb::vod::FlvTagReader;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string Generate(const std::string& dir, int seconds) {
  std::string path = dir + "/source-" + std::to_string(seconds) + "s.flv";
  if (std::filesystem::exists(path)) return path;
  std::string cmd =
      "ffmpeg -nostdin -hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30"
      " -f lavfi -i sine=frequency=440:sample_rate=48000 -t " + std::to_string(seconds) +
      " -c:v libx264 -preset ultrafast -b:v 2500k -maxrate 2500k -bufsize 5000k -g 60"
      " -pix_fmt yuv420p -c:a aac -b:a 128k -f flv " + path + ".tmp && mv " + path + ".tmp " + path;
  auto t0 = Clock::now();
  if (std::system(cmd.c_str()) != 0) return "";
  std::printf("  generated %s in %.1f s\n", path.c_str(), Seconds(Clock::now() - t0));
  return path;
}

// Records the source as two parts: [0, cut) and [cut + 5 s, end).
bool Record(const std::string& source, const std::string& rec_dir, int seconds) {
  std::ifstream in(source, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::string data = ss.str();
  std::filesystem::remove_all(rec_dir);
  auto rec = ffsb::vod::Recorder::Open({.dir = rec_dir, .max_buffered_bytes = size_t{1} << 30});
  if (!rec.ok()) return false;
  FlvTagReader reader(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  std::vector<FlvTag> tags;
  ffsb::vod::SequenceHeaders headers;
  for (FlvTag t; reader.Next(&t);) {
    if (t.type == ffsb::vod::kFlvTagScript) headers.metadata.assign(t.body, t.body + t.size);
    else if (ffsb::vod::IsAvcSequenceHeader(t.body, t.size)) headers.video.assign(t.body, t.body + t.size);
    else if (t.type == 8 && ffsb::vod::IsAacSequenceHeader(t.body, t.size)) headers.audio.assign(t.body, t.body + t.size);
    else tags.push_back(t);
  }
  uint32_t cut = static_cast<uint32_t>(seconds) * 1000 / 2;
  auto t0 = Clock::now();
  (*rec)->StartPart(headers);
  bool in_gap = false;
  for (const auto& t : tags) {
    if (!in_gap && t.timestamp_ms >= cut) {
      (*rec)->StopPart();
      in_gap = true;
    }
    if (in_gap && t.timestamp_ms >= cut + 5000) {
      (*rec)->StartPart(headers);
      in_gap = false;
      cut = UINT32_MAX;
    }
    if (!in_gap) (*rec)->OnFlvTag(t.type, t.timestamp_ms, t.body, t.size);
  }
  auto status = (*rec)->Finish();
  std::printf("  recorded %zu MB in %.2f s (%lld tags dropped)\n", data.size() >> 20,
              Seconds(Clock::now() - t0), static_cast<long long>((*rec)->stats().dropped_tags));
  return status.ok();
}

}  // namespace

int main(int argc, char** argv) {
  ffsb::SetLogLevel(ffsb::LogLevel::kWarn);
  av_log_set_level(AV_LOG_ERROR);
  std::string work = argc > 1 ? argv[1] : "/tmp/ffsb-bench-archive";
  std::vector<int> durations;
  for (int i = 2; i < argc; ++i) durations.push_back(std::atoi(argv[i]));
  if (durations.empty()) durations = {60, 600};
  std::filesystem::create_directories(work);
  int failures = 0;
  for (int seconds : durations) {
    std::printf("%d s broadcast, 720p30 2.5 Mbps:\n", seconds);
    std::string source = Generate(work, seconds);
    std::string rec_dir = work + "/rec-" + std::to_string(seconds);
    if (source.empty() || !Record(source, rec_dir, seconds)) {
      std::printf("  FAILED to prepare the recording\n");
      ++failures;
      continue;
    }
    auto t0 = Clock::now();
    auto out = ffsb::vod::Archive(
        ffsb::vod::ArchiveRequest{rec_dir, work + "/out-" + std::to_string(seconds)}, nullptr,
        nullptr);
    double took = Seconds(Clock::now() - t0);
    if (!out.ok()) {
      std::printf("  archive FAILED: %s\n", out.status().ToString().c_str());
      ++failures;
      continue;
    }
    double live = out->duration_seconds;
    double budget = 0.10 * live + 3.0;
    std::printf("  archived %.1f s of video in %.2f s = %.1f%% of the broadcast"
                " (budget 10%% + 3 s = %.1f s: %s)\n",
                live, took, 100.0 * took / live, budget, took <= budget ? "OK" : "OVER");
    for (const auto& f : out->files) {
      std::printf("    %-15s %8.1f MB  %s\n", f.format.c_str(), f.size / 1048576.0,
                  f.relative_path.c_str());
    }
    if (took > budget) ++failures;
  }
  return failures == 0 ? 0 : 1;
}
