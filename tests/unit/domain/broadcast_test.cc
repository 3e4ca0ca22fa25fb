// Cross-entity broadcast operations (contract §4–§5): go live, end, cancel,
// force-terminate, and the ingest events, including the one-room-at-a-time
// rule and a full broadcast with interruptions.
#include "server/domain/broadcast.h"

#include <catch2/catch.hpp>

#include "server/domain/stream_key_machine.h"

namespace ffsb::domain {
namespace {

constexpr Micros kT0 = 1'700'000'000'000'000;

StreamKey Key(StreamKeyState state = StreamKeyState::INACTIVE) {
  StreamKey k;
  k.id = 7;
  k.app_id = 1;
  k.member_id = 3;
  k.stream_key = "oldKey";
  k.stream_key_state = state;
  k.last_modified_at = 1;
  return k;
}

VideoRoom Room(Id id = 11, VideoRoomState state = VideoRoomState::SCHEDULED) {
  VideoRoom r;
  r.id = id;
  r.app_id = 1;
  r.member_id = 3;
  r.video_room_state = state;
  r.last_modified_at = 1;
  return r;
}

// A key that is ingesting and viewable in mode `m`.
StreamKey ActiveKey(OutputMode m = OutputMode::RTMP) {
  auto a = IngestAccepted(Key(), std::nullopt, m, kT0);
  REQUIRE(a.ok());
  auto v = OutputViewable(a->key, std::nullopt, kT0);
  REQUIRE(v.ok());
  return v->key;
}

TEST_CASE("GoLive: room LIVE, key ACTIVE_LIVE, linked", "[domain][broadcast]") {
  auto r = GoLive(Room(), ActiveKey(OutputMode::CMAF), OutputMode::CMAF, kT0 + 5);
  REQUIRE(r.ok());
  CHECK(r->room.video_room_state == VideoRoomState::LIVE);
  CHECK(r->room.live_started_at == kT0 + 5);
  CHECK(r->room.stream_key_id == 7);
  CHECK(r->room.format == VideoRoomFormat::CMAF);
  CHECK(r->room.live_session == 1);
  CHECK(r->room.last_modified_at == kT0 + 5);
  CHECK(r->key.stream_key_state == StreamKeyState::ACTIVE_LIVE);
  CHECK(r->key.live_room_id == 11);
  CHECK(r->key.last_modified_at == kT0 + 5);
}

TEST_CASE("GoLive: format follows the mode", "[domain][broadcast]") {
  CHECK(FormatFor(OutputMode::RTMP) == VideoRoomFormat::RTMP);
  CHECK(FormatFor(OutputMode::CMAF) == VideoRoomFormat::CMAF);
  CHECK(FormatFor(OutputMode::RTMP_CMAF) == VideoRoomFormat::RTMP_CMAF);
  auto r = GoLive(Room(), ActiveKey(OutputMode::RTMP_CMAF), OutputMode::RTMP_CMAF, kT0);
  REQUIRE(r.ok());
  CHECK(r->room.format == VideoRoomFormat::RTMP_CMAF);
}

TEST_CASE("GoLive: refusals in the contract's order", "[domain][broadcast]") {
  // Room not SCHEDULED wins over key not ACTIVE.
  auto r1 = GoLive(Room(11, VideoRoomState::ENDED), Key(), OutputMode::RTMP, kT0);
  CHECK(r1.status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  auto r2 = GoLive(Room(11, VideoRoomState::CANCELLED), ActiveKey(), OutputMode::RTMP, kT0);
  CHECK(r2.status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  for (StreamKeyState s : kAllStreamKeyStates) {
    if (s == StreamKeyState::ACTIVE) continue;
    INFO(ToString(s));
    StreamKey k = Key(s);
    if (IsLiveWithRoom(s)) k.live_room_id = 99;
    CHECK(GoLive(Room(), k, OutputMode::RTMP, kT0).status().code() == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  }
  StreamKey other = ActiveKey();
  other.member_id = 4;
  CHECK(GoLive(Room(), other, OutputMode::RTMP, kT0).status().code() == ErrorCode::INTERNAL_SERVER_ERROR);
}

TEST_CASE("one room at a time: a second room cannot go live", "[domain][broadcast]") {
  auto first = GoLive(Room(11), ActiveKey(), OutputMode::RTMP, kT0);
  REQUIRE(first.ok());
  // While room 11 is LIVE.
  auto second = GoLive(Room(12), first->key, OutputMode::RTMP, kT0);
  CHECK(second.status().code() == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  // While room 11 is LIVE_INACTIVE.
  auto stopped = IngestStopped(first->key, first->room, kT0 + 1);
  REQUIRE(stopped.ok());
  CHECK(GoLive(Room(12), stopped->key, OutputMode::RTMP, kT0).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  // Even while the key ingests again before resuming (ACTIVE_LIVE_PREP).
  auto again = IngestAccepted(stopped->key, *stopped->room, OutputMode::RTMP, kT0 + 2);
  REQUIRE(again.ok());
  CHECK(GoLive(Room(12), again->key, OutputMode::RTMP, kT0).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
}

TEST_CASE("a full broadcast with interruptions", "[domain][broadcast]") {
  Micros t = kT0;
  auto acc = IngestAccepted(Key(), std::nullopt, OutputMode::RTMP, ++t);
  REQUIRE(acc.ok());
  CHECK(acc->key.stream_key_state == StreamKeyState::ACTIVE_PREP);
  CHECK(acc->key.mode == OutputMode::RTMP);
  CHECK_FALSE(acc->room);
  auto view = OutputViewable(acc->key, std::nullopt, ++t);
  REQUIRE(view.ok());
  CHECK(view->key.stream_key_state == StreamKeyState::ACTIVE);

  auto live = GoLive(Room(), view->key, OutputMode::RTMP, ++t);
  REQUIRE(live.ok());
  StreamKey key = live->key;
  VideoRoom room = live->room;

  for (int interruption = 1; interruption <= 3; ++interruption) {
    auto stop = IngestStopped(key, room, ++t);
    REQUIRE(stop.ok());
    CHECK(stop->key.stream_key_state == StreamKeyState::INACTIVE_LIVE);
    CHECK_FALSE(stop->key.mode);
    CHECK(stop->key.live_room_id == room.id);
    REQUIRE(stop->room);
    CHECK(stop->room->video_room_state == VideoRoomState::LIVE_INACTIVE);
    CHECK(stop->room->last_modified_at == t);
    key = stop->key;
    room = *stop->room;

    // The broadcaster reconnects, in CMAF this time.
    auto back = IngestAccepted(key, room, OutputMode::CMAF, ++t);
    REQUIRE(back.ok());
    CHECK(back->key.stream_key_state == StreamKeyState::ACTIVE_LIVE_PREP);
    CHECK_FALSE(back->room);  // the room stays LIVE_INACTIVE until viewable
    key = back->key;

    if (interruption == 2) {  // drops again before it is viewable
      auto drop = IngestStopped(key, room, ++t);
      REQUIRE(drop.ok());
      CHECK(drop->key.stream_key_state == StreamKeyState::INACTIVE_LIVE);
      CHECK_FALSE(drop->room);
      key = drop->key;
      auto back2 = IngestAccepted(key, room, OutputMode::CMAF, ++t);
      REQUIRE(back2.ok());
      key = back2->key;
    }

    auto resumed = OutputViewable(key, room, ++t);
    REQUIRE(resumed.ok());
    CHECK(resumed->key.stream_key_state == StreamKeyState::ACTIVE_LIVE);
    REQUIRE(resumed->room);
    CHECK(resumed->room->video_room_state == VideoRoomState::LIVE);
    CHECK(resumed->room->live_session == 1 + interruption);
    CHECK(resumed->room->format == VideoRoomFormat::CMAF);
    key = resumed->key;
    room = *resumed->room;
  }

  // End needs the ingest stopped first.
  CHECK(EndBroadcast(room, key, t).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE);
  auto stop = IngestStopped(key, room, ++t);
  REQUIRE(stop.ok());
  auto end = EndBroadcast(*stop->room, stop->key, ++t);
  REQUIRE(end.ok());
  CHECK(end->room.video_room_state == VideoRoomState::ENDED);
  CHECK(end->room.live_ended_at == t);
  CHECK_FALSE(end->room.stream_key_id);
  CHECK(end->room.vod_state == VodState::NOT_ARCHIVED);
  CHECK_FALSE(end->room.forcibly_terminated);
  CHECK(end->key.stream_key_state == StreamKeyState::INACTIVE);
  CHECK_FALSE(end->key.live_room_id);
  CHECK_FALSE(end->key.mode);
  CHECK(end->key.last_modified_at == t);

  // The key is free again: a new room can go live after a new ingest.
  auto acc2 = IngestAccepted(end->key, std::nullopt, OutputMode::RTMP, ++t);
  REQUIRE(acc2.ok());
  auto view2 = OutputViewable(acc2->key, std::nullopt, ++t);
  REQUIRE(view2.ok());
  CHECK(GoLive(Room(12), view2->key, OutputMode::RTMP, ++t).ok());
}

TEST_CASE("EndBroadcast: refusals", "[domain][broadcast]") {
  StreamKey key = Key(StreamKeyState::INACTIVE_LIVE);
  key.live_room_id = 11;
  for (VideoRoomState s : {VideoRoomState::SCHEDULED, VideoRoomState::LIVE, VideoRoomState::ENDED,
                           VideoRoomState::ARCHIVED, VideoRoomState::CANCELLED}) {
    CHECK(EndBroadcast(Room(11, s), key, kT0).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE);
  }
  for (StreamKeyState s : kAllStreamKeyStates) {
    if (s == StreamKeyState::INACTIVE_LIVE) continue;
    CHECK(EndBroadcast(Room(11, VideoRoomState::LIVE_INACTIVE), Key(s), kT0).status().code() ==
          ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE);
  }
  // The key is INACTIVE_LIVE, but for another room.
  CHECK(EndBroadcast(Room(12, VideoRoomState::LIVE_INACTIVE), key, kT0).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE);
}

TEST_CASE("CancelBroadcast", "[domain][broadcast]") {
  auto r = CancelBroadcast(Room(), kT0);
  REQUIRE(r.ok());
  CHECK(r->video_room_state == VideoRoomState::CANCELLED);
  CHECK(r->cancelled_at == kT0);
  CHECK(r->last_modified_at == kT0);
  for (VideoRoomState s : {VideoRoomState::LIVE, VideoRoomState::LIVE_INACTIVE, VideoRoomState::ENDED,
                           VideoRoomState::ARCHIVED, VideoRoomState::CANCELLED}) {
    CHECK(CancelBroadcast(Room(11, s), kT0).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  }
}

TEST_CASE("ForceTerminate from every key state", "[domain][broadcast]") {
  for (StreamKeyState s : kAllStreamKeyStates) {
    INFO(ToString(s));
    StreamKey key = Key(s);
    key.mode = IsIngesting(s) ? std::optional(OutputMode::RTMP) : std::nullopt;
    std::optional<VideoRoom> room;
    if (IsLiveWithRoom(s)) {
      key.live_room_id = 11;
      room = Room(11, s == StreamKeyState::ACTIVE_LIVE ? VideoRoomState::LIVE : VideoRoomState::LIVE_INACTIVE);
      room->stream_key_id = key.id;
    }
    auto out = ForceTerminate(key, room, "newKey", kT0);
    CHECK(out.key.stream_key_state == StreamKeyState::INACTIVE);
    CHECK(out.key.forcibly_terminated);
    CHECK(out.key.stream_key == "newKey");
    CHECK_FALSE(out.key.mode);
    CHECK_FALSE(out.key.live_room_id);
    CHECK(out.key.last_modified_at == kT0);
    CHECK(out.room.has_value() == IsLiveWithRoom(s));
    if (out.room) {
      CHECK(out.room->video_room_state == VideoRoomState::ENDED);
      CHECK(out.room->forcibly_terminated);
      CHECK(out.room->live_ended_at == kT0);
      CHECK_FALSE(out.room->stream_key_id);
      CHECK(out.room->vod_state == VodState::NOT_ARCHIVED);  // no VOD of a forced end
      CHECK(out.room->last_modified_at == kT0);
    }
  }
  // A room that is not broadcasting is left alone.
  auto out = ForceTerminate(Key(), Room(11, VideoRoomState::SCHEDULED), "k2", kT0);
  CHECK_FALSE(out.room);
}

TEST_CASE("after a force terminate the next ingest clears forciblyTerminated", "[domain][broadcast]") {
  StreamKey key = Key(StreamKeyState::ACTIVE);
  key.error = StreamKeyError{"X", "y", 1};
  auto out = ForceTerminate(key, std::nullopt, "fresh", kT0);
  CHECK(out.key.forcibly_terminated);
  CHECK(out.key.error);  // kept until the next ingest
  auto acc = IngestAccepted(out.key, std::nullopt, OutputMode::RTMP, kT0 + 1);
  REQUIRE(acc.ok());
  CHECK_FALSE(acc->key.forcibly_terminated);
  CHECK_FALSE(acc->key.error);
}

TEST_CASE("ingest events: refusals", "[domain][broadcast]") {
  for (StreamKeyState s : {StreamKeyState::ACTIVE_PREP, StreamKeyState::ACTIVE, StreamKeyState::ACTIVE_LIVE,
                           StreamKeyState::ACTIVE_LIVE_PREP}) {
    CHECK(IngestAccepted(Key(s), std::nullopt, OutputMode::RTMP, kT0).status().code() ==
          ErrorCode::STREAM_KEY_IN_USE);
  }
  for (StreamKeyState s : {StreamKeyState::INACTIVE, StreamKeyState::INACTIVE_LIVE}) {
    CHECK(IngestStopped(Key(s), std::nullopt, kT0).status().code() == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  }
  for (StreamKeyState s : {StreamKeyState::INACTIVE, StreamKeyState::ACTIVE, StreamKeyState::ACTIVE_LIVE,
                           StreamKeyState::INACTIVE_LIVE}) {
    CHECK(OutputViewable(Key(s), std::nullopt, kT0).status().code() == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  }
  // A *_LIVE* key without its room is an inconsistency of the caller.
  StreamKey live = Key(StreamKeyState::ACTIVE_LIVE);
  live.live_room_id = 11;
  CHECK(IngestStopped(live, std::nullopt, kT0).status().code() == ErrorCode::INTERNAL_SERVER_ERROR);
  CHECK(IngestStopped(live, Room(12, VideoRoomState::LIVE), kT0).status().code() ==
        ErrorCode::INTERNAL_SERVER_ERROR);
  // ACTIVE_PREP -> INACTIVE clears the mode; the room argument is ignored.
  StreamKey prep = Key(StreamKeyState::ACTIVE_PREP);
  prep.mode = OutputMode::CMAF;
  auto r = IngestStopped(prep, std::nullopt, kT0);
  REQUIRE(r.ok());
  CHECK(r->key.stream_key_state == StreamKeyState::INACTIVE);
  CHECK_FALSE(r->key.mode);
}

}  // namespace
}  // namespace ffsb::domain
