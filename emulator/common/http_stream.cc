#include "emulator/common/http_stream.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

namespace ffsb::emu {
namespace {
Status NetError(const std::string& m) { return Status(ErrorCode::SERVICE_UNAVAILABLE, m); }

bool WaitFd(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  return ::poll(&p, 1, timeout_ms) > 0;
}
}  // namespace

HttpStream::~HttpStream() { Close(); }

void HttpStream::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

Status HttpStream::SendRequest(const Url& url, int timeout_ms) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  if (getaddrinfo(url.host.c_str(), std::to_string(url.port).c_str(), &hints, &res) != 0 || !res)
    return NetError("cannot resolve " + url.host);
  fd_ = ::socket(res->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  int rc = ::connect(fd_, res->ai_addr, res->ai_addrlen);
  freeaddrinfo(res);
  if (rc < 0 && errno != EINPROGRESS) return NetError("cannot connect to " + url.HostPort());
  int err = 0;
  socklen_t len = sizeof(err);
  if (!WaitFd(fd_, POLLOUT, timeout_ms) || getsockopt(fd_, SOL_SOCKET, SO_ERROR, &err, &len) < 0 || err)
    return NetError("cannot connect to " + url.HostPort() + (err ? std::string(": ") + strerror(err) : ""));
  std::string req = "GET " + url.Target() + " HTTP/1.1\r\nHost: " + url.HostPort() +
                    "\r\nUser-Agent: ffemu\r\nAccept: */*\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < req.size()) {
    ssize_t n = ::send(fd_, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EAGAIN && WaitFd(fd_, POLLOUT, timeout_ms)) continue;
    if (n <= 0) return NetError("send failed");
    sent += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Result<size_t> HttpStream::RawRead(uint8_t* buf, size_t cap, int timeout_ms) {
  if (pending_pos_ >= pending_.size()) {
    // Refill the read-ahead buffer with one recv.
    pending_.resize(64 * 1024);
    pending_pos_ = 0;
    for (;;) {
      ssize_t n = ::recv(fd_, pending_.data(), pending_.size(), 0);
      if (n >= 0) { pending_.resize(static_cast<size_t>(n)); break; }
      pending_.clear();
      if (errno == EINTR) { pending_.resize(64 * 1024); continue; }
      if (errno != EAGAIN) return NetError(std::string("connection lost: ") + strerror(errno));
      if (!WaitFd(fd_, POLLIN, timeout_ms)) return NetError("read timed out");
      pending_.resize(64 * 1024);
    }
    if (pending_.empty()) return size_t{0};
  }
  size_t n = std::min(cap, pending_.size() - pending_pos_);
  std::memcpy(buf, pending_.data() + pending_pos_, n);
  pending_pos_ += n;
  return n;
}

Result<std::string> HttpStream::ReadLine(int timeout_ms) {
  std::string line;
  uint8_t c;
  for (;;) {
    auto n = RawRead(&c, 1, timeout_ms);
    if (!n.ok()) return n.status();
    if (*n == 0) return NetError("connection closed in HTTP head");
    if (c == '\n') break;
    if (c != '\r') line += static_cast<char>(c);
    if (line.size() > 16384) return NetError("HTTP header line too long");
  }
  return line;
}

Status HttpStream::Open(const Url& url, int timeout_ms) {
  Url current = url;
  for (int hop = 0; hop < 4; ++hop) {
    Close();
    headers_.clear();
    pending_.clear();
    pending_pos_ = 0;
    if (Status st = SendRequest(current, timeout_ms); !st.ok()) return st;
    auto status_line = ReadLine(timeout_ms);
    if (!status_line.ok()) return status_line.status();
    if (std::sscanf(status_line->c_str(), "HTTP/%*d.%*d %d", &status_) != 1)
      return NetError("bad HTTP status line");
    for (;;) {
      auto line = ReadLine(timeout_ms);
      if (!line.ok()) return line.status();
      if (line->empty()) break;
      size_t colon = line->find(':');
      if (colon == std::string::npos) continue;
      std::string name = line->substr(0, colon);
      for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      size_t v = line->find_first_not_of(' ', colon + 1);
      headers_[name] = v == std::string::npos ? "" : line->substr(v);
    }
    if (status_ >= 300 && status_ < 400 && !Header("location").empty()) {
      auto next = ParseUrl(ResolveUrl(current.scheme + "://" + current.HostPort() + current.Target(), Header("location")));
      if (!next.ok()) return next.status();
      current = *next;
      continue;
    }
    if (status_ < 200 || status_ >= 300) return NetError("HTTP " + std::to_string(status_) + " for " + current.path);
    std::string te = Header("transfer-encoding");
    chunked_ = te.find("chunked") != std::string::npos;
    remaining_ = chunked_ ? 0 : (Header("content-length").empty() ? -1 : std::stoll(Header("content-length")));
    done_ = !chunked_ && remaining_ == 0;
    return Status::Ok();
  }
  return NetError("too many redirects");
}

std::string HttpStream::Header(const std::string& lower_name) const {
  auto it = headers_.find(lower_name);
  return it == headers_.end() ? "" : it->second;
}

Result<size_t> HttpStream::Read(uint8_t* buf, size_t cap, int timeout_ms) {
  if (done_) return size_t{0};
  if (chunked_ && remaining_ == 0) {
    auto line = ReadLine(timeout_ms);
    if (!line.ok()) return line.status();
    if (line->empty()) {  // CRLF after the previous chunk's data
      line = ReadLine(timeout_ms);
      if (!line.ok()) return line.status();
    }
    remaining_ = std::strtoll(line->c_str(), nullptr, 16);
    if (remaining_ == 0) { done_ = true; return size_t{0}; }
  }
  size_t want = remaining_ < 0 ? cap : std::min<size_t>(cap, static_cast<size_t>(remaining_));
  auto n = RawRead(buf, want, timeout_ms);
  if (!n.ok()) return n.status();
  if (*n == 0) {
    if (remaining_ > 0) return NetError("connection closed mid-body");
    done_ = true;
    return size_t{0};
  }
  if (remaining_ > 0) remaining_ -= static_cast<int64_t>(*n);
  if (!chunked_ && remaining_ == 0) done_ = true;
  return *n;
}

Result<std::string> HttpGet(const std::string& url_text, int timeout_ms, size_t max_bytes) {
  auto url = ParseUrl(url_text);
  if (!url.ok()) return url.status();
  HttpStream s;
  if (Status st = s.Open(*url, timeout_ms); !st.ok()) return st;
  std::string body;
  uint8_t buf[65536];
  for (;;) {
    auto n = s.Read(buf, sizeof(buf), timeout_ms);
    if (!n.ok()) return n.status();
    if (*n == 0) return body;
    body.append(reinterpret_cast<char*>(buf), *n);
    if (body.size() > max_bytes) return NetError("response too large");
  }
}

}  // namespace ffsb::emu
