#include <catch2/catch.hpp>

#include "server/http/content_type.h"
#include "server/http/cors.h"

namespace ffsb::http {

TEST_CASE("CORS: media prefixes get Allow-Origin, API paths do not") {
  CorsPolicy p;
  Request req;
  req.method = "GET";
  req.path = "/cmaf/abc/master.m3u8";
  Response r;
  ApplyCors(p, req, &r);
  REQUIRE(r.headers.size() >= 1);
  CHECK(r.headers[0].first == "Access-Control-Allow-Origin");
  CHECK(r.headers[0].second == "*");

  req.path = "/v2/apps/me/members";
  Response r2;
  ApplyCors(p, req, &r2);
  CHECK(r2.headers.empty());
}

TEST_CASE("CORS preflight") {
  Request req;
  req.method = "OPTIONS";
  req.headers["Access-Control-Request-Method"] = "GET";
  req.headers["Access-Control-Request-Headers"] = "range";
  REQUIRE(IsCorsPreflight(req));
  Response r = CorsPreflightResponse(CorsPolicy{}, req);
  CHECK(r.status == 204);
  bool echoed = false;
  for (auto& [k, v] : r.headers) echoed |= k == "Access-Control-Allow-Headers" && v == "range";
  CHECK(echoed);
}

TEST_CASE("content types by extension") {
  CHECK(ContentTypeForPath("/a/b/index.m3u8") == "application/vnd.apple.mpegurl");
  CHECK(ContentTypeForPath("x.MPD") == "application/dash+xml");
  CHECK(ContentTypeForPath("seg_1.m4s") == "video/iso.segment");
  CHECK(ContentTypeForPath("v.mp4") == "video/mp4");
  CHECK(ContentTypeForPath("t.jpg") == "image/jpeg");
  CHECK(ContentTypeForPath("s.flv") == "video/x-flv");
  CHECK(ContentTypeForPath("f.woff2") == "font/woff2");
  CHECK(ContentTypeForPath("dir.d/noext") == "application/octet-stream");
}

}  // namespace ffsb::http
