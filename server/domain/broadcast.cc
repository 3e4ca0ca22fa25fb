#include "server/domain/broadcast.h"

#include <utility>

#include "server/domain/stream_key_machine.h"
#include "server/domain/video_room_machine.h"

namespace ffsb::domain {
namespace {

// A key that a room broadcasts with must come with that room.
Status CheckLiveRoom(const StreamKey& key, const std::optional<VideoRoom>& room) {
  if (!IsLiveWithRoom(key.stream_key_state)) return Status::Ok();
  if (!room || !key.live_room_id || room->id != *key.live_room_id)
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "stream key " + std::to_string(key.id) + " is " +
                                                        std::string(ToString(key.stream_key_state)) +
                                                        " but its live room was not given");
  return Status::Ok();
}

Status RoomTypeOk(const VideoRoom& room) {
  if (room.type == VideoRoomType::BROADCAST_RTMP) return Status::Ok();
  return Status(ErrorCode::VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, "video room type is not BROADCAST_RTMP");
}

}  // namespace

VideoRoomFormat FormatFor(OutputMode mode) {
  switch (mode) {
    case OutputMode::RTMP: return VideoRoomFormat::RTMP;
    case OutputMode::CMAF: return VideoRoomFormat::CMAF;
    case OutputMode::RTMP_CMAF: return VideoRoomFormat::RTMP_CMAF;
  }
  return VideoRoomFormat::UNDEFINED;
}

Result<BroadcastChange> GoLive(VideoRoom room, StreamKey key, OutputMode mode, Micros now) {
  if (Status s = RoomTypeOk(room); !s.ok()) return s;
  auto room_state = NextVideoRoomState(room.video_room_state, VideoRoomEvent::GO_LIVE);
  if (!room_state.ok()) return room_state.status();
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::ROOM_WENT_LIVE);
  if (!key_state.ok()) return key_state.status();
  if (key.member_id != room.member_id)
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "stream key does not belong to the room's owner");

  room.video_room_state = *room_state;
  room.live_started_at = now;
  room.stream_key_id = key.id;
  room.format = FormatFor(mode);
  room.live_session = 1;
  room.last_modified_at = now;
  key.stream_key_state = *key_state;
  key.live_room_id = room.id;
  key.last_modified_at = now;
  return BroadcastChange{std::move(room), std::move(key)};
}

Result<BroadcastChange> EndBroadcast(VideoRoom room, StreamKey key, Micros now) {
  if (Status s = RoomTypeOk(room); !s.ok()) return s;
  auto room_state = NextVideoRoomState(room.video_room_state, VideoRoomEvent::END);
  if (!room_state.ok()) return room_state.status();
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::ROOM_ENDED);
  if (!key_state.ok()) return key_state.status();
  if (key.live_room_id != room.id)
    return Status(ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE, "stream key is not broadcasting this room");

  room.video_room_state = *room_state;
  room.live_ended_at = now;
  room.stream_key_id.reset();
  room.last_modified_at = now;
  key.stream_key_state = *key_state;
  key.live_room_id.reset();
  key.mode.reset();
  key.last_modified_at = now;
  return BroadcastChange{std::move(room), std::move(key)};
}

Result<VideoRoom> CancelBroadcast(VideoRoom room, Micros now) {
  if (Status s = RoomTypeOk(room); !s.ok()) return s;
  auto room_state = NextVideoRoomState(room.video_room_state, VideoRoomEvent::CANCEL);
  if (!room_state.ok()) return room_state.status();
  room.video_room_state = *room_state;
  room.cancelled_at = now;
  room.last_modified_at = now;
  return room;
}

ForceEndChange ForceTerminate(StreamKey key, std::optional<VideoRoom> live_room, std::string new_key_string,
                              Micros now) {
  ForceEndChange out;
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::FORCE_TERMINATED);
  key.stream_key_state = key_state.ok() ? *key_state : StreamKeyState::INACTIVE;  // legal from every state
  key.forcibly_terminated = true;
  key.stream_key = std::move(new_key_string);
  key.mode.reset();
  key.live_room_id.reset();
  key.last_modified_at = now;
  out.key = std::move(key);

  if (live_room) {
    auto room_state = NextVideoRoomState(live_room->video_room_state, VideoRoomEvent::FORCE_END);
    if (room_state.ok()) {
      live_room->video_room_state = *room_state;
      live_room->forcibly_terminated = true;
      live_room->live_ended_at = now;
      live_room->stream_key_id.reset();
      live_room->last_modified_at = now;
      out.room = std::move(live_room);
    }
  }
  return out;
}

Result<IngestChange> IngestAccepted(StreamKey key, std::optional<VideoRoom> live_room, OutputMode mode, Micros now) {
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::INGEST_ACCEPTED);
  if (!key_state.ok()) return key_state.status();
  if (Status s = CheckLiveRoom(key, live_room); !s.ok()) return s;
  key.stream_key_state = *key_state;
  key.mode = mode;
  key.error.reset();
  key.forcibly_terminated = false;
  key.last_modified_at = now;
  return IngestChange{std::move(key), std::nullopt};
}

Result<IngestChange> OutputViewable(StreamKey key, std::optional<VideoRoom> live_room, Micros now) {
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::OUTPUT_VIEWABLE);
  if (!key_state.ok()) return key_state.status();
  if (Status s = CheckLiveRoom(key, live_room); !s.ok()) return s;
  IngestChange out;
  if (*key_state == StreamKeyState::ACTIVE_LIVE) {
    auto room_state = NextVideoRoomState(live_room->video_room_state, VideoRoomEvent::INGEST_RESUMED);
    if (!room_state.ok()) return room_state.status();
    live_room->video_room_state = *room_state;
    live_room->live_session += 1;
    if (key.mode) live_room->format = FormatFor(*key.mode);
    live_room->last_modified_at = now;
    out.room = std::move(live_room);
  }
  key.stream_key_state = *key_state;
  key.last_modified_at = now;
  out.key = std::move(key);
  return out;
}

Result<IngestChange> IngestStopped(StreamKey key, std::optional<VideoRoom> live_room, Micros now) {
  auto key_state = NextStreamKeyState(key.stream_key_state, StreamKeyEvent::INGEST_STOPPED);
  if (!key_state.ok()) return key_state.status();
  if (Status s = CheckLiveRoom(key, live_room); !s.ok()) return s;
  IngestChange out;
  if (key.stream_key_state == StreamKeyState::ACTIVE_LIVE) {
    auto room_state = NextVideoRoomState(live_room->video_room_state, VideoRoomEvent::INGEST_STOPPED);
    if (!room_state.ok()) return room_state.status();
    live_room->video_room_state = *room_state;
    live_room->last_modified_at = now;
    out.room = std::move(live_room);
  }
  key.stream_key_state = *key_state;
  key.mode.reset();
  key.last_modified_at = now;
  out.key = std::move(key);
  return out;
}

}  // namespace ffsb::domain
