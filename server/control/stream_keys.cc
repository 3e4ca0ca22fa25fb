// Stream key use cases (contract §4): list/get/update, reissue and
// force-terminate (contract §5 force end).
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

Result<store::Page<StreamKeyView>> Control::ListStreamKeys(const store::StreamKeyFilter& filter,
                                                           const store::PageRequest& page) {
  return ReadResult<store::Page<StreamKeyView>>(store_,
                                                [&](store::StoreTx& tx) -> Result<store::Page<StreamKeyView>> {
    auto keys = tx.ListStreamKeys(filter, page);
    if (!keys.ok()) return keys.status();
    store::Page<StreamKeyView> out;
    out.total = keys->total;
    for (auto& k : keys->items) {
      auto v = LoadKeyView(tx, k);
      if (!v.ok()) return v.status();
      out.items.push_back(std::move(*v));
    }
    return out;
  });
}

Result<StreamKeyView> Control::GetStreamKey(Id app_id, Id key_id) {
  return ReadResult<StreamKeyView>(store_, [&](store::StoreTx& tx) -> Result<StreamKeyView> {
    auto k = tx.GetStreamKey(app_id, key_id);
    if (!k.ok()) return k.status();
    return LoadKeyView(tx, *k);
  });
}

Result<StreamKeyView> Control::GetStreamKeyOfMember(Id app_id, Id member_id) {
  return ReadResult<StreamKeyView>(store_, [&](store::StoreTx& tx) -> Result<StreamKeyView> {
    auto k = tx.FindStreamKeyByMember(app_id, member_id);
    if (!k.ok()) return k.status();
    if (!k->has_value()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "member has no stream key");
    return LoadKeyView(tx, **k);
  });
}

Result<StreamKeyView> Control::UpdateStreamKey(Id app_id, Id key_id, const StreamKeyPatch& patch) {
  return Change<StreamKeyView>([&](store::StoreTx& tx, Changes& ch) -> Result<StreamKeyView> {
    auto k = tx.GetStreamKey(app_id, key_id);
    if (!k.ok()) return k.status();
    StreamKey after = *k;
    if (patch.profile_id) {
      auto profile = tx.GetProfile(app_id, *patch.profile_id);
      if (!profile.ok()) return profile.status();
      if (profile->type != ProfileType::BROADCAST_RTMP)
        return Status(ErrorCode::TRANSCODING_PROFILE_TYPE_NOT_BROADCAST_RTMP,
                      "profile " + std::to_string(profile->id) + " is not a BROADCAST_RTMP profile");
      after.profile_id = profile->id;
    }
    if (patch.mode) after.default_mode = *patch.mode;
    after.last_modified_at = clock_.Now();
    if (Status s = SaveKey(tx, ch, *k, after); !s.ok()) return s;
    return LoadKeyView(tx, after);
  });
}

Result<StreamKeyView> Control::ReissueStreamKey(Id app_id, Id key_id) {
  auto lock = Lock({"key:" + std::to_string(key_id)});
  if (!lock.ok()) return lock.status();
  return Change<StreamKeyView>([&](store::StoreTx& tx, Changes& ch) -> Result<StreamKeyView> {
    auto k = tx.GetStreamKey(app_id, key_id);
    if (!k.ok()) return k.status();
    StreamKey after = *k;
    after.stream_key = NewStreamKeyString();
    after.last_modified_at = clock_.Now();
    if (Status s = SaveKey(tx, ch, *k, after); !s.ok()) return s;
    log_.Info("stream key " + std::to_string(key_id) + " reissued: " + RedactKey(after.stream_key));
    return LoadKeyView(tx, after);
  });
}

Status Control::ForceTerminateInTx(store::StoreTx& tx, Changes& ch, StreamKey key) {
  std::optional<VideoRoom> room;
  if (key.live_room_id) {
    auto r = tx.GetVideoRoom(key.app_id, *key.live_room_id);
    if (r.ok()) room = *r;
  }
  const std::optional<VideoRoom> room_before = room;
  ForceEndChange change = domain::ForceTerminate(key, room, NewStreamKeyString(), clock_.Now());
  if (Status s = SaveKey(tx, ch, key, change.key); !s.ok()) return s;
  if (change.room)
    if (Status s = SaveRoom(tx, ch, *room_before, *change.room); !s.ok()) return s;
  ch.drop_ingests.push_back(key.id);
  {
    std::lock_guard lock(stats_mu_);
    stats_.erase(key.id);
  }
  log_.Info("stream key " + std::to_string(key.id) + " force-terminated" +
            (change.room ? ", room " + std::to_string(change.room->id) + " ended" : std::string()));
  return Status::Ok();
}

Status Control::ForceTerminate(Id app_id, Id key_id) {
  auto lock = Lock({"key:" + std::to_string(key_id)});
  if (!lock.ok()) return lock.status();
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto k = tx.GetStreamKey(app_id, key_id);
    if (!k.ok()) return k.status();
    return ForceTerminateInTx(tx, ch, *k);
  });
}

}  // namespace ffsb::control
