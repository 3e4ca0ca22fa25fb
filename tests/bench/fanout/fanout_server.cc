// Standalone media server for the fan-out benchmark: MediaServer on one
// io_context thread with a gate that accepts one key ("benchkey" -> play id
// "benchplay"), plus a minimal HTTP acceptor thread handing
// "GET /live/{id}.flv" connections to AttachHttpFlvViewer (as the real HTTP
// server does). Prints "rtmp=PORT http=PORT" and runs until SIGTERM/SIGINT.
// Usage: fanout_server [RTMP_PORT] [HTTP_PORT]
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>

#include "server/base/log.h"
#include "server/media/media_server.h"

namespace {
class BenchGate : public ffsb::IngestGate {
 public:
  ffsb::Result<ffsb::PublishGrant> Authorize(const ffsb::PublishRequest& r) override {
    if (r.stream_name != "benchkey") return ffsb::Status(ffsb::ErrorCode::STREAM_KEY_NOT_FOUND, "Unknown stream key.");
    return ffsb::PublishGrant{1, "benchplay", true, false, "RTMP"};
  }
  void Viewable(int64_t) override {}
  void Ended(int64_t, std::string_view) override {}
  void Stats(int64_t, const ffsb::IngestStats&) override {}
};

int Listen(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd, 4096) != 0) return -1;
  return fd;
}
}  // namespace

int main(int argc, char** argv) {
  int rtmp_port = argc > 1 ? std::atoi(argv[1]) : 0;
  int http_port = argc > 2 ? std::atoi(argv[2]) : 0;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  signal(SIGPIPE, SIG_IGN);

  boost::asio::io_context io(1);
  BenchGate gate;
  ffsb::MediaServer server(io, ffsb::MediaServerOptions{}, gate);
  auto port = server.Listen(uint16_t(rtmp_port), "127.0.0.1");
  int hfd = Listen(http_port);
  if (!port.ok() || hfd < 0) {
    std::fprintf(stderr, "listen failed\n");
    return 1;
  }
  sockaddr_in a{};
  socklen_t len = sizeof a;
  ::getsockname(hfd, reinterpret_cast<sockaddr*>(&a), &len);
  std::printf("rtmp=%d http=%d\n", int(*port), int(ntohs(a.sin_port)));
  std::fflush(stdout);
  std::thread http([&] {
    for (;;) {
      int fd = ::accept4(hfd, nullptr, nullptr, SOCK_CLOEXEC);
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
      size_t s = req.find("GET /live/"), e = req.find(".flv");
      if (s == 0 && e != std::string::npos && e > 10) {
        server.AttachHttpFlvViewer(fd, req.substr(10, e - 10));
      } else {
        ::close(fd);
      }
    }
  });
  std::thread loop([&] { io.run(); });
  int sig;
  sigwait(&set, &sig);
  server.Stop();
  ::shutdown(hfd, SHUT_RDWR);
  ::close(hfd);
  http.join();
  io.stop();
  loop.join();
  return 0;
}
