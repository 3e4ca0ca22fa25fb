#include "emulator/play/viewer.h"

#include <chrono>

#include "emulator/play/segmented_player.h"
#include "emulator/play/stream_player.h"

namespace ffsb::emu {

Result<std::unique_ptr<Viewer>> Viewer::Create(const std::string& url, const std::string& protocol,
                                               double media_timeout_s) {
  PlayOptions o;
  o.url_text = url;
  auto u = ParseUrl(url);
  if (!u.ok()) return u.status();
  o.url = *u;
  auto p = protocol.empty() ? GuessProtocol(*u) : ParseProtocolName(protocol);
  if (!p.ok()) return p.status();
  o.protocol = *p;
  o.media_timeout_s = media_timeout_s;
  o.status_out = nullptr;
  return std::unique_ptr<Viewer>(new Viewer(std::move(o)));
}

Viewer::Viewer(PlayOptions o) : o_(std::move(o)) {}

Viewer::~Viewer() { Stop(); }

Status Viewer::Start() {
  if (started_) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "viewer already started");
  started_ = true;
  stats_ = std::make_unique<PlayStats>(clock_);  // startup is measured from here
  running_ = true;
  thread_ = std::thread([this] { Run(); });
  return Status::Ok();
}

void Viewer::Run() {
  Status st;
  switch (o_.protocol) {
    case PlayProtocol::kRtmp: st = RunRtmpPlay(o_, clock_, &stop_, stats_.get()); break;
    case PlayProtocol::kHttpFlv: st = RunHttpFlvPlay(o_, clock_, &stop_, stats_.get()); break;
    case PlayProtocol::kHls: st = RunHlsPlay(o_, clock_, &stop_, stats_.get()); break;
    case PlayProtocol::kDash: st = RunDashPlay(o_, clock_, &stop_, stats_.get()); break;
  }
  {
    std::lock_guard<std::mutex> l(mu_);
    result_ = st;
  }
  running_ = false;
}

void Viewer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

bool Viewer::Wait(double timeout_s) {
  auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (running_ && std::chrono::steady_clock::now() < end)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  return !running_;
}

Status Viewer::result() const {
  std::lock_guard<std::mutex> l(mu_);
  return result_;
}

ViewerStats Viewer::stats() const {
  ViewerStats s;
  s.protocol = std::string(ProtocolName(o_.protocol));
  s.running = running_;
  if (!stats_) return s;
  const PlayStats& p = *stats_;
  s.startup_ms = p.startup_ms();
  s.video_frames = p.video_frames();
  s.audio_frames = p.audio_frames();
  s.bytes = p.bytes();
  s.stalls = p.stalls();
  s.stalled_s = p.stalled_s();
  s.latency_samples = p.latency_samples();
  s.latency_min_ms = p.LatencyPercentileMs(0);
  s.latency_p50_ms = p.LatencyPercentileMs(50);
  s.latency_p95_ms = p.LatencyPercentileMs(95);
  s.latency_max_ms = p.LatencyPercentileMs(100);
  s.seconds = p.seconds();
  if (!running_ && started_) s.error = result().message();
  return s;
}

}  // namespace ffsb::emu
