#include "tests/unit/media/media_fixture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

extern char** environ;

namespace ffsb::testing {

Result<PublishGrant> FakeGate::Authorize(const PublishRequest& r) {
  std::lock_guard<std::mutex> l(mu_);
  last_ = r;
  PublishGrant g;
  if (r.stream_name == kKeyA) {
    g = {1, "playA", true, false, "RTMP"};
  } else if (r.stream_name == kKeyB) {
    g = {2, "playB", true, false, "RTMP"};
  } else {
    return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "Unknown stream key.");
  }
  if (!r.mode_param.empty()) {
    g.mode = r.mode_param;
    g.rtmp_output = r.mode_param != "CMAF";
    g.cmaf_output = r.mode_param != "RTMP";
  }
  authorized_[g.stream_key_id]++;
  cv_.notify_all();
  return g;
}
void FakeGate::Viewable(int64_t id) {
  std::lock_guard<std::mutex> l(mu_);
  viewable_[id]++;
  cv_.notify_all();
}
void FakeGate::Ended(int64_t id, std::string_view reason) {
  std::lock_guard<std::mutex> l(mu_);
  ended_[id].emplace_back(reason);
  cv_.notify_all();
}
void FakeGate::Stats(int64_t id, const IngestStats& s) {
  std::lock_guard<std::mutex> l(mu_);
  stats_[id] = s;
  cv_.notify_all();
}
bool FakeGate::WaitFor(const std::function<bool()>& pred, int timeout_ms) {
  std::unique_lock<std::mutex> l(mu_);
  return cv_.wait_for(l, std::chrono::milliseconds(timeout_ms), pred);
}
std::vector<std::string> FakeGate::ended(int64_t id) {
  std::lock_guard<std::mutex> l(mu_);
  return ended_[id];
}
int FakeGate::authorized(int64_t id) {
  std::lock_guard<std::mutex> l(mu_);
  return authorized_[id];
}
int FakeGate::viewable(int64_t id) {
  std::lock_guard<std::mutex> l(mu_);
  return viewable_[id];
}
IngestStats FakeGate::last_stats(int64_t id) {
  std::lock_guard<std::mutex> l(mu_);
  return stats_[id];
}
PublishRequest FakeGate::last_request() {
  std::lock_guard<std::mutex> l(mu_);
  return last_;
}

MediaServerOptions ServerFixture::TestOptions() {
  MediaServerOptions o;
  o.stats_interval = std::chrono::milliseconds(1000);
  o.tick = std::chrono::milliseconds(100);
  return o;
}

ServerFixture::ServerFixture(MediaServerOptions opts) {
  server = std::make_unique<MediaServer>(io, opts, gate);
  auto p = server->Listen(0, "127.0.0.1");
  port_ = p.ok() ? *p : 0;
  loop_ = std::thread([this] { io.run(); });
  http_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(http_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(http_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::listen(http_fd_, 64);
  socklen_t len = sizeof a;
  ::getsockname(http_fd_, reinterpret_cast<sockaddr*>(&a), &len);
  http_port_ = ntohs(a.sin_port);
  http_ = std::thread([this] { HttpLoop(); });
}

// Reads "GET /live/{id}.flv HTTP/1.1 ... \r\n\r\n" and hands the fd over.
void ServerFixture::HttpLoop() {
  for (;;) {
    int fd = ::accept4(http_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) return;
    std::string req;
    char buf[2048];
    while (req.find("\r\n\r\n") == std::string::npos && req.size() < 8192) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 2000) <= 0) break;
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      req.append(buf, size_t(n));
    }
    std::smatch m;
    std::regex re("^GET /live/([^ ]+)\\.flv ");
    if (std::regex_search(req, m, re)) {
      server->AttachHttpFlvViewer(fd, m[1]);
    } else {
      ::close(fd);
    }
  }
}

ServerFixture::~ServerFixture() {
  server->Stop();
  ::shutdown(http_fd_, SHUT_RDWR);
  ::close(http_fd_);
  http_.join();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  io.stop();
  loop_.join();
  server.reset();
}

std::string ServerFixture::PublishUrl(const std::string& key) const {
  return "rtmp://127.0.0.1:" + std::to_string(port_) + "/live/" + key;
}
std::string ServerFixture::PlayUrl(const std::string& id) const {
  return "rtmp://127.0.0.1:" + std::to_string(port_) + "/live/" + id;
}
std::string ServerFixture::FlvUrl(const std::string& id) const {
  return "http://127.0.0.1:" + std::to_string(http_port_) + "/live/" + id + ".flv";
}

Process::Process(std::vector<std::string> argv, const std::string& log) {
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&fa, 1, 2);
  if (posix_spawnp(&pid_, args[0], &fa, nullptr, args.data(), environ) != 0) pid_ = -1;
  posix_spawn_file_actions_destroy(&fa);
}
Process::~Process() {
  if (Running()) {
    Signal(SIGKILL);
    Wait(2000);
  }
}
void Process::Signal(int sig) {
  if (pid_ > 0 && !done_) ::kill(pid_, sig);
}
bool Process::Running() {
  if (pid_ <= 0 || done_) return false;
  int r = ::waitpid(pid_, &status_, WNOHANG);
  if (r == pid_) done_ = true;
  return !done_;
}
int Process::Wait(int timeout_ms) {
  for (int t = 0; t < timeout_ms && Running(); t += 20) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (Running()) {
    Signal(SIGKILL);
    ::waitpid(pid_, &status_, 0);
    done_ = true;
    return -1;
  }
  if (pid_ <= 0) return -2;
  return WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
}

std::string TempDir() {
  char tmpl[] = "/tmp/ffsb_media_XXXXXX";
  return ::mkdtemp(tmpl);
}

Probe RunProbe(const std::string& target, int timeout_s) {
  std::string dir = TempDir();
  std::string out = dir + "/probe.txt";
  Process p({"timeout", std::to_string(timeout_s), "ffprobe", "-v", "error", "-show_entries",
             "stream=codec_type,codec_name,width,height:format=duration", "-of",
             "default=noprint_wrappers=1", target},
            out);
  p.Wait((timeout_s + 3) * 1000);
  std::ifstream f(out);
  std::string line, type;
  Probe pr;
  while (std::getline(f, line)) {
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string k = line.substr(0, eq), v = line.substr(eq + 1);
    if (k == "codec_name") type = v;
    if (k == "codec_type" && v == "video") pr.video_codec = type;
    if (k == "codec_type" && v == "audio") pr.audio_codec = type;
    if (k == "width") pr.width = std::atoi(v.c_str());
    if (k == "height" && std::atoi(v.c_str()) > 0) pr.height = std::atoi(v.c_str());
    if (k == "duration" && v != "N/A") pr.duration = std::atof(v.c_str());
  }
  pr.ok = !pr.video_codec.empty();
  return pr;
}

}  // namespace ffsb::testing
