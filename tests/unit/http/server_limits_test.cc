// Limits of a real HttpServer: body sizes, uploads, slow/idle clients,
// the connection cap.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/stat.h>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "server/http/server.h"
#include "tests/unit/http/raw_client.h"

namespace ffsb::http {
namespace {

using test::RawClient;
using namespace std::chrono_literals;

Router MakeRouter() {
  Router r;
  r.Add("GET", "/hello", [](Request&) { return Json(200, {{"ok", true}}); });
  r.Add("POST", "/echo", [](Request& req) {
    Response resp;
    resp.content_type = "text/plain";
    resp.body = req.body;
    return resp;
  });
  r.AddUpload("POST", "/upload", [](Request& req) {
    struct stat st{};
    ::stat(req.body_file.c_str(), &st);
    return Json(200, {{"size", st.st_size}, {"inMemory", !req.body.empty()}, {"file", req.body_file}});
  });
  return r;
}

HttpServer::Options SmallLimits() {
  HttpServer::Options o;
  o.bind = "127.0.0.1";
  o.max_body_bytes = 1024;
  o.max_upload_bytes = 8 * 1024 * 1024;
  return o;
}

TEST_CASE("limits: 413 from Content-Length before the body is sent") {
  Router router = MakeRouter();
  HttpServer server(SmallLimits(), router);
  REQUIRE(server.Start().ok());
  RawClient c(server.port());
  c.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n");
  auto r = c.Read();
  CHECK(r.status == 413);
  CHECK(nlohmann::json::parse(r.body)["errorCode"] == "REQUEST_BODY_TOO_LARGE");
  CHECK(r.Header("connection") == "close");

  // Within the limit it echoes.
  RawClient ok(server.port());
  CHECK(ok.Request("POST", "/echo", "", std::string(1000, 'x')).body.size() == 1000);
}

TEST_CASE("limits: 413 while reading a chunked body") {
  Router router = MakeRouter();
  HttpServer server(SmallLimits(), router);
  REQUIRE(server.Start().ok());
  RawClient c(server.port());
  std::string req = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 4; ++i) req += "200\r\n" + std::string(512, 'a') + "\r\n";
  req += "0\r\n\r\n";
  c.Send(req);
  auto r = c.Read();
  CHECK(r.status == 413);

  RawClient small(server.port());
  small.Send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
  auto s = small.Read();
  CHECK(s.status == 200);
  CHECK(s.body == "abcde");
}

TEST_CASE("limits: upload routes take large bodies into a file, removed afterwards") {
  Router router = MakeRouter();
  HttpServer server(SmallLimits(), router);
  REQUIRE(server.Start().ok());
  RawClient c(server.port());
  const size_t n = 3 * 1024 * 1024;
  c.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(n) +
         "\r\nExpect: 100-continue\r\n\r\n");
  CHECK(c.ReadUntil("\r\n\r\n").find("100 Continue") != std::string::npos);
  c.Send(std::string(n, 'u'));
  auto r = c.Read();
  REQUIRE(r.status == 200);
  auto j = nlohmann::json::parse(r.body);
  CHECK(j["size"] == n);
  CHECK(j["inMemory"] == false);
  struct stat st{};
  CHECK(::stat(j["file"].get<std::string>().c_str(), &st) != 0);  // cleaned up

  RawClient over(server.port());
  over.Send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n");
  CHECK(over.Read().status == 413);
}

TEST_CASE("limits: 1,000 idle connections time out while the server keeps answering") {
  rlimit rl{};
  ::getrlimit(RLIMIT_NOFILE, &rl);
  if (rl.rlim_cur < 4096 && rl.rlim_max >= 4096) {
    rl.rlim_cur = 4096;
    ::setrlimit(RLIMIT_NOFILE, &rl);
  }
  Router router = MakeRouter();
  HttpServer::Options o = SmallLimits();
  o.header_timeout = 1500ms;
  HttpServer server(o, router);
  REQUIRE(server.Start().ok());

  std::vector<std::unique_ptr<RawClient>> idle;
  for (int i = 0; i < 1000; ++i) {
    idle.push_back(std::make_unique<RawClient>(server.port(), 10000));
    REQUIRE(idle.back()->connected());
  }
  // A slowloris: half a request line, then nothing.
  RawClient slow(server.port(), 10000);
  slow.Send("GET /hel");

  auto t0 = std::chrono::steady_clock::now();
  RawClient active(server.port());
  for (int i = 0; i < 20; ++i) CHECK(active.Request("GET", "/hello").status == 200);
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
  CHECK(server.stats().active_connections >= 1000);

  // All idle ones are closed by the header timeout.
  CHECK(slow.WaitClosed());
  CHECK(idle.front()->WaitClosed());
  CHECK(idle.back()->WaitClosed());
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (server.stats().active_connections > 1 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(20ms);
  CHECK(server.stats().active_connections == 1);  // `active` remains (keep-alive)
  CHECK(active.Request("GET", "/hello").status == 200);
}

TEST_CASE("limits: the connection cap answers 503 beyond max_connections") {
  Router router = MakeRouter();
  HttpServer::Options o = SmallLimits();
  o.max_connections = 2;
  HttpServer server(o, router);
  REQUIRE(server.Start().ok());
  RawClient a(server.port()), b(server.port());
  CHECK(a.Request("GET", "/hello").status == 200);
  CHECK(b.Request("GET", "/hello").status == 200);
  RawClient c(server.port());
  auto r = c.Read();
  CHECK(r.status == 503);
  CHECK(server.stats().rejected_connections == 1);
}

TEST_CASE("limits: idle keep-alive connections are closed after idle_timeout") {
  Router router = MakeRouter();
  HttpServer::Options o = SmallLimits();
  o.idle_timeout = 300ms;
  HttpServer server(o, router);
  REQUIRE(server.Start().ok());
  RawClient c(server.port());
  CHECK(c.Request("GET", "/hello").status == 200);
  auto t0 = std::chrono::steady_clock::now();
  CHECK(c.WaitClosed());
  CHECK(std::chrono::steady_clock::now() - t0 < 2s);
}

}  // namespace
}  // namespace ffsb::http
