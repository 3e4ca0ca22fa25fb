// The video room state machine and its VOD state machine (contract §5), as
// tables of legal edges. See docs/state-machines.md.
//
//   SCHEDULED -GO_LIVE-> LIVE -INGEST_STOPPED-> LIVE_INACTIVE -INGEST_RESUMED-> LIVE ...
//   LIVE_INACTIVE -END-> ENDED -ARCHIVED-> ARCHIVED;  SCHEDULED -CANCEL-> CANCELLED;
//   LIVE | LIVE_INACTIVE -FORCE_END-> ENDED.
//   vodState: NOT_ARCHIVED -ARCHIVE_STARTED-> ARCHIVING -ARCHIVE_SUCCEEDED-> ARCHIVED
//                                                       -ARCHIVE_FAILED-> FAILED_ARCHIVING
//
// Decided: when the VOD is ready the room becomes ARCHIVED (videoRoomState and
// vodState); when archiving fails the room stays ENDED and vodState is
// FAILED_ARCHIVING. A force-ended room keeps no VOD (vodState NOT_ARCHIVED).
// FORCE_END of a room that is not broadcasting (SCHEDULED, ENDED, ...) is
// refused: force-terminating a key leaves its member's other rooms alone.
//
// Refusals (the contract has no VIDEO_ROOM_STATE_NOT_LIVE nor VOD codes; the
// closest is used):
//   GO_LIVE, CANCEL not from SCHEDULED                 -> VIDEO_ROOM_STATE_NOT_SCHEDULED
//   END, INGEST_RESUMED not from LIVE_INACTIVE         -> VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE
//   INGEST_STOPPED not from LIVE,
//   FORCE_END not from LIVE/LIVE_INACTIVE              -> VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE
//   ARCHIVED not from ENDED; every VOD refusal         -> VIDEO_POST_STATE_INVALID
//     (archiving is the processing of the recording's video post)
//
// Thread-safety: constants and pure functions only.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "server/base/status.h"
#include "server/domain/enums.h"

namespace ffsb::domain {

enum class VideoRoomEvent {
  GO_LIVE,         // go-live control accepted
  INGEST_STOPPED,  // the broadcaster's ingest stopped (key ACTIVE_LIVE -> INACTIVE_LIVE)
  INGEST_RESUMED,  // the ingest is viewable again (key ACTIVE_LIVE_PREP -> ACTIVE_LIVE)
  END,             // end control accepted
  CANCEL,          // cancel control accepted
  FORCE_END,       // the key was force-terminated during the broadcast
  ARCHIVED,        // the VOD is ready
};
std::string_view ToString(VideoRoomEvent e);

enum class VodEvent { ARCHIVE_STARTED, ARCHIVE_SUCCEEDED, ARCHIVE_FAILED };
std::string_view ToString(VodEvent e);

inline constexpr std::array kAllVideoRoomStates = {
    VideoRoomState::SCHEDULED, VideoRoomState::LIVE,     VideoRoomState::LIVE_INACTIVE,
    VideoRoomState::ENDED,     VideoRoomState::ARCHIVED, VideoRoomState::CANCELLED};
inline constexpr std::array kAllVideoRoomEvents = {
    VideoRoomEvent::GO_LIVE, VideoRoomEvent::INGEST_STOPPED, VideoRoomEvent::INGEST_RESUMED, VideoRoomEvent::END,
    VideoRoomEvent::CANCEL,  VideoRoomEvent::FORCE_END,      VideoRoomEvent::ARCHIVED};
inline constexpr std::array kAllVodStates = {VodState::NOT_ARCHIVED, VodState::ARCHIVING, VodState::ARCHIVED,
                                             VodState::FAILED_ARCHIVING};
inline constexpr std::array kAllVodEvents = {VodEvent::ARCHIVE_STARTED, VodEvent::ARCHIVE_SUCCEEDED,
                                             VodEvent::ARCHIVE_FAILED};

struct VideoRoomTransitionRow {
  VideoRoomState from;
  VideoRoomEvent event;
  VideoRoomState to;
};
struct VodTransitionRow {
  VodState from;
  VodEvent event;
  VodState to;
};

// Every legal edge.
std::vector<VideoRoomTransitionRow> VideoRoomTable();
std::vector<VodTransitionRow> VodTable();

Result<VideoRoomState> NextVideoRoomState(VideoRoomState from, VideoRoomEvent event);
Result<VodState> NextVodState(VodState from, VodEvent event);

// LIVE or LIVE_INACTIVE: the room holds its owner's stream key.
bool IsBroadcasting(VideoRoomState s);

}  // namespace ffsb::domain
