#include "tests/unit/control/fixture.h"

namespace ffsb::control::testing {
namespace {

using namespace ffsb::domain;

TEST_CASE("ingest: authorize picks the URL's mode, else the key's, else the app's") {
  Fixture f;
  f.Member("alice");
  auto key = f.Key("alice");
  CHECK(f.control->AuthorizeIngest("unknown", std::nullopt).status().code() == ErrorCode::STREAM_KEY_NOT_FOUND);
  auto g = f.control->AuthorizeIngest(key.key.stream_key, std::nullopt);
  REQUIRE(g.ok());
  CHECK(g->mode == OutputMode::RTMP);
  CHECK(g->play_id == key.key.play_id);
  CHECK(g->profile_json.find("\"segmentDuration\":2") != std::string::npos);
  CHECK(f.control->AuthorizeIngest(key.key.stream_key, std::nullopt).status().code() ==
        ErrorCode::STREAM_KEY_IN_USE);
  REQUIRE(f.control->IngestStopped(g->stream_key_id).ok());

  StreamKeyPatch patch;
  patch.mode = std::optional<OutputMode>(OutputMode::CMAF);
  REQUIRE(f.control->UpdateStreamKey(f.app.id, key.key.id, patch).ok());
  auto g2 = f.control->AuthorizeIngest(key.key.stream_key, std::nullopt);
  REQUIRE(g2.ok());
  CHECK(g2->mode == OutputMode::CMAF);
  REQUIRE(f.control->IngestStopped(g2->stream_key_id).ok());
  auto g3 = f.control->AuthorizeIngest(key.key.stream_key, OutputMode::RTMP_CMAF);
  REQUIRE(g3.ok());
  CHECK(g3->mode == OutputMode::RTMP_CMAF);
  CHECK(f.Key("alice").key.mode == OutputMode::RTMP_CMAF);

  // A deleted member's key is unknown.
  REQUIRE(f.control->IngestStopped(g3->stream_key_id).ok());
  REQUIRE(f.control->DeleteMembers(f.app.id, {"alice"}).ok());
  CHECK(f.control->AuthorizeIngest(key.key.stream_key, std::nullopt).status().code() ==
        ErrorCode::STREAM_KEY_NOT_FOUND);
}

TEST_CASE("ingest: a whole broadcast with interruptions") {
  Fixture f;
  f.Member("bob");
  auto room = f.Room("bob");
  auto key_id = f.Key("bob").key.id;
  auto g = f.control->AuthorizeIngest(f.Key("bob").key.stream_key, OutputMode::CMAF);
  REQUIRE(g.ok());
  CHECK(f.Key("bob").key.stream_key_state == StreamKeyState::ACTIVE_PREP);
  domain::IngestStats stats;
  stats.width = 1280;
  f.control->IngestStats(key_id, stats);
  REQUIRE(f.control->IngestViewable(key_id).ok());
  CHECK(f.Key("bob").key.stats->width == 1280);
  REQUIRE(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).ok());
  CHECK(f.GetRoom(room.room.id).live_session == 1);
  CHECK(f.GetRoom(room.room.id).format == VideoRoomFormat::CMAF);

  for (int i = 0; i < 3; ++i) {  // drop and resume
    REQUIRE(f.control->IngestStopped(key_id).ok());
    CHECK(f.Key("bob").key.stream_key_state == StreamKeyState::INACTIVE_LIVE);
    CHECK(!f.Key("bob").key.stats);
    CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE_INACTIVE);
    REQUIRE(f.control->AuthorizeIngest(f.Key("bob").key.stream_key, OutputMode::CMAF).ok());
    CHECK(f.Key("bob").key.stream_key_state == StreamKeyState::ACTIVE_LIVE_PREP);
    CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE_INACTIVE);
    REQUIRE(f.control->IngestViewable(key_id).ok());
    CHECK(f.Key("bob").key.stream_key_state == StreamKeyState::ACTIVE_LIVE);
    CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE);
    CHECK(f.GetRoom(room.room.id).live_session == 2 + i);
  }
  f.control->IngestError(key_id, "BAD_CODEC", "audio is not AAC");
  CHECK(f.Key("bob").key.error->code == "BAD_CODEC");
  REQUIRE(f.control->IngestStopped(key_id).ok());
  REQUIRE(f.control->EndBroadcast(f.app.id, f.AppCaller(), room.room.id).ok());
  CHECK(f.rec.States(EventKind::STREAM_KEY) ==
        std::vector<std::string>{"ACTIVE_PREP", "ACTIVE", "ACTIVE_LIVE",
                                 "INACTIVE_LIVE", "ACTIVE_LIVE_PREP", "ACTIVE_LIVE",
                                 "INACTIVE_LIVE", "ACTIVE_LIVE_PREP", "ACTIVE_LIVE",
                                 "INACTIVE_LIVE", "ACTIVE_LIVE_PREP", "ACTIVE_LIVE",
                                 "INACTIVE_LIVE", "INACTIVE"});
}

TEST_CASE("ingest: recovery after a restart") {
  Fixture f;
  f.Member("carol");
  f.Member("dave");
  f.Member("erin");
  auto room = f.Room("carol");
  f.Publish("carol");
  REQUIRE(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).ok());
  f.Publish("dave");
  REQUIRE(f.control->AuthorizeIngest(f.Key("erin").key.stream_key, std::nullopt).ok());  // ACTIVE_PREP
  // A new Control over the same store, as after a restart.
  Control restarted(*f.store, f.clock, f.random);
  restarted.RecoverAfterRestart();
  CHECK(f.Key("carol").key.stream_key_state == StreamKeyState::INACTIVE_LIVE);
  CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE_INACTIVE);
  CHECK(f.Key("dave").key.stream_key_state == StreamKeyState::INACTIVE);
  CHECK(f.Key("erin").key.stream_key_state == StreamKeyState::INACTIVE);
  CHECK(!f.Key("erin").key.mode);
  // The broadcast can be ended properly afterwards.
  CHECK(f.control->EndBroadcast(f.app.id, f.AppCaller(), room.room.id).ok());
}

}  // namespace
}  // namespace ffsb::control::testing
