#include <catch2/catch.hpp>

#include "emulator/common/url.h"

using namespace ffsb::emu;

TEST_CASE("rtmp URL splits into app and stream name with query") {
  auto u = ParseUrl("rtmp://127.0.0.1:1935/live/KEY123?mode=CMAF");
  REQUIRE(u.ok());
  CHECK(u->RtmpApp() == "live");
  CHECK(u->RtmpStreamName() == "KEY123?mode=CMAF");
  CHECK(u->RtmpTcUrl() == "rtmp://127.0.0.1:1935/live");
  CHECK(u->port == 1935);
  CHECK(ParseUrl("rtmp://h/live/k")->port == 1935);
  CHECK(RedactUrl(*u).find("KEY123") == std::string::npos);
}

TEST_CASE("protocol is guessed from the URL") {
  CHECK(*GuessProtocol(*ParseUrl("rtmp://h/live/k")) == PlayProtocol::kRtmp);
  CHECK(*GuessProtocol(*ParseUrl("http://h:8080/live/k.flv")) == PlayProtocol::kHttpFlv);
  CHECK(*GuessProtocol(*ParseUrl("http://h/hls/k/master.m3u8?streamingToken=x")) == PlayProtocol::kHls);
  CHECK(*GuessProtocol(*ParseUrl("http://h/dash/k/index.mpd")) == PlayProtocol::kDash);
  CHECK(!GuessProtocol(*ParseUrl("http://h/x")).ok());
  CHECK(!ParseUrl("nourl").ok());
  CHECK(!ParseUrl("http://h:99999/").ok());
}

TEST_CASE("relative references resolve against a playlist URL") {
  CHECK(ResolveUrl("http://h/a/b/index.m3u8", "seg1.m4s") == "http://h/a/b/seg1.m4s");
  CHECK(ResolveUrl("http://h/a/b/index.m3u8?t=1", "360p/x.m3u8") == "http://h/a/b/360p/x.m3u8");
  CHECK(ResolveUrl("http://h/a/b/index.m3u8", "/c/d.ts") == "http://h/c/d.ts");
  CHECK(ResolveUrl("http://h/a/index.m3u8", "http://o/x.ts") == "http://o/x.ts");
}
