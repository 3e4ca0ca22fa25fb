#include "server/domain/video_room_machine.h"

#include "server/domain/transition_table.h"

#include <string>

namespace ffsb::domain {
namespace {

using S = VideoRoomState;
using E = VideoRoomEvent;
using V = VodState;
using VE = VodEvent;

constexpr VideoRoomTransitionRow kRoomRows[] = {
    {S::SCHEDULED, E::GO_LIVE, S::LIVE},
    {S::LIVE, E::INGEST_STOPPED, S::LIVE_INACTIVE},
    {S::LIVE_INACTIVE, E::INGEST_RESUMED, S::LIVE},
    {S::LIVE_INACTIVE, E::END, S::ENDED},
    {S::SCHEDULED, E::CANCEL, S::CANCELLED},
    {S::LIVE, E::FORCE_END, S::ENDED},
    {S::LIVE_INACTIVE, E::FORCE_END, S::ENDED},
    {S::ENDED, E::ARCHIVED, S::ARCHIVED},
};

constexpr VodTransitionRow kVodRows[] = {
    {V::NOT_ARCHIVED, VE::ARCHIVE_STARTED, V::ARCHIVING},
    {V::ARCHIVING, VE::ARCHIVE_SUCCEEDED, V::ARCHIVED},
    {V::ARCHIVING, VE::ARCHIVE_FAILED, V::FAILED_ARCHIVING},
};

ErrorCode RoomRefusalCode(E event) {
  switch (event) {
    case E::GO_LIVE:
    case E::CANCEL: return ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED;
    case E::END:
    case E::INGEST_RESUMED:
    case E::INGEST_STOPPED:
    case E::FORCE_END: return ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE;
    case E::ARCHIVED: break;
  }
  return ErrorCode::VIDEO_POST_STATE_INVALID;
}

}  // namespace

std::string_view ToString(VideoRoomEvent e) {
  switch (e) {
    case E::GO_LIVE: return "GO_LIVE";
    case E::INGEST_STOPPED: return "INGEST_STOPPED";
    case E::INGEST_RESUMED: return "INGEST_RESUMED";
    case E::END: return "END";
    case E::CANCEL: return "CANCEL";
    case E::FORCE_END: return "FORCE_END";
    case E::ARCHIVED: return "ARCHIVED";
  }
  return "?";
}

std::string_view ToString(VodEvent e) {
  switch (e) {
    case VE::ARCHIVE_STARTED: return "ARCHIVE_STARTED";
    case VE::ARCHIVE_SUCCEEDED: return "ARCHIVE_SUCCEEDED";
    case VE::ARCHIVE_FAILED: return "ARCHIVE_FAILED";
  }
  return "?";
}

std::vector<VideoRoomTransitionRow> VideoRoomTable() { return {std::begin(kRoomRows), std::end(kRoomRows)}; }
std::vector<VodTransitionRow> VodTable() { return {std::begin(kVodRows), std::end(kVodRows)}; }

Result<VideoRoomState> NextVideoRoomState(VideoRoomState from, VideoRoomEvent event) {
  return LookupTransition(kRoomRows, from, event, RoomRefusalCode(event), "video room");
}

Result<VodState> NextVodState(VodState from, VodEvent event) {
  return LookupTransition(kVodRows, from, event, ErrorCode::VIDEO_POST_STATE_INVALID, "vod");
}

bool IsBroadcasting(VideoRoomState s) { return s == S::LIVE || s == S::LIVE_INACTIVE; }

}  // namespace ffsb::domain
