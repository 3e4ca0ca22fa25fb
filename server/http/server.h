// HttpServer: the HTTP/1.1 front door of ffsandbox (REST API, console,
// HLS/DASH/VOD files, HTTP-FLV and SSE via takeover). See docs/http.md.
//
// Threading: the server owns one io_context run by Options::threads threads.
// Each connection lives on its own strand; handlers run inline on the thread
// that read the request (so a handler must not block for long). There is no
// thread per connection; idle keep-alive connections cost a socket and a
// timer.
//
// Ownership: the Router is borrowed and must outlive the server; it is only
// read. Start() once, Stop() (or the destructor) once; Stop() joins the
// threads and closes every connection still held by the server (sockets
// handed to a takeover belong to their receiver and are left alone).
//
// Limits (all per Options): request body (413 REQUEST_BODY_TOO_LARGE, from
// Content-Length before the body is read, or while reading a chunked body),
// a larger limit for upload routes (Router::AddUpload, spooled to a file),
// header size (431), header read timeout (slowloris), idle keep-alive
// timeout, a stall timeout on body reads and response writes, and a cap on
// concurrent connections (beyond it: 503 and close).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "server/base/status.h"
#include "server/http/cors.h"
#include "server/http/router.h"

namespace ffsb::http {

class HttpServer {
 public:
  struct Options {
    std::string bind = "0.0.0.0";
    uint16_t port = 0;  // 0 = ephemeral; port() tells which after Start()
    int threads = 2;
    size_t max_body_bytes = size_t{1} << 20;    // 1 MiB
    size_t max_upload_bytes = size_t{1} << 30;  // 1 GiB, upload routes only
    std::string upload_dir;                     // empty: the system temp dir
    size_t max_header_bytes = 16 * 1024;
    // From accept (or from the end of the previous response's keep-alive
    // wait) until the request headers are complete.
    std::chrono::milliseconds header_timeout{10'000};
    // Keep-alive: how long a connection may sit between requests.
    std::chrono::milliseconds idle_timeout{60'000};
    // A body read or a response write that makes no progress for this long.
    std::chrono::milliseconds io_timeout{60'000};
    size_t max_connections = 10'000;
    CorsPolicy cors;
  };

  struct Stats {
    size_t active_connections = 0;
    uint64_t accepted_connections = 0;
    uint64_t rejected_connections = 0;  // over max_connections
    uint64_t requests = 0;
    uint64_t takeovers = 0;
  };

  HttpServer(Options options, const Router& router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads. Fails with SERVICE_UNAVAILABLE
  // when the address cannot be bound.
  Status Start();
  // REQUIRES: Start() succeeded.
  uint16_t port() const;
  void Stop();
  Stats stats() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace ffsb::http
