#include "emulator/play/play_stats.h"

#include <algorithm>

namespace ffsb::emu {

Micros PlayStats::OnMedia(uint64_t bytes, Micros duration) {
  Lock l(mu_);
  Micros now = clock_.Monotonic();
  bytes_ += bytes;
  if (first_media_ < 0) first_media_ = now;
  if (playable_until_ >= 0 && now - playable_until_ > 1'000'000) {
    ++stalls_;
    stalled_s_ += static_cast<double>(now - playable_until_) / 1e6;
  }
  Micros present = std::max(now, playable_until_);
  playable_until_ = present + duration;
  last_media_ = now;
  return present;
}

void PlayStats::OnVideoFrame() {
  Lock l(mu_);
  ++video_frames_;
  if (first_video_ < 0) first_video_ = clock_.Monotonic();
}

void PlayStats::OnStamp(Micros capture, Micros presented, bool from_barcode) {
  Lock l(mu_);
  double ms = static_cast<double>(presented - capture) / 1000.0;
  if (ms < -60'000 || ms > 3'600'000) return;  // not our stamp, or clocks apart
  latencies_ms_.push_back(ms);
  (from_barcode ? barcode_stamps_ : sei_stamps_)++;
}

double PlayStats::SecondsSinceMedia() const {
  Lock l(mu_);
  Micros ref = std::max(last_media_ < 0 ? start_ : last_media_, playable_until_);
  return static_cast<double>(clock_.Monotonic() - ref) / 1e6;
}

std::optional<double> PlayStats::startup_ms() const {
  Lock l(mu_);
  if (first_video_ < 0) return std::nullopt;
  return static_cast<double>(first_video_ - start_) / 1000.0;
}

std::optional<double> PlayStats::LatencyPercentileMs(double pct) const {
  Lock l(mu_);
  if (latencies_ms_.empty()) return std::nullopt;
  std::vector<double> v = latencies_ms_;
  size_t k = std::min(v.size() - 1, static_cast<size_t>(pct / 100.0 * static_cast<double>(v.size())));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(k), v.end());
  return v[k];
}

void PlayStats::MaybePrint(FILE* out) {
  Lock l(mu_);
  Micros now = clock_.Monotonic();
  if (!out || now - last_print_ < 1'000'000) return;
  double dt = static_cast<double>(now - last_print_) / 1e6;
  double kbps = static_cast<double>(bytes_ - last_print_bytes_) * 8 / 1000 / dt;
  std::string lat = latencies_ms_.empty() ? "-" : std::to_string(static_cast<int>(latencies_ms_.back())) + "ms";
  std::fprintf(out, "play t=%.0fs frames=%llu bytes=%llu bitrate=%.0fkb/s latency=%s stalls=%d\n",
               static_cast<double>(now - start_) / 1e6, static_cast<unsigned long long>(video_frames_),
               static_cast<unsigned long long>(bytes_), kbps, lat.c_str(), stalls_);
  std::fflush(out);
  last_print_ = now;
  last_print_bytes_ = bytes_;
}

double PlayStats::seconds() const {
  return static_cast<double>(clock_.Monotonic() - start_) / 1e6;
}

namespace {
std::string Num(std::optional<double> v) {
  if (!v) return "null";
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.1f", *v);
  return buf;
}
}  // namespace

std::string JsonEscape(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '"' || c == '\\') { o += '\\'; o += c; }
    else if (static_cast<unsigned char>(c) < 0x20) { char b[8]; std::snprintf(b, sizeof(b), "\\u%04x", c); o += b; }
    else o += c;
  }
  return o;
}

std::string PlayStats::SummaryJson(bool ok, const std::string& error, const std::string& protocol) const {
  Lock l(mu_);
  std::string j = "{\"ok\":" + std::string(ok ? "true" : "false");
  j += ",\"protocol\":\"" + protocol + "\"";
  j += ",\"startup_ms\":" + Num(startup_ms());
  j += ",\"video_frames\":" + std::to_string(video_frames_);
  j += ",\"audio_frames\":" + std::to_string(audio_frames_);
  j += ",\"bytes\":" + std::to_string(bytes_);
  j += ",\"stalls\":" + std::to_string(stalls_);
  j += ",\"stalled_s\":" + Num(stalled_s_);
  j += ",\"latency_ms\":{\"min\":" + Num(LatencyPercentileMs(0)) + ",\"p50\":" + Num(LatencyPercentileMs(50)) +
       ",\"p95\":" + Num(LatencyPercentileMs(95)) + ",\"max\":" + Num(LatencyPercentileMs(100)) +
       ",\"samples\":" + std::to_string(latencies_ms_.size()) + ",\"sei\":" + std::to_string(sei_stamps_) +
       ",\"barcode\":" + std::to_string(barcode_stamps_) + "}";
  j += ",\"seconds\":" + Num(static_cast<double>(clock_.Monotonic() - start_) / 1e6);
  if (!ok) j += ",\"error\":\"" + JsonEscape(error) + "\"";
  return j + "}";
}

std::string PlayStats::SummaryText() const {
  Lock l(mu_);
  auto ms = [](std::optional<double> v) { return v ? Num(v) + "ms" : std::string("-"); };
  return "startup=" + ms(startup_ms()) + " frames=" + std::to_string(video_frames_) + " bytes=" +
         std::to_string(bytes_) +  " stalls=" + std::to_string(stalls_) + " latency p50=" +
         ms(LatencyPercentileMs(50)) + " p95=" + ms(LatencyPercentileMs(95));
}

}  // namespace ffsb::emu
