// A small blocking HTTP/1.1 client over a raw socket, for what players do:
// one GET per connection ("Connection: close"), the body read as it arrives
// (HTTP-FLV never ends) with chunked transfer coding undone, or read whole
// (playlists, manifests, segments). No TLS, no redirects beyond 3 hops.
//
// Thread-safety: one instance per thread. Ownership: owns its socket.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "emulator/common/url.h"
#include "server/base/status.h"

namespace ffsb::emu {

class HttpStream {
 public:
  HttpStream() = default;
  ~HttpStream();
  HttpStream(const HttpStream&) = delete;
  HttpStream& operator=(const HttpStream&) = delete;

  // Connects, sends the GET and reads the response head. Non-2xx answers are
  // errors whose message starts with "HTTP <status>".
  Status Open(const Url& url, int timeout_ms);
  // Up to cap body bytes; 0 at the end of the body. Error on timeout/reset.
  Result<size_t> Read(uint8_t* buf, size_t cap, int timeout_ms);

  int status_code() const { return status_; }
  std::string Header(const std::string& lower_name) const;

 private:
  Status SendRequest(const Url& url, int timeout_ms);
  Result<size_t> RawRead(uint8_t* buf, size_t cap, int timeout_ms);  // from pending_ then socket
  Result<std::string> ReadLine(int timeout_ms);
  void Close();

  int fd_ = -1;
  int status_ = 0;
  std::map<std::string, std::string> headers_;
  std::vector<uint8_t> pending_;  // bytes read past the head
  size_t pending_pos_ = 0;
  bool chunked_ = false;
  int64_t remaining_ = -1;        // content-length left, or chunk left when chunked; -1 unknown
  bool done_ = false;
};

// GET the whole body. Error on non-2xx, timeout, or body > max_bytes.
Result<std::string> HttpGet(const std::string& url, int timeout_ms, size_t max_bytes = 64 << 20);

}  // namespace ffsb::emu
