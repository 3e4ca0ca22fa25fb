#include <atomic>
#include <thread>

#include "tests/unit/control/fixture.h"

namespace ffsb::control::testing {
namespace {

using namespace ffsb::domain;

TEST_CASE("broadcast: go live needs an ACTIVE key; end creates the QUEUED recording post") {
  Fixture f;
  f.Member("alice");
  auto room = f.Room("alice");
  CHECK(room.room.video_room_state == VideoRoomState::SCHEDULED);
  CHECK(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  auto grant = f.Publish("alice");
  auto live = f.control->GoLive(f.app.id, f.AppCaller(), room.room.id);
  REQUIRE(live.ok());
  CHECK(live->room.video_room_state == VideoRoomState::LIVE);
  CHECK(live->room.format == VideoRoomFormat::RTMP);  // the app's default mode
  REQUIRE(live->key);
  CHECK(live->key->stream_key_state == StreamKeyState::ACTIVE_LIVE);
  CHECK(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).status().code() ==
        ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  // One room at a time.
  auto second = f.Room("alice");
  CHECK(f.control->GoLive(f.app.id, f.AppCaller(), second.room.id).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  // End needs the ingest stopped first.
  CHECK(f.control->EndBroadcast(f.app.id, f.AppCaller(), room.room.id).status().code() ==
        ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE);
  CHECK(f.control->DeleteVideoRoom(f.app.id, f.AppCaller(), room.room.id).code() ==
        ErrorCode::VIDEO_ROOM_STATE_NOT_DELETABLE);
  REQUIRE(f.control->IngestStopped(grant.stream_key_id).ok());
  CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE_INACTIVE);
  auto ended = f.control->EndBroadcast(f.app.id, f.AppCaller(), room.room.id);
  REQUIRE(ended.ok());
  CHECK(ended->room.video_room_state == VideoRoomState::ENDED);
  CHECK(ended->room.vod_state == VodState::ARCHIVING);
  CHECK(ended->room.live_ended_at);
  CHECK(!ended->key);
  REQUIRE(ended->post);
  CHECK(ended->post->video_post_state == VideoPostState::QUEUED);
  CHECK(ended->post->type == VideoPostType::LIVE_RECORDED);
  CHECK(f.Key("alice").key.stream_key_state == StreamKeyState::INACTIVE);
  auto post = f.control->GetVideoPost(f.app.id, ended->post->id);
  REQUIRE(post.ok());
  REQUIRE(post->room);
  CHECK(post->room->id == room.room.id);
  CHECK(post->video_profile->name == "vod-default");
  CHECK(post->thumbnail_profile->name == "thumbnail-default");
  CHECK(f.rec.States(EventKind::VIDEO_POST) == std::vector<std::string>{"QUEUED"});
  CHECK(f.rec.States(EventKind::VIDEO_ROOM) ==
        std::vector<std::string>{"SCHEDULED", "LIVE", "SCHEDULED", "LIVE_INACTIVE", "ENDED"});
}

TEST_CASE("broadcast: force-terminate ends the room without VOD, reissues and drops the ingest") {
  Fixture f;
  f.Member("bob");
  auto room = f.Room("bob");
  auto grant = f.Publish("bob");
  REQUIRE(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).ok());
  auto before = f.Key("bob");
  REQUIRE(f.control->ForceTerminateMember(f.app.id, "bob").ok());
  auto key = f.Key("bob");
  CHECK(key.key.stream_key_state == StreamKeyState::INACTIVE);
  CHECK(key.key.forcibly_terminated);
  CHECK(key.key.stream_key != before.key.stream_key);
  CHECK(key.key.play_id == before.key.play_id);
  auto r = f.GetRoom(room.room.id);
  CHECK(r.video_room_state == VideoRoomState::ENDED);
  CHECK(r.forcibly_terminated);
  CHECK(r.vod_state == VodState::NOT_ARCHIVED);
  CHECK(!r.video_post_id);
  CHECK(f.rec.dropped == std::vector<Id>{grant.stream_key_id});
  // The media plane reports the dropped connection afterwards: harmless.
  CHECK(f.control->IngestStopped(grant.stream_key_id).code() == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  // A force-terminate of an idle key is never refused.
  CHECK(f.control->ForceTerminate(f.app.id, key.key.id).ok());
}

TEST_CASE("broadcast: cancel, delete and member scoping") {
  Fixture f;
  f.Member("carol");
  f.Member("dave");
  auto room = f.Room("carol");
  auto cancelled = f.control->CancelBroadcast(f.app.id, f.AppCaller(), room.room.id);
  REQUIRE(cancelled.ok());
  CHECK(cancelled->room.video_room_state == VideoRoomState::CANCELLED);
  CHECK(cancelled->room.cancelled_at);
  CHECK(f.control->CancelBroadcast(f.app.id, f.AppCaller(), room.room.id).status().code() ==
        ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  auto dave = f.control->GetMember(f.app.id, "dave");
  Caller as_dave{CreatorType::MEMBER, dave->member.id, dave->member.id};
  CHECK(f.control->GetVideoRoom(f.app.id, as_dave, room.room.id).status().code() ==
        ErrorCode::VIDEO_ROOM_NOT_FOUND);
  CHECK(f.control->DeleteVideoRoom(f.app.id, as_dave, room.room.id).code() == ErrorCode::VIDEO_ROOM_NOT_FOUND);
  REQUIRE(f.control->DeleteVideoRoom(f.app.id, f.AppCaller(), room.room.id).ok());
  CHECK(f.control->GetVideoRoom(f.app.id, f.AppCaller(), room.room.id).status().code() ==
        ErrorCode::VIDEO_ROOM_NOT_FOUND);

  RoomFields fields;
  CHECK(f.control->CreateVideoRoom(f.app.id, f.AppCaller(), std::nullopt, "carol", fields).status().code() ==
        ErrorCode::EMPTY_VIDEO_ROOM_TYPE);
  CHECK(f.control->CreateVideoRoom(f.app.id, f.AppCaller(), VideoRoomType::BROADCAST_RTMP, "carol", fields)
            .status()
            .code() == ErrorCode::EMPTY_VIDEO_ROOM_SCHEDULED_AT);
  fields.scheduled_at = std::optional<Micros>(f.clock.Now());
  CHECK(f.control->CreateVideoRoom(f.app.id, f.AppCaller(), VideoRoomType::BROADCAST_RTMP, "nobody", fields)
            .status()
            .code() == ErrorCode::MEMBER_NOT_FOUND);
  auto mine = f.control->CreateVideoRoom(f.app.id, as_dave, VideoRoomType::BROADCAST_RTMP, "", fields);
  REQUIRE(mine.ok());
  CHECK(mine->room.creator_type == CreatorType::MEMBER);
  CHECK(mine->member.app_user_id == "dave");
}

TEST_CASE("broadcast: two threads going live on one room, exactly one wins") {
  for (int round = 0; round < 10; ++round) {
    Fixture f;
    f.Member("erin");
    auto room = f.Room("erin");
    f.Publish("erin");
    std::atomic<int> wins{0}, locked{0}, state_errors{0};
    auto go = [&] {
      auto r = f.control->GoLive(f.app.id, f.AppCaller(), room.room.id);
      if (r.ok())
        ++wins;
      else if (r.status().code() == ErrorCode::REQUEST_LOCKED)
        ++locked;
      else if (r.status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED)
        ++state_errors;
    };
    std::thread a(go), b(go);
    a.join();
    b.join();
    CHECK(wins == 1);
    CHECK(locked + state_errors == 1);
    CHECK(f.GetRoom(room.room.id).video_room_state == VideoRoomState::LIVE);
    CHECK(f.Key("erin").key.stream_key_state == StreamKeyState::ACTIVE_LIVE);
  }
}

}  // namespace
}  // namespace ffsb::control::testing
