// A real HttpServer on an ephemeral port, driven over loopback.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <httplib.h>

#include "server/http/server.h"
#include "tests/unit/http/raw_client.h"

namespace ffsb::http {
namespace {

using test::RawClient;

struct Fixture {
  explicit Fixture(HttpServer::Options o = {}) : server(Loopback(std::move(o)), router) {}
  static HttpServer::Options Loopback(HttpServer::Options o) {
    o.bind = "127.0.0.1";
    return o;
  }

  void Build() {
    router.Add("GET", "/hello", [](Request& req) {
      return Json(200, {{"hello", "world"}, {"remote", req.remote_addr}});
    });
    router.Add("POST", "/echo", [](Request& req) {
      Response r;
      r.content_type = "text/plain";
      r.body = req.body;
      return r;
    });
    router.Add("GET", "/vod/*", [this](Request& req) {
      Response r;
      r.file_path = file_path;
      return r;
    });
    router.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("x"); });
    router.Add("GET", "/takeover", [](Request&) {
      Response r;
      r.takeover = [](int fd, const Request& req) {
        std::string msg = "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(req.path.size()) +
                          "\r\nConnection: close\r\n\r\n" + req.path;
        ssize_t n = ::write(fd, msg.data(), msg.size());
        (void)n;
        ::close(fd);
      };
      return r;
    });
    router.AddUpload("POST", "/upload", [](Request& req) {
      struct stat st{};
      bool in_memory = !req.body.empty();
      ::stat(req.body_file.c_str(), &st);
      return Json(200, {{"size", st.st_size}, {"file", req.body_file}, {"inMemory", in_memory}});
    });
    REQUIRE(server.Start().ok());
  }

  Router router;
  HttpServer server;
  std::string file_path;
};

std::string MakeFile(size_t n) {
  char path[] = "/tmp/ffsb-srv-XXXXXX.mp4";
  int fd = ::mkstemps(path, 4);
  std::string data(n, '\0');
  for (size_t i = 0; i < n; ++i) data[i] = char('a' + i % 26);
  REQUIRE(::write(fd, data.data(), n) == ssize_t(n));
  ::close(fd);
  return path;
}

TEST_CASE("server: keep-alive serves several requests on one connection") {
  Fixture f;
  f.Build();
  httplib::Client cli("127.0.0.1", f.server.port());
  cli.set_keep_alive(true);
  auto r1 = cli.Get("/hello");
  auto r2 = cli.Get("/hello");
  REQUIRE(r1);
  REQUIRE(r2);
  CHECK(r1->status == 200);
  CHECK(r1->get_header_value("Server") == "ffsandbox");
  CHECK(r1->get_header_value("Content-Type") == "application/json");
  auto j1 = nlohmann::json::parse(r1->body), j2 = nlohmann::json::parse(r2->body);
  CHECK(j1["remote"] == j2["remote"]);  // same client port: same connection

  RawClient raw(f.server.port());
  // Pipelined: both answered in order.
  raw.Send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  CHECK(raw.Read().status == 200);
  auto e = raw.Read();
  CHECK(e.status == 200);
  CHECK(e.body == "abc");
  // HTTP/1.0 without keep-alive closes.
  raw.Send("GET /hello HTTP/1.0\r\n\r\n");
  CHECK(raw.Read().status == 200);
  CHECK(raw.WaitClosed());
}

TEST_CASE("server: errors: 404, wrong method, handler throws, malformed request") {
  Fixture f;
  f.Build();
  RawClient c(f.server.port());
  auto r = c.Request("GET", "/nope");
  CHECK(r.status == 404);
  CHECK(nlohmann::json::parse(r.body)["errorCode"] == "API_NOT_FOUND");
  r = c.Request("DELETE", "/hello");
  CHECK(r.status == 400);
  CHECK(nlohmann::json::parse(r.body)["errorCode"] == "UNSUPPORTED_HTTP_METHOD");
  r = c.Request("GET", "/boom");
  CHECK(r.status == 500);
  CHECK(nlohmann::json::parse(r.body)["errorCode"] == "INTERNAL_SERVER_ERROR");

  RawClient bad(f.server.port());
  bad.Send("GARBAGE\r\n\r\n");
  CHECK(bad.Read().status == 400);
  CHECK(bad.WaitClosed());

  RawClient bad2(f.server.port());
  bad2.Send("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n");
  CHECK(bad2.Read().status == 400);
  CHECK(bad2.WaitClosed());

  RawClient big(f.server.port());
  big.Send("GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(64 * 1024, 'a') + "\r\n\r\n");
  CHECK(big.Read().status == 431);
}

TEST_CASE("server: HEAD on a GET route") {
  Fixture f;
  f.Build();
  RawClient c(f.server.port());
  auto get = c.Request("GET", "/hello");
  auto head = c.Request("HEAD", "/hello");
  CHECK(head.status == 200);
  CHECK(head.Header("content-length") == get.Header("content-length"));
  // No body was sent: the next request on the connection parses cleanly.
  CHECK(c.Request("GET", "/hello").status == 200);
}

TEST_CASE("server: file responses with Range, 416, 304, HEAD, streaming a large file") {
  Fixture f;
  f.file_path = MakeFile(3 * 1024 * 1024 + 17);
  f.Build();
  RawClient c(f.server.port());
  auto full = c.Request("GET", "/vod/x.mp4");
  CHECK(full.status == 200);
  CHECK(full.body.size() == 3 * 1024 * 1024 + 17);
  CHECK(full.Header("content-type") == "video/mp4");
  CHECK(full.Header("accept-ranges") == "bytes");
  CHECK(!full.Header("last-modified").empty());
  CHECK(full.Header("access-control-allow-origin") == "*");  // media prefix

  auto part = c.Request("GET", "/vod/x.mp4", "Range: bytes=26-28\r\n");
  CHECK(part.status == 206);
  CHECK(part.body == "abc");
  CHECK(part.Header("content-range") == "bytes 26-28/" + std::to_string(3 * 1024 * 1024 + 17));

  auto unsat = c.Request("GET", "/vod/x.mp4", "Range: bytes=99999999-\r\n");
  CHECK(unsat.status == 416);

  auto nm = c.Request("GET", "/vod/x.mp4", "If-None-Match: " + full.Header("etag") + "\r\n");
  CHECK(nm.status == 304);
  CHECK(nm.body.empty());

  auto head = c.Request("HEAD", "/vod/x.mp4");
  CHECK(head.status == 200);
  CHECK(head.Header("content-length") == std::to_string(3 * 1024 * 1024 + 17));
  CHECK(c.Request("GET", "/hello").status == 200);
  ::unlink(f.file_path.c_str());
}

TEST_CASE("server: CORS preflight and headers") {
  Fixture f;
  f.Build();
  RawClient c(f.server.port());
  auto pre = c.Request("OPTIONS", "/cmaf/k/master.m3u8",
                       "Origin: http://player.test\r\nAccess-Control-Request-Method: GET\r\n"
                       "Access-Control-Request-Headers: range\r\n");
  CHECK(pre.status == 204);
  CHECK(pre.Header("access-control-allow-origin") == "*");
  CHECK(pre.Header("access-control-allow-headers") == "range");
  CHECK(pre.Header("access-control-allow-methods").find("GET") != std::string::npos);
  auto api = c.Request("GET", "/hello", "Origin: http://x\r\n");
  CHECK(api.Header("access-control-allow-origin").empty());
  auto media404 = c.Request("GET", "/live/none.flv");
  CHECK(media404.status == 404);
  CHECK(media404.Header("access-control-allow-origin") == "*");
}

TEST_CASE("server: takeover hands the socket to the handler") {
  Fixture f;
  f.Build();
  RawClient c(f.server.port());
  auto r = c.Request("GET", "/takeover");
  CHECK(r.status == 200);
  CHECK(r.body == "/takeover");
  CHECK(r.Header("server").empty());  // the server wrote nothing itself
  CHECK(f.server.stats().takeovers == 1);
}

}  // namespace
}  // namespace ffsb::http
