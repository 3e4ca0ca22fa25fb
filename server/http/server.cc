// HttpServer: listening socket, accept loop and threads (Asio only; the
// per-connection HTTP work is in connection.cc).
#include "server/http/server.h"

#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "server/http/server_impl.h"

namespace ffsb::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;

HttpServer::HttpServer(Options options, const Router& router)
    : impl_(std::make_unique<Impl>(std::move(options), router)) {}

HttpServer::~HttpServer() { Stop(); }

Status HttpServer::Start() {
  Impl& s = *impl_;
  if (s.running) return Status(ErrorCode::SERVICE_UNAVAILABLE, "HTTP server already started");
  s.ioc = std::make_unique<net::io_context>(s.options.threads);
  boost::system::error_code ec;
  auto addr = net::ip::make_address(s.options.bind, ec);
  if (ec) return Status(ErrorCode::SERVICE_UNAVAILABLE, "bad bind address " + s.options.bind);
  tcp::endpoint ep(addr, s.options.port);
  s.acceptor = std::make_unique<tcp::acceptor>(*s.ioc);
  s.acceptor->open(ep.protocol(), ec);
  if (!ec) s.acceptor->set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) s.acceptor->bind(ep, ec);
  if (!ec) s.acceptor->listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    s.acceptor.reset();
    s.ioc.reset();
    return Status(ErrorCode::SERVICE_UNAVAILABLE, "cannot listen on " + s.options.bind + ":" +
                                                      std::to_string(s.options.port) + ": " +
                                                      ec.message());
  }
  s.bound_port = s.acceptor->local_endpoint().port();
  s.running = true;
  s.Accept();
  int n = s.options.threads < 1 ? 1 : s.options.threads;
  for (int i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.ioc->run(); });
  s.log.Info("listening on " + s.options.bind + ":" + std::to_string(s.bound_port) +
             " threads=" + std::to_string(n));
  return Status::Ok();
}

uint16_t HttpServer::port() const { return impl_->bound_port; }

void HttpServer::Stop() {
  Impl& s = *impl_;
  if (!s.running) return;
  s.running = false;
  net::post(*s.ioc, [&s] {
    boost::system::error_code ec;
    s.acceptor->close(ec);
  });
  s.ioc->stop();
  for (auto& t : s.threads) t.join();
  s.threads.clear();
  s.acceptor.reset();
  s.ioc.reset();  // destroys pending handlers, hence the connections
  s.log.Info("stopped port=" + std::to_string(s.bound_port));
}

HttpServer::Stats HttpServer::stats() const {
  Stats st;
  st.active_connections = impl_->active.load();
  st.accepted_connections = impl_->accepted.load();
  st.rejected_connections = impl_->rejected.load();
  st.requests = impl_->requests.load();
  st.takeovers = impl_->takeovers.load();
  return st;
}

void HttpServer::Impl::Accept() {
  acceptor->async_accept(net::make_strand(*ioc), [this](boost::system::error_code ec,
                                                        tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor->is_open()) return;
    if (ec) {
      // EMFILE and friends: log and keep accepting; the backlog waits.
      log.Warn("accept failed: " + ec.message());
    } else if (active.load() >= options.max_connections) {
      ++rejected;
      static const std::string k503 = [] {
        Response r = Error(ErrorCode::SERVICE_UNAVAILABLE, "Too many connections");
        return "HTTP/1.1 503 Service Unavailable\r\nServer: ffsandbox\r\nContent-Type: " +
               r.content_type + "\r\nConnection: close\r\nContent-Length: " +
               std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
      }();
      boost::system::error_code wec;
      socket.non_blocking(true, wec);
      net::write(socket, net::buffer(k503), wec);
      socket.close(wec);
    } else {
      ++active;
      ++accepted;
      ServeConnection(this, std::move(socket));
    }
    Accept();
  });
}

}  // namespace ffsb::http
