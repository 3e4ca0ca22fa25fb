// Scenario::Parse: the schema of docs/emulator.md ("run") is checked up front.
#include <catch2/catch.hpp>

#include "emulator/scenario/scenario.h"

using ffsb::emu::Json;
using ffsb::emu::Scenario;

namespace {
Json Base() {
  return Json::parse(R"({
    "name": "t", "timeout": 60,
    "actors": {
      "members": [{"id": "host", "appUserName": "H"}],
      "rooms": [{"id": "show", "owner": "host", "title": "T"}],
      "broadcasters": [{"id": "cam", "member": "host", "size": "640x360", "bitrate": "800k", "gop": 1, "portrait": true}],
      "viewers": [{"id": "crowd", "room": "show", "protocol": "flv", "count": 5}]
    },
    "timeline": [
      {"do": "publish", "broadcaster": "cam"},
      {"at": 3, "expect": "streamKey", "member": "host", "state": "ACTIVE", "within": 10},
      {"after": 1, "do": "goLive", "room": "show", "continueOnFail": true},
      {"do": "api", "method": "GET", "path": "/v2/apps/me/video-rooms/{room:show}"}
    ]})");
}
}  // namespace

TEST_CASE("a valid scenario parses with its defaults") {
  auto s = Scenario::Parse(Base());
  REQUIRE(s.ok());
  CHECK(s->name == "t");
  CHECK(s->timeout_s == 60);
  CHECK(s->unique_ids);
  REQUIRE(s->members.size() == 1);
  CHECK(s->members[0].body["appUserId"] == "host");  // defaults to the id
  CHECK(s->members[0].body["appUserName"] == "H");
  CHECK_FALSE(s->members[0].body.contains("id"));
  CHECK(s->rooms[0].body["type"] == "BROADCAST_RTMP");
  CHECK_FALSE(s->rooms[0].body.contains("owner"));
  const auto& cam = s->broadcasters[0].options.media;
  CHECK(cam.width == 360);  // portrait swaps 640x360
  CHECK(cam.height == 640);
  CHECK(cam.video_bitrate == 800000);
  CHECK(cam.gop_frames == 30);
  CHECK(s->viewers[0].count == 5);
  REQUIRE(s->steps.size() == 4);
  CHECK(s->steps[0].name == "publish");
  CHECK_FALSE(s->steps[0].is_expect);
  CHECK(s->steps[1].is_expect);
  CHECK(*s->steps[1].at == 3);
  CHECK(*s->steps[2].after == 1);
  CHECK(s->steps[2].continue_on_fail);
  CHECK(s->steps[3].label.find("/video-rooms/{room:show}") != std::string::npos);
}

TEST_CASE("scenario mistakes are reported before anything runs") {
  auto fails = [](Json j, const std::string& needle) {
    auto s = Scenario::Parse(j);
    REQUIRE_FALSE(s.ok());
    INFO(s.status().message());
    CHECK(s.status().message().find(needle) != std::string::npos);
  };
  Json j = Base();
  j["timeline"].push_back({{"do", "golive"}, {"room", "show"}});
  fails(j, "unknown action 'golive'");
  j = Base();
  j["timeline"].push_back({{"expect", "room"}, {"room", "nope"}});
  fails(j, "unknown room");
  j = Base();
  j["timeline"].push_back({{"do", "flap"}, {"broadcaster", "cam"}, {"on", 1}});
  fails(j, "needs \"off\"");
  j = Base();
  j["timeline"].push_back({{"do", "stop"}, {"expect", "room"}});
  fails(j, "exactly one");
  j = Base();
  j["actors"]["rooms"][0]["owner"] = "ghost";
  fails(j, "unknown owner");
  j = Base();
  j["actors"]["members"].push_back({{"id", "host"}});
  fails(j, "duplicate member");
  j = Base();
  j["timeout"] = "long";
  fails(j, "wrong type");
  j = Base();
  j["actors"]["viewers"][0]["count"] = 0;
  fails(j, "count");
}

TEST_CASE("scenario files in fixtures/scenarios parse") {
  for (const char* f : {"normal_broadcast", "flapping", "forced_end", "crowd"}) {
    auto s = Scenario::FromFile(std::string(FFS_SOURCE_DIR) + "/fixtures/scenarios/" + f + ".json");
    INFO(f << ": " << s.status().message());
    CHECK(s.ok());
  }
  CHECK_FALSE(Scenario::FromFile("/nonexistent.json").ok());
}
