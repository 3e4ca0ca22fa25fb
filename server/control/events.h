// What the control plane tells the rest of the server after a commit.
//
// DomainEvent: one per state change of a stream key, video room (room state
// or VOD state) or video post, raised AFTER the transaction that made it
// committed, in commit order. Webhooks, Server-Sent Events and recording
// start/stop hang off these (later issues).
//
// IngestDropper: the media plane's seam for "close this key's ingest
// connection" (force-terminate, member deletion). Called after commit, with
// no control lock held, so it may call back into Control (IngestStopped).
//
// Threading: listeners are called on the thread of some use case that just
// committed (not necessarily the one that made the change: one thread drains
// the queue at a time, so order is kept). They must be quick (enqueue and
// return); they may call back into Control: a change they make is queued
// behind the current ones and delivered by the same drain loop.
#pragma once

#include <optional>
#include <string>

#include "server/base/clock.h"
#include "server/domain/entities.h"

namespace ffsb::control {

using domain::Id;

enum class EventKind { STREAM_KEY, VIDEO_ROOM, VIDEO_POST };
std::string_view ToString(EventKind k);

struct DomainEvent {
  EventKind kind = EventKind::STREAM_KEY;
  Id id = 0;
  Id app_id = 0;
  Id member_id = 0;
  std::string state;  // streamKeyState, videoRoomState or videoPostState wire name
  // Before the change ("" for a new entity), so listeners act on real
  // transitions only: a room event may carry only a vodState or session change.
  std::string previous_state;
  std::string previous_vod_state;  // rooms only
  bool session_changed = false;    // rooms only: a resume handed out new play URLs
  bool forcibly_terminated = false;
  Micros time = 0;
  // The entity after the change; exactly the one matching `kind` is set.
  std::optional<domain::StreamKey> key;
  std::optional<domain::VideoRoom> room;
  std::optional<domain::VideoPost> post;
};

class EventListener {
 public:
  virtual ~EventListener() = default;
  virtual void OnEvent(const DomainEvent& event) = 0;
};

class IngestDropper {
 public:
  virtual ~IngestDropper() = default;
  // Close the RTMP ingest of this key if one is running; no-op otherwise.
  virtual void DropIngest(Id stream_key_id) = 0;
};

}  // namespace ffsb::control
