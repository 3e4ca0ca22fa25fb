// Cross-entity broadcast operations (contract §4–§5): the controls of a
// room (go live, end, cancel), force-terminate, and the media plane's ingest
// events, each moving a room and its owner's stream key together.
//
// Pure: each takes copies and returns the changed copies (or a refusal); the
// caller persists them in one transaction and raises the notifications. All
// state moves go through the machines in stream_key_machine.h and
// video_room_machine.h. Every function sets last_modified_at = now on what
// it changed.
//
// Invariants kept (entities.h): key.live_room_id is set exactly while the
// key is ACTIVE_LIVE, INACTIVE_LIVE or ACTIVE_LIVE_PREP; room.stream_key_id
// exactly while the room is LIVE or LIVE_INACTIVE; key.mode is set exactly
// while the key is ingesting.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "server/base/clock.h"
#include "server/base/status.h"
#include "server/domain/entities.h"

namespace ffsb::domain {

struct BroadcastChange {
  VideoRoom room;
  StreamKey key;
};

// The room's `format` for an ingest in this mode.
VideoRoomFormat FormatFor(OutputMode mode);

// Go live (contract §5). Checks, in order: room.type BROADCAST_RTMP
// (VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP); room SCHEDULED
// (VIDEO_ROOM_STATE_NOT_SCHEDULED); key ACTIVE (STREAM_KEY_STATE_NOT_ACTIVE;
// this is also the one-room-at-a-time rule: the key is *_LIVE* while another
// room of the member broadcasts). A key of another member: INTERNAL_SERVER_ERROR.
// Effects: room LIVE, live_started_at, stream_key_id, format from `mode`,
// live_session 1; key ACTIVE_LIVE, live_room_id.
Result<BroadcastChange> GoLive(VideoRoom room, StreamKey key, OutputMode mode, Micros now);

// End (contract §5). Room LIVE_INACTIVE (VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE);
// key INACTIVE_LIVE with this room (STREAM_KEY_STATE_NOT_INACTIVE_LIVE).
// Effects: room ENDED, live_ended_at, stream_key_id cleared, vod_state left
// NOT_ARCHIVED (the caller starts archiving); key INACTIVE, live_room_id and
// mode cleared.
Result<BroadcastChange> EndBroadcast(VideoRoom room, StreamKey key, Micros now);

// Cancel (contract §5): SCHEDULED -> CANCELLED with cancelled_at
// (VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, VIDEO_ROOM_STATE_NOT_SCHEDULED).
Result<VideoRoom> CancelBroadcast(VideoRoom room, Micros now);

struct ForceEndChange {
  StreamKey key;
  std::optional<VideoRoom> room;  // set only when a broadcasting room was ended
};

// Force-terminate (contract §4 "any", §5 force end): never refused. Key
// INACTIVE, forcibly_terminated, stream_key = new_key_string, mode and
// live_room_id cleared. `live_room`, if given and LIVE or LIVE_INACTIVE:
// ENDED, forcibly_terminated, live_ended_at, stream_key_id cleared, no VOD
// (vod_state stays NOT_ARCHIVED). A room given in any other state is left
// alone (result room nullopt).
ForceEndChange ForceTerminate(StreamKey key, std::optional<VideoRoom> live_room, std::string new_key_string,
                              Micros now);

// Media plane events. `live_room` is the room in key.live_room_id (required
// when the key is *_LIVE*, else ignored; a missing or different room is
// INTERNAL_SERVER_ERROR). The result's room is set only when the room changed.
struct IngestChange {
  StreamKey key;
  std::optional<VideoRoom> room;
};

// INACTIVE -> ACTIVE_PREP, INACTIVE_LIVE -> ACTIVE_LIVE_PREP (room stays
// LIVE_INACTIVE). Sets key.mode; clears key.error and forcibly_terminated.
// While ingesting: STREAM_KEY_IN_USE.
Result<IngestChange> IngestAccepted(StreamKey key, std::optional<VideoRoom> live_room, OutputMode mode, Micros now);

// ACTIVE_PREP -> ACTIVE; ACTIVE_LIVE_PREP -> ACTIVE_LIVE with the room
// LIVE_INACTIVE -> LIVE, live_session + 1, format from key.mode. Otherwise
// STREAM_KEY_STATE_NOT_ACTIVE.
Result<IngestChange> OutputViewable(StreamKey key, std::optional<VideoRoom> live_room, Micros now);

// ACTIVE_PREP/ACTIVE -> INACTIVE; ACTIVE_LIVE -> INACTIVE_LIVE with the room
// LIVE -> LIVE_INACTIVE; ACTIVE_LIVE_PREP -> INACTIVE_LIVE (room unchanged).
// key.mode cleared. Not ingesting: STREAM_KEY_STATE_NOT_ACTIVE.
Result<IngestChange> IngestStopped(StreamKey key, std::optional<VideoRoom> live_room, Micros now);

}  // namespace ffsb::domain
