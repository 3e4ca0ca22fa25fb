#include "emulator/publish/broadcaster.h"

#include <chrono>

#include "emulator/common/url.h"
#include "emulator/media/file_source.h"
#include "emulator/rtmp/rtmp_publisher.h"
#include "server/base/log.h"

namespace ffsb::emu {

Broadcaster::Broadcaster(BroadcasterOptions o) : o_(std::move(o)) {}

Broadcaster::~Broadcaster() { Stop(BreakKind::kClean); }

std::string Broadcaster::redacted_url() const {
  auto u = ParseUrl(o_.url);
  return u.ok() ? RedactUrl(*u) : "(invalid URL)";
}

Status Broadcaster::Start() {
  if (running_ || thread_.joinable()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "broadcaster already started");
  auto url = ParseUrl(o_.url);
  if (!url.ok()) return url.status();
  if (url->scheme != "rtmp") return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "a broadcaster needs an rtmp:// URL");
  stop_ = false;
  running_ = true;
  started_at_ = clock_.Monotonic();
  {
    std::lock_guard<std::mutex> l(mu_);
    stats_ = BroadcasterStats{};
    stats_.state = "connecting";
    start_done_ = false;
  }
  thread_ = std::thread([this] { Run(); });
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait_for(lock, std::chrono::seconds(o_.timeout_s + 20), [this] { return start_done_; });
  Status st = start_done_ ? start_status_ : Status(ErrorCode::SERVICE_UNAVAILABLE, "publish timed out");
  lock.unlock();
  if (!st.ok()) {
    stop_ = true;
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  return st;
}

void Broadcaster::Stop(BreakKind kind) {
  {
    std::lock_guard<std::mutex> l(mu_);
    stop_kind_ = kind;
  }
  stop_ = true;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status Broadcaster::GoOff(BreakKind kind, double seconds) {
  if (!running_) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "broadcaster is not running");
  std::lock_guard<std::mutex> l(mu_);
  off_requested_ = true;
  resume_requested_ = false;
  off_kind_ = kind;
  off_until_ = seconds > 0 ? clock_.Monotonic() + static_cast<Micros>(seconds * 1e6) : 0;
  return Status::Ok();
}

void Broadcaster::Resume() {
  std::lock_guard<std::mutex> l(mu_);
  if (off_requested_) off_requested_ = false;  // not yet taken: cancel it
  else resume_requested_ = true;
  cv_.notify_all();
}

BroadcasterStats Broadcaster::stats() const {
  std::lock_guard<std::mutex> l(mu_);
  BroadcasterStats s = stats_;
  if (started_at_) s.seconds = static_cast<double>(clock_.Monotonic() - started_at_) / 1e6;
  return s;
}

bool Broadcaster::StayOff(std::unique_lock<std::mutex>& lock) {
  while (!stop_ && !resume_requested_) {
    if (off_until_ && clock_.Monotonic() >= off_until_) break;
    cv_.wait_for(lock, std::chrono::milliseconds(50));
  }
  resume_requested_ = false;
  return !stop_;
}

void Broadcaster::Finish(const std::string& state, const std::string& error) {
  {
    std::lock_guard<std::mutex> l(mu_);
    stats_.state = state;
    stats_.error = error;
    if (!start_done_) {
      start_done_ = true;
      start_status_ = error.empty() ? Status(ErrorCode::SERVICE_UNAVAILABLE, "stopped before publishing")
                                    : Status(ErrorCode::SERVICE_UNAVAILABLE, error);
    }
  }
  running_ = false;
  cv_.notify_all();
}

void Broadcaster::Run() {
  Logger log("broadcaster");
  auto url = ParseUrl(o_.url);
  Result<MediaSourcePtr> source = o_.source_file.empty() ? SyntheticSource::Create(o_.media, &clock_, &stop_)
                                                         : FileSource::Create(o_.source_file, &clock_, &stop_);
  if (!source.ok()) return Finish("failed", source.status().message());
  MediaSource& src = **source;
  std::unique_ptr<RtmpPublisher> pub;
  uint64_t closed_bytes = 0, closed_frames = 0;
  auto retire = [&](BreakKind kind) {
    if (!pub) return;
    if (kind == BreakKind::kClean) pub->CloseClean();
    else pub->CloseAbrupt();
    closed_bytes += pub->bytes_sent();
    closed_frames += pub->video_frames();
    pub.reset();
  };
  while (!stop_) {
    bool resync = false;
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (off_requested_) {
        off_requested_ = false;
        BreakKind kind = off_kind_;
        ++stats_.breaks;
        log.Info("going off air (" + std::string(BreakKindName(kind)) + ") on " + RedactUrl(*url));
        if (kind != BreakKind::kStall) {
          lock.unlock();
          retire(kind);
          lock.lock();
        }
        stats_.state = kind == BreakKind::kStall ? "stalled" : "off";
        if (!StayOff(lock)) break;
        stats_.state = pub ? "on" : "connecting";
        resync = true;
      }
    }
    if (resync) src.Resync();
    auto p = src.Next();
    if (!p.ok()) {
      if (stop_) break;
      return Finish("failed", p.status().message());
    }
    if (!pub) {
      pub = std::make_unique<RtmpPublisher>(*url, o_.timeout_s);
      if (Status st = pub->Start(src.Info(), p->dts_ms); !st.ok()) {
        pub.reset();
        return Finish("failed", st.message());
      }
      std::lock_guard<std::mutex> l(mu_);
      ++stats_.connections;
      stats_.state = "on";
      if (!start_done_) {
        start_done_ = true;
        start_status_ = Status::Ok();
        cv_.notify_all();
      }
    }
    if (Status st = pub->Send(*p); !st.ok()) {
      closed_bytes += pub->bytes_sent();
      pub.reset();
      return Finish("failed", "connection lost: " + st.message());
    }
    std::lock_guard<std::mutex> l(mu_);
    stats_.bytes = closed_bytes + pub->bytes_sent();
    stats_.video_frames = closed_frames + pub->video_frames();
  }
  BreakKind kind;
  {
    std::lock_guard<std::mutex> l(mu_);
    kind = stop_kind_;
  }
  retire(kind);
  Finish("stopped", "");
}

}  // namespace ffsb::emu
