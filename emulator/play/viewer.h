// A viewer that plays on its own thread: the `ffemu play` players (RTMP,
// HTTP-FLV, HLS, DASH) behind start/stop, with live statistics. Used by the
// scenario runner and by Python's ffsandbox.Viewer.
//
// Thread-safety: Start/Stop/Wait from one controlling thread; stats(),
// running() and result() from any thread. Ownership: owns its player thread
// and its PlayStats; the destructor stops and joins.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "emulator/play/play_options.h"
#include "emulator/play/play_stats.h"

namespace ffsb::emu {

struct ViewerStats {
  std::string protocol;
  bool running = false;
  std::optional<double> startup_ms;  // start -> first video frame
  uint64_t video_frames = 0, audio_frames = 0, bytes = 0;
  int stalls = 0;
  double stalled_s = 0;
  size_t latency_samples = 0;
  std::optional<double> latency_min_ms, latency_p50_ms, latency_p95_ms, latency_max_ms;
  double seconds = 0;
  std::string error;  // why playing ended early ("" while fine)
};

class Viewer {
 public:
  // url: rtmp://, *.flv, *.m3u8, *.mpd; protocol: "" to guess, else rtmp|flv|hls|dash.
  static Result<std::unique_ptr<Viewer>> Create(const std::string& url, const std::string& protocol,
                                                double media_timeout_s = 10);
  ~Viewer();
  Viewer(const Viewer&) = delete;
  Viewer& operator=(const Viewer&) = delete;

  // Starts playing on a new thread; returns at once. REQUIRES: not started.
  Status Start();
  // Raises the stop flag and joins. Idempotent.
  void Stop();
  // Raises the stop flag only (stop many viewers at once, then Stop() each).
  void RequestStop() { stop_ = true; }
  // Blocks until the player ends by itself or timeout_s passes; true when it ended.
  bool Wait(double timeout_s);
  bool running() const { return running_.load(); }
  ViewerStats stats() const;
  // The player's outcome once it ended (OK when stopped or the duration ran out).
  Status result() const;
  const PlayOptions& options() const { return o_; }

 private:
  explicit Viewer(PlayOptions o);
  void Run();

  PlayOptions o_;
  SystemClock clock_;
  std::unique_ptr<PlayStats> stats_;  // created by Start()
  std::atomic<bool> stop_{false};
  std::atomic<bool> running_{false};
  std::thread thread_;
  mutable std::mutex mu_;
  Status result_;  // GUARDED_BY(mu_)
  bool started_ = false;
};

}  // namespace ffsb::emu
