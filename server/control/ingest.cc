// The media plane's ingest use cases (contract §4): authorize a publish,
// output viewable, ingest stopped, stats, errors, and restart recovery.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

namespace {

Result<std::optional<VideoRoom>> LiveRoomOf(store::StoreTx& tx, const StreamKey& k) {
  if (!k.live_room_id) return std::optional<VideoRoom>();
  auto r = tx.GetVideoRoom(k.app_id, *k.live_room_id);
  if (!r.ok()) return r.status();
  return std::optional<VideoRoom>(*r);
}

}  // namespace

Result<IngestGrant> Control::AuthorizeIngest(std::string_view stream_key, std::optional<OutputMode> url_mode) {
  return Change<IngestGrant>([&](store::StoreTx& tx, Changes& ch) -> Result<IngestGrant> {
    auto found = tx.FindStreamKeyByString(stream_key);
    if (!found.ok()) return found.status();
    if (!found->has_value()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "unknown stream key");
    const StreamKey& k = **found;
    auto member = tx.GetMember(k.app_id, k.member_id);
    if (!member.ok()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "the stream key's member was deleted");
    auto app = tx.GetApp(k.app_id);
    if (!app.ok()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "the stream key's app was deleted");
    OutputMode mode = url_mode ? *url_mode : k.default_mode.value_or(app->default_output_mode);
    auto room = LiveRoomOf(tx, k);
    if (!room.ok()) return room.status();
    auto change = domain::IngestAccepted(k, *room, mode, clock_.Now());
    if (!change.ok()) return change.status();
    if (Status s = SaveKey(tx, ch, k, change->key); !s.ok()) return s;
    if (change->room)
      if (Status s = SaveRoom(tx, ch, **room, *change->room); !s.ok()) return s;
    auto profile = tx.GetProfile(k.app_id, k.profile_id);
    if (!profile.ok()) return profile.status();
    IngestGrant g;
    g.stream_key_id = k.id;
    g.app_id = k.app_id;
    g.member_id = k.member_id;
    g.play_id = k.play_id;
    g.mode = mode;
    g.profile_json = profile->profile_json;
    g.live_room_id = change->key.live_room_id;
    return g;
  });
}

Status Control::IngestViewable(Id stream_key_id) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto k = tx.GetStreamKeyAnyApp(stream_key_id);
    if (!k.ok()) return k.status();
    auto room = LiveRoomOf(tx, *k);
    if (!room.ok()) return room.status();
    auto change = domain::OutputViewable(*k, *room, clock_.Now());
    if (!change.ok()) return change.status();
    if (Status s = SaveKey(tx, ch, *k, change->key); !s.ok()) return s;
    if (change->room)
      if (Status s = SaveRoom(tx, ch, **room, *change->room); !s.ok()) return s;
    return Status::Ok();
  });
}

Result<StreamKey> Control::StopIngestInTx(store::StoreTx& tx, Changes& ch, const StreamKey& k) {
  auto room = LiveRoomOf(tx, k);
  if (!room.ok()) return room.status();
  auto change = domain::IngestStopped(k, *room, clock_.Now());
  if (!change.ok()) return change.status();
  if (Status s = SaveKey(tx, ch, k, change->key); !s.ok()) return s;
  if (change->room)
    if (Status s = SaveRoom(tx, ch, **room, *change->room); !s.ok()) return s;
  return change->key;
}

Status Control::IngestStopped(Id stream_key_id) {
  Status s = ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto k = tx.GetStreamKeyAnyApp(stream_key_id);
    if (!k.ok()) return k.status();
    auto stopped = StopIngestInTx(tx, ch, *k);
    return stopped.ok() ? Status::Ok() : stopped.status();
  });
  std::lock_guard lock(stats_mu_);
  stats_.erase(stream_key_id);
  return s;
}

void Control::IngestStats(Id stream_key_id, const domain::IngestStats& stats) {
  std::lock_guard lock(stats_mu_);
  stats_[stream_key_id] = stats;
}

void Control::IngestError(Id stream_key_id, std::string code, std::string message) {
  Status s = ChangeStatus([&](store::StoreTx& tx, Changes&) -> Status {
    auto k = tx.GetStreamKeyAnyApp(stream_key_id);
    if (!k.ok()) return k.status();
    k->error = StreamKeyError{code, message, clock_.Now()};
    k->last_modified_at = clock_.Now();
    return tx.UpdateStreamKey(*k);
  });
  if (!s.ok()) log_.Warn("recording ingest error of key " + std::to_string(stream_key_id) + ": " + s.ToString());
}

void Control::RecoverAfterRestart() {
  Status s = ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto keys = tx.ListStreamKeysInStates({StreamKeyState::ACTIVE_PREP, StreamKeyState::ACTIVE,
                                           StreamKeyState::ACTIVE_LIVE, StreamKeyState::ACTIVE_LIVE_PREP});
    if (!keys.ok()) return keys.status();
    for (const StreamKey& k : *keys) {
      auto stopped = StopIngestInTx(tx, ch, k);
      if (!stopped.ok()) return stopped.status();
      log_.Info("recovered stream key " + std::to_string(k.id) + ": " + std::string(ToString(k.stream_key_state)) +
                " -> " + std::string(ToString(stopped->stream_key_state)));
    }
    return Status::Ok();
  });
  if (!s.ok()) log_.Error("restart recovery failed: " + s.ToString());
  std::lock_guard lock(stats_mu_);
  stats_.clear();
}

}  // namespace ffsb::control
