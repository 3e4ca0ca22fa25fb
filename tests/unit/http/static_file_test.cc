#include <catch2/catch.hpp>

#include <unistd.h>

#include <fstream>

#include "server/http/static_file.h"

namespace ffsb::http {
namespace {

std::string TempFile(const std::string& content) {
  char path[] = "/tmp/ffsb-static-XXXXXX";
  int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(::write(fd, content.data(), content.size()) == ssize_t(content.size()));
  ::close(fd);
  return path;
}

std::string HeaderOf(const FileReply& r, const std::string& name) {
  for (auto& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

}  // namespace

TEST_CASE("static file: ranges, 416, 304") {
  std::string path = TempFile("0123456789");
  Response resp;
  resp.file_path = path;
  Request req;
  req.method = "GET";

  FileReply full = PrepareFileReply(req, resp);
  CHECK(full.status == 200);
  CHECK(full.length == 10);
  CHECK(full.fd >= 0);
  std::string etag = HeaderOf(full, "ETag");
  CHECK(!etag.empty());

  auto with_range = [&](const std::string& range) {
    Request r = req;
    r.headers["Range"] = range;
    return PrepareFileReply(r, resp);
  };
  FileReply a = with_range("bytes=2-4");
  CHECK(a.status == 206);
  CHECK(a.offset == 2);
  CHECK(a.length == 3);
  CHECK(HeaderOf(a, "Content-Range") == "bytes 2-4/10");
  CHECK(with_range("bytes=-3").offset == 7);
  CHECK(with_range("bytes=8-").length == 2);
  CHECK(with_range("bytes=5-100").length == 5);
  FileReply bad = with_range("bytes=10-");
  CHECK(bad.status == 416);
  CHECK(HeaderOf(bad, "Content-Range") == "bytes */10");
  CHECK(with_range("bytes=1-2,4-5").status == 200);  // multi-range: whole file
  CHECK(with_range("items=1-2").status == 200);

  Request cond = req;
  cond.headers["If-None-Match"] = etag;
  CHECK(PrepareFileReply(cond, resp).status == 304);
  cond.headers["If-None-Match"] = "\"other\"";
  CHECK(PrepareFileReply(cond, resp).status == 200);

  Response missing;
  missing.file_path = "/nonexistent/file.m3u8";
  CHECK(PrepareFileReply(req, missing).status == 404);
  ::unlink(path.c_str());
}

TEST_CASE("SafeJoin rejects traversal") {
  CHECK(SafeJoin("/data", "a/b.m4s") == "/data/a/b.m4s");
  CHECK_FALSE(SafeJoin("/data", "../etc/passwd"));
  CHECK_FALSE(SafeJoin("/data", "a/../../x"));
  CHECK_FALSE(SafeJoin("/data", "/etc/passwd"));
  CHECK_FALSE(SafeJoin("/data", std::string("a\0b", 3)));
}

}  // namespace ffsb::http
