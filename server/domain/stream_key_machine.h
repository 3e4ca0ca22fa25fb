// The stream key state machine of contract §4, as a table of legal edges.
// A stream key follows its member's RTMP ingest (accepted, viewable, stopped)
// and the broadcast of a room that uses it (went live, ended); a force
// terminate returns it to INACTIVE from anywhere. See docs/state-machines.md.
//
// Pure: no I/O, no clock. Callers persist the new state (see broadcast.h for
// the operations that also move the room).
//
// Refusals (the code of the non-OK Result):
//   INGEST_ACCEPTED while ingesting (ACTIVE_PREP, ACTIVE, ACTIVE_LIVE,
//     ACTIVE_LIVE_PREP)                               -> STREAM_KEY_IN_USE
//   OUTPUT_VIEWABLE not in ACTIVE_PREP/ACTIVE_LIVE_PREP (not ingesting, or
//     already viewable)                               -> STREAM_KEY_STATE_NOT_ACTIVE
//   INGEST_STOPPED when not ingesting                 -> STREAM_KEY_STATE_NOT_ACTIVE
//   ROOM_WENT_LIVE not from ACTIVE                    -> STREAM_KEY_STATE_NOT_ACTIVE
//   ROOM_ENDED not from INACTIVE_LIVE                 -> STREAM_KEY_STATE_NOT_INACTIVE_LIVE
//   FORCE_TERMINATED is never refused.
//
// Thread-safety: constants and pure functions only.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "server/base/status.h"
#include "server/domain/enums.h"

namespace ffsb::domain {

enum class StreamKeyEvent {
  INGEST_ACCEPTED,   // an RTMP publish with this key was accepted
  OUTPUT_VIEWABLE,   // the converted output became viewable ("publish")
  INGEST_STOPPED,    // the RTMP ingest ended (disconnect, unpublish, timeout)
  ROOM_WENT_LIVE,    // a room went live with this key
  ROOM_ENDED,        // the room broadcasting with this key was ended
  FORCE_TERMINATED,  // force-terminate / forced end
};
std::string_view ToString(StreamKeyEvent e);

inline constexpr std::array kAllStreamKeyStates = {
    StreamKeyState::INACTIVE,      StreamKeyState::ACTIVE_PREP,   StreamKeyState::ACTIVE,
    StreamKeyState::ACTIVE_LIVE,   StreamKeyState::INACTIVE_LIVE, StreamKeyState::ACTIVE_LIVE_PREP};
inline constexpr std::array kAllStreamKeyEvents = {
    StreamKeyEvent::INGEST_ACCEPTED, StreamKeyEvent::OUTPUT_VIEWABLE, StreamKeyEvent::INGEST_STOPPED,
    StreamKeyEvent::ROOM_WENT_LIVE,  StreamKeyEvent::ROOM_ENDED,      StreamKeyEvent::FORCE_TERMINATED};

struct StreamKeyTransitionRow {
  StreamKeyState from;
  StreamKeyEvent event;
  StreamKeyState to;
};

// Every legal edge, in contract §4 order (FORCE_TERMINATED rows last, one per state).
std::vector<StreamKeyTransitionRow> StreamKeyTable();

// The next state per contract §4, or the refusal above.
Result<StreamKeyState> NextStreamKeyState(StreamKeyState from, StreamKeyEvent event);

// Is an RTMP ingest running on a key in this state?
bool IsIngesting(StreamKeyState s);
// Is the converted output viewable (play URLs filled, contract §4)?
bool IsViewable(StreamKeyState s);
// Is a room broadcasting with a key in this state (live_room_id set)?
bool IsLiveWithRoom(StreamKeyState s);

}  // namespace ffsb::domain
