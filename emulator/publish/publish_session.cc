#include "emulator/publish/publish_session.h"

#include <memory>

#include "emulator/common/pacing.h"
#include "emulator/rtmp/rtmp_publisher.h"
#include "server/base/log.h"

namespace ffsb::emu {
namespace {
class StatusPrinter {
 public:
  StatusPrinter(FILE* out, const Clock& clock) : out_(out), clock_(clock), start_(clock.Monotonic()), last_(start_) {}
  void Tick(const PublishStats& s, const char* state) {
    Micros now = clock_.Monotonic();
    if (!out_ || now - last_ < 1'000'000) return;
    double dt = static_cast<double>(now - last_) / 1e6;
    double kbps = static_cast<double>(s.bytes - last_bytes_) * 8 / 1000 / dt;
    std::fprintf(out_, "publish t=%.0fs state=%s frames=%llu bytes=%llu bitrate=%.0fkb/s connections=%d\n",
                 static_cast<double>(now - start_) / 1e6, state, static_cast<unsigned long long>(s.video_frames),
                 static_cast<unsigned long long>(s.bytes), kbps, s.connections);
    std::fflush(out_);
    last_ = now;
    last_bytes_ = s.bytes;
  }

 private:
  FILE* out_;
  const Clock& clock_;
  Micros start_, last_;
  uint64_t last_bytes_ = 0;
};
}  // namespace

Status RunPublish(MediaSource& source, const PublishOptions& o, const Clock& clock, const std::atomic<bool>* stop,
                  PublishStats* stats) {
  Logger log("publish");
  FlapSchedule flap = o.flap;
  StatusPrinter printer(o.status_out, clock);
  const Micros start = clock.Monotonic();
  const Micros end = o.duration_s > 0 ? start + static_cast<Micros>(o.duration_s * 1e6) : INT64_MAX;
  std::unique_ptr<RtmpPublisher> pub;
  uint64_t closed_bytes = 0, closed_frames = 0;
  auto total = [&] {
    stats->bytes = closed_bytes + (pub ? pub->bytes_sent() : 0);
    stats->video_frames = closed_frames + (pub ? pub->video_frames() : 0);
    stats->seconds = static_cast<double>(clock.Monotonic() - start) / 1e6;
  };
  auto retire = [&] {
    closed_bytes += pub->bytes_sent();
    closed_frames += pub->video_frames();
    pub.reset();
  };
  auto stopped = [&] { return (stop && stop->load()) || clock.Monotonic() >= end; };

  for (FlapPeriod period = flap.Next(); !stopped(); period = flap.Next()) {
    const Micros on_end = period.last ? end : std::min(end, clock.Monotonic() + period.on);
    while (clock.Monotonic() < on_end) {
      auto p = source.Next();
      if (!p.ok()) {
        if (stop && stop->load()) break;
        return p.status();
      }
      if (!pub) {
        pub = std::make_unique<RtmpPublisher>(o.url, o.timeout_s);
        if (Status st = pub->Start(source.Info(), p->dts_ms); !st.ok()) {
          pub.reset();
          return st;
        }
        ++stats->connections;
        log.Info("publishing to " + RedactUrl(o.url) + " (connection " + std::to_string(stats->connections) + ")");
      }
      if (Status st = pub->Send(*p); !st.ok()) return st;
      total();
      printer.Tick(*stats, "on");
    }
    if (period.last || stopped()) break;
    // Off air.
    ++stats->breaks;
    log.Info("going off air for " + std::to_string(period.off / 1000) + " ms (" +
             std::string(BreakKindName(o.break_kind)) + ")");
    if (o.break_kind == BreakKind::kClean && pub) { pub->CloseClean(); retire(); }
    if (o.break_kind == BreakKind::kAbrupt && pub) { pub->CloseAbrupt(); retire(); }
    const Micros off_end = std::min(end, clock.Monotonic() + period.off);
    while (clock.Monotonic() < off_end) {
      if (!SleepUntil(clock, std::min(off_end, clock.Monotonic() + 200'000), stop)) break;
      total();
      printer.Tick(*stats, "off");
    }
    source.Resync();
  }
  total();
  if (pub) { pub->CloseClean(); retire(); }
  total();
  return Status::Ok();
}

}  // namespace ffsb::emu
