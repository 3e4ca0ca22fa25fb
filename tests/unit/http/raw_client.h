// A blocking loopback HTTP/1.1 client for tests: sends raw bytes (so tests can
// send malformed or partial requests) and parses one response at a time.
// Every read has a timeout so a broken server fails the test instead of
// hanging it.
//
// Thread-safety: one client per thread.
#pragma once

#include <map>
#include <string>

namespace ffsb::http::test {

struct RawResponse {
  int status = 0;  // 0: no response (connection closed or timed out)
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? "" : it->second;
  }
};

class RawClient {
 public:
  explicit RawClient(uint16_t port, int timeout_ms = 5000);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  int fd() const { return fd_; }
  bool Send(const std::string& bytes);
  // Reads one response; for HEAD (head_only) no body is read.
  RawResponse Read(bool head_only = false);
  // Reads whatever arrives until `needle` is seen (or timeout/close).
  std::string ReadUntil(const std::string& needle);
  // True when the server closed the connection (read returns 0 / reset).
  bool WaitClosed();
  // Convenience: GET/HEAD/... with Host and optional extra header lines.
  RawResponse Request(const std::string& method, const std::string& target,
                      const std::string& extra_headers = "", const std::string& body = "");

 private:
  bool Fill();  // reads more into buf_; false on close/timeout
  int fd_ = -1;
  std::string buf_;
};

}  // namespace ffsb::http::test
