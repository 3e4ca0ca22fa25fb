#include "emulator/load/load_runner.h"

#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <vector>

#include "emulator/load/load_viewer.h"

namespace ffsb::emu {
namespace {
namespace asio = boost::asio;

double CpuSeconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

class Runner {
 public:
  Runner(const LoadOptions& o, const std::atomic<bool>* stop) : o_(o), stop_(stop), tick_(io_) {}

  Status Run(LoadResult* result) {
    asio::ip::tcp::resolver resolver(io_);
    boost::system::error_code ec;
    auto eps = resolver.resolve(o_.url.host, std::to_string(o_.url.port), ec);
    if (ec || eps.empty()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "cannot resolve " + o_.url.host);
    ep_ = *eps.begin();
    tty_ = o_.out && isatty(fileno(o_.out));
    start_ = std::chrono::steady_clock::now();
    last_report_ = start_;
    cpu0_ = CpuSeconds();
    Tick();
    io_.run();
    result->counters = c_;
    result->seconds = Elapsed();
    result->cpu_seconds = CpuSeconds() - cpu0_;
    return Status::Ok();
  }

 private:
  double Elapsed() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

  // Every 50 ms: start the viewers the ramp allows, report, check the end.
  void Tick() {
    double t = Elapsed();
    int due = std::min(o_.viewers, static_cast<int>(o_.ramp_per_s * t) + 1);
    while (static_cast<int>(viewers_.size()) < due) {
      auto v = o_.protocol == PlayProtocol::kRtmp ? MakeRtmpLoadViewer(io_, o_.url, &c_) : MakeFlvLoadViewer(io_, o_.url, &c_);
      v->Start(ep_);
      viewers_.push_back(v);
    }
    Report(false);
    if ((stop_ && stop_->load()) || (o_.duration_s > 0 && t >= o_.duration_s)) {
      Report(true);
      for (auto& v : viewers_) v->Stop();
      return;  // no more timers: io_.run() returns once the sockets are closed
    }
    tick_.expires_after(std::chrono::milliseconds(50));
    tick_.async_wait([this](boost::system::error_code) { Tick(); });
  }

  void Report(bool final_line) {
    auto now = std::chrono::steady_clock::now();
    double since = std::chrono::duration<double>(now - last_report_).count();
    double every = tty_ ? 1.0 : 5.0;
    if (!o_.out || (!final_line && since < every)) return;
    // The final line gives whole-run averages; the others the last interval.
    double span = final_line ? std::max(1e-3, Elapsed()) : since;
    double bps = static_cast<double>(c_.bytes - (final_line ? 0 : last_bytes_)) * 8 / span;
    double fps = static_cast<double>(c_.video_frames - (final_line ? 0 : last_frames_)) / span;
    double cpu = (CpuSeconds() - cpu0_) / std::max(1e-3, Elapsed()) * 100;
    std::fprintf(o_.out, "%sload t=%.0fs viewers=%d connected=%d failed=%d rx=%.1fMb/s frames=%.0f/s cpu=%.0f%%%s",
                 tty_ ? "\r\033[K" : "", Elapsed(), c_.started, c_.connected, c_.failed, bps / 1e6, fps, cpu,
                 tty_ && !final_line ? "" : "\n");
    std::fflush(o_.out);
    last_report_ = now;
    last_bytes_ = c_.bytes;
    last_frames_ = c_.video_frames;
  }

  const LoadOptions& o_;
  const std::atomic<bool>* stop_;
  asio::io_context io_{1};
  asio::steady_timer tick_;
  asio::ip::tcp::endpoint ep_;
  LoadCounters c_;
  std::vector<std::shared_ptr<LoadViewer>> viewers_;
  std::chrono::steady_clock::time_point start_, last_report_;
  uint64_t last_bytes_ = 0, last_frames_ = 0;
  double cpu0_ = 0;
  bool tty_ = false;
};
}  // namespace

Status RunLoad(const LoadOptions& o, const std::atomic<bool>* stop, LoadResult* result) {
  if (o.protocol != PlayProtocol::kRtmp && o.protocol != PlayProtocol::kHttpFlv)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "load supports rtmp and flv viewers");
  Runner r(o, stop);
  return r.Run(result);
}

}  // namespace ffsb::emu
