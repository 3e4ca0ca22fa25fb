#include "server/media/publish_target.h"

#include <catch2/catch.hpp>

using namespace ffsb;

TEST_CASE("publish target: mode on the name (OBS) or on the app", "[media]") {
  auto t = ParsePublishTarget("live", "key123?mode=cmaf");
  CHECK(t.app == "live");
  CHECK(t.name == "key123");
  CHECK(t.mode == "CMAF");
  t = ParsePublishTarget("live?mode=RTMP_CMAF", "key123");
  CHECK(t.app == "live");
  CHECK(t.name == "key123");
  CHECK(t.mode == "RTMP_CMAF");
  t = ParsePublishTarget("live?mode=RTMP", "key123?x=1&mode=CMAF");
  CHECK(t.mode == "CMAF");  // the name's wins
  t = ParsePublishTarget("/live/", "key");
  CHECK(t.app == "live");
  CHECK(t.mode.empty());
  CHECK(IsValidModeParam(""));
  CHECK(IsValidModeParam("RTMP_CMAF"));
  CHECK_FALSE(IsValidModeParam("HLS"));
}
