// Internal to server/http: the state an HttpServer shares with its
// connections. Includes Asio (not Beast); never include from a public header.
//
// Threading: options/router are read-only while running; counters are atomic.
// Member order matters: io_context is destroyed before the counters that
// connections touch in their destructors, and after nothing else needs it.
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "server/base/log.h"
#include "server/http/server.h"

namespace ffsb::http {

struct HttpServer::Impl {
  Impl(Options o, const Router& r) : options(std::move(o)), router(r), log("http") {}

  void Accept();

  const Options options;
  const Router& router;
  const Logger log;
  std::atomic<size_t> active{0};
  std::atomic<uint64_t> accepted{0};
  std::atomic<uint64_t> rejected{0};
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> takeovers{0};
  std::atomic<uint64_t> upload_seq{0};
  uint16_t bound_port = 0;
  bool running = false;

  std::unique_ptr<boost::asio::io_context> ioc;
  std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor;
  std::vector<std::thread> threads;
};

// Serves one accepted connection until it closes (connection.cc, Beast).
// The server has already counted it in `active`; the connection uncounts
// itself when it ends.
void ServeConnection(HttpServer::Impl* server, boost::asio::ip::tcp::socket socket);

}  // namespace ffsb::http
