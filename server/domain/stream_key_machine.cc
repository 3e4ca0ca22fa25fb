#include "server/domain/stream_key_machine.h"

#include "server/domain/transition_table.h"

#include <string>

namespace ffsb::domain {
namespace {

using S = StreamKeyState;
using E = StreamKeyEvent;

constexpr StreamKeyTransitionRow kRows[] = {
    {S::INACTIVE, E::INGEST_ACCEPTED, S::ACTIVE_PREP},
    {S::ACTIVE_PREP, E::INGEST_STOPPED, S::INACTIVE},
    {S::ACTIVE_PREP, E::OUTPUT_VIEWABLE, S::ACTIVE},
    {S::ACTIVE, E::INGEST_STOPPED, S::INACTIVE},
    {S::ACTIVE, E::ROOM_WENT_LIVE, S::ACTIVE_LIVE},
    {S::ACTIVE_LIVE, E::INGEST_STOPPED, S::INACTIVE_LIVE},
    {S::INACTIVE_LIVE, E::INGEST_ACCEPTED, S::ACTIVE_LIVE_PREP},
    {S::ACTIVE_LIVE_PREP, E::INGEST_STOPPED, S::INACTIVE_LIVE},
    {S::ACTIVE_LIVE_PREP, E::OUTPUT_VIEWABLE, S::ACTIVE_LIVE},
    {S::INACTIVE_LIVE, E::ROOM_ENDED, S::INACTIVE},
    {S::INACTIVE, E::FORCE_TERMINATED, S::INACTIVE},
    {S::ACTIVE_PREP, E::FORCE_TERMINATED, S::INACTIVE},
    {S::ACTIVE, E::FORCE_TERMINATED, S::INACTIVE},
    {S::ACTIVE_LIVE, E::FORCE_TERMINATED, S::INACTIVE},
    {S::INACTIVE_LIVE, E::FORCE_TERMINATED, S::INACTIVE},
    {S::ACTIVE_LIVE_PREP, E::FORCE_TERMINATED, S::INACTIVE},
};

ErrorCode RefusalCode(E event) {
  switch (event) {
    case E::INGEST_ACCEPTED: return ErrorCode::STREAM_KEY_IN_USE;
    case E::ROOM_ENDED: return ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE;
    case E::OUTPUT_VIEWABLE:
    case E::INGEST_STOPPED:
    case E::ROOM_WENT_LIVE:
    case E::FORCE_TERMINATED: break;
  }
  return ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE;
}

}  // namespace

std::string_view ToString(StreamKeyEvent e) {
  switch (e) {
    case E::INGEST_ACCEPTED: return "INGEST_ACCEPTED";
    case E::OUTPUT_VIEWABLE: return "OUTPUT_VIEWABLE";
    case E::INGEST_STOPPED: return "INGEST_STOPPED";
    case E::ROOM_WENT_LIVE: return "ROOM_WENT_LIVE";
    case E::ROOM_ENDED: return "ROOM_ENDED";
    case E::FORCE_TERMINATED: return "FORCE_TERMINATED";
  }
  return "?";
}

std::vector<StreamKeyTransitionRow> StreamKeyTable() { return {std::begin(kRows), std::end(kRows)}; }

Result<StreamKeyState> NextStreamKeyState(StreamKeyState from, StreamKeyEvent event) {
  return LookupTransition(kRows, from, event, RefusalCode(event), "stream key");
}

bool IsIngesting(StreamKeyState s) {
  return s == S::ACTIVE_PREP || s == S::ACTIVE || s == S::ACTIVE_LIVE || s == S::ACTIVE_LIVE_PREP;
}
bool IsViewable(StreamKeyState s) { return s == S::ACTIVE || s == S::ACTIVE_LIVE; }
bool IsLiveWithRoom(StreamKeyState s) {
  return s == S::ACTIVE_LIVE || s == S::INACTIVE_LIVE || s == S::ACTIVE_LIVE_PREP;
}

}  // namespace ffsb::domain
