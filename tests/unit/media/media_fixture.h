// Integration-test scaffolding: a real MediaServer on port 0 running its own
// loop thread, a fake IngestGate that knows two keys, a tiny HTTP acceptor
// that hands fds to AttachHttpFlvViewer (as the real HTTP server will), and
// a child-process helper for ffmpeg/ffprobe/rtmpdump/gst-launch.
#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/media/media_server.h"

namespace ffsb::testing {

inline constexpr const char* kKeyA = "sk_alpha_0123456789abcdef";  // id 1, play "playA", RTMP
inline constexpr const char* kKeyB = "sk_bravo_0123456789abcdef";  // id 2, play "playB", RTMP

class FakeGate : public IngestGate {
 public:
  Result<PublishGrant> Authorize(const PublishRequest& r) override;
  void Viewable(int64_t id) override;
  void Ended(int64_t id, std::string_view reason) override;
  void Stats(int64_t id, const IngestStats& s) override;

  // Waits until pred() holds (checked under the lock) or timeout.
  bool WaitFor(const std::function<bool()>& pred, int timeout_ms);
  std::vector<std::string> ended(int64_t id);  // reasons, in order
  int authorized(int64_t id);
  int viewable(int64_t id);
  IngestStats last_stats(int64_t id);
  PublishRequest last_request();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::map<int64_t, std::vector<std::string>> ended_;
  std::map<int64_t, int> authorized_, viewable_;
  std::map<int64_t, IngestStats> stats_;
  PublishRequest last_;
};

class ServerFixture {
 public:
  explicit ServerFixture(MediaServerOptions opts = TestOptions());
  ~ServerFixture();
  static MediaServerOptions TestOptions();
  int port() const { return port_; }
  int http_port() const { return http_port_; }
  std::string PublishUrl(const std::string& key) const;
  std::string PlayUrl(const std::string& play_id) const;
  std::string FlvUrl(const std::string& play_id) const;
  FakeGate gate;
  boost::asio::io_context io;
  std::unique_ptr<MediaServer> server;

 private:
  void HttpLoop();
  int port_ = 0, http_port_ = 0, http_fd_ = -1;
  std::thread loop_, http_;
};

// Child process (argv[0] looked up in PATH), stdout/stderr to `log` file.
class Process {
 public:
  Process(std::vector<std::string> argv, const std::string& log = "/dev/null");
  ~Process();
  void Signal(int sig);
  // Exit code, or -1 if still running after timeout_ms (then killed).
  int Wait(int timeout_ms);
  bool Running();

 private:
  int pid_ = -1;
  int status_ = 0;
  bool done_ = false;
};

std::string TempDir();
// ffprobe JSON of streams/format as "codec:w:h" facts.
struct Probe {
  bool ok = false;
  std::string video_codec, audio_codec;
  int width = 0, height = 0;
  double duration = 0;
};
Probe RunProbe(const std::string& url_or_file, int timeout_s);

}  // namespace ffsb::testing
