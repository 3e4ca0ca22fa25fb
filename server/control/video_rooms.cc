// Video room use cases (contract §5): create, list, get, update, delete. The
// broadcast controls are in broadcast.cc.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

namespace {

Status ValidateRoomFields(const RoomFields& f) {
  if (f.custom_type && *f.custom_type)
    if (Status s = ValidateCustomType(**f.custom_type); !s.ok()) return s;
  if (f.custom_data && *f.custom_data)
    if (Status s = ValidateCustomData(**f.custom_data); !s.ok()) return s;
  return Status::Ok();
}

template <typename T>
void Apply(const Field<T>& f, std::optional<T>* target) {
  if (f) *target = *f;
}

void ApplyRoomFields(const RoomFields& f, VideoRoom* r) {
  if (f.title) r->title = f.title->value_or("");
  Apply(f.description, &r->description);
  Apply(f.scheduled_at, &r->scheduled_at);
  if (f.access_level) r->access_level = *f.access_level;
  Apply(f.custom_type, &r->custom_type);
  Apply(f.custom_data, &r->custom_data);
}

}  // namespace

Result<VideoRoom> Control::LoadRoomFor(store::StoreTx& tx, Id app_id, const Caller& caller, Id room_id) {
  auto r = tx.GetVideoRoom(app_id, room_id);
  if (!r.ok()) return r.status();
  if (caller.only_member && r->member_id != *caller.only_member)
    return Status(ErrorCode::VIDEO_ROOM_NOT_FOUND, "video room " + std::to_string(room_id) + " not found");
  return r;
}

Result<VideoRoomView> Control::CreateVideoRoom(Id app_id, const Caller& caller, std::optional<VideoRoomType> type,
                                               const std::string& owner_app_user_id, const RoomFields& fields) {
  if (!type) return Status(ErrorCode::EMPTY_VIDEO_ROOM_TYPE, "type is required");
  if (*type != VideoRoomType::BROADCAST_RTMP)
    return Status(ErrorCode::VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, "only BROADCAST_RTMP rooms are supported");
  if (!caller.only_member)
    if (Status s = ValidateAppUserId(owner_app_user_id); !s.ok()) return s;
  if (!fields.scheduled_at || !*fields.scheduled_at)
    return Status(ErrorCode::EMPTY_VIDEO_ROOM_SCHEDULED_AT, "scheduledAt is required for BROADCAST_RTMP rooms");
  if (Status s = ValidateRoomFields(fields); !s.ok()) return s;
  return Change<VideoRoomView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoRoomView> {
    Member owner;
    if (caller.only_member) {
      auto m = tx.GetMember(app_id, *caller.only_member);
      if (!m.ok()) return m.status();
      owner = *m;
    } else {
      auto m = tx.FindMemberByAppUserId(app_id, owner_app_user_id);
      if (!m.ok()) return m.status();
      if (!m->has_value()) return Status(ErrorCode::MEMBER_NOT_FOUND, "member " + owner_app_user_id + " not found");
      owner = **m;
    }
    VideoRoom r;
    r.app_id = app_id;
    r.member_id = owner.id;
    r.uuid = random_.Uuid4();
    r.type = *type;
    r.creator_type = caller.type;
    r.creator_id = caller.id;
    ApplyRoomFields(fields, &r);
    r.created_at = r.last_modified_at = clock_.Now();
    auto inserted = tx.InsertVideoRoom(r);
    if (!inserted.ok()) return inserted.status();
    DomainEvent e;
    e.kind = EventKind::VIDEO_ROOM;
    e.id = inserted->id;
    e.app_id = app_id;
    e.member_id = owner.id;
    e.state = std::string(ToString(inserted->video_room_state));
    e.time = r.created_at;
    e.room = *inserted;
    ch.events.push_back(std::move(e));
    return LoadRoomView(tx, *inserted);
  });
}

Result<store::Page<VideoRoomView>> Control::ListVideoRooms(const store::VideoRoomFilter& filter,
                                                           const store::PageRequest& page) {
  return ReadResult<store::Page<VideoRoomView>>(store_,
                                                [&](store::StoreTx& tx) -> Result<store::Page<VideoRoomView>> {
    auto rooms = tx.ListVideoRooms(filter, page);
    if (!rooms.ok()) return rooms.status();
    store::Page<VideoRoomView> out;
    out.total = rooms->total;
    for (auto& r : rooms->items) {
      auto v = LoadRoomView(tx, r);
      if (!v.ok()) return v.status();
      out.items.push_back(std::move(*v));
    }
    return out;
  });
}

Result<VideoRoomView> Control::GetVideoRoom(Id app_id, const Caller& caller, Id room_id) {
  return ReadResult<VideoRoomView>(store_, [&](store::StoreTx& tx) -> Result<VideoRoomView> {
    auto r = LoadRoomFor(tx, app_id, caller, room_id);
    if (!r.ok()) return r.status();
    return LoadRoomView(tx, *r);
  });
}

Result<VideoRoomView> Control::GetVideoRoomByUuid(Id app_id, const Caller& caller, const std::string& uuid) {
  return ReadResult<VideoRoomView>(store_, [&](store::StoreTx& tx) -> Result<VideoRoomView> {
    auto r = tx.GetVideoRoomByUuid(app_id, uuid);
    if (!r.ok()) return r.status();
    if (caller.only_member && r->member_id != *caller.only_member)
      return Status(ErrorCode::VIDEO_ROOM_NOT_FOUND, "video room " + uuid + " not found");
    return LoadRoomView(tx, *r);
  });
}

Result<VideoRoomView> Control::UpdateVideoRoom(Id app_id, const Caller& caller, Id room_id, const RoomFields& fields) {
  if (Status s = ValidateRoomFields(fields); !s.ok()) return s;
  if (fields.scheduled_at && !*fields.scheduled_at)
    return Status(ErrorCode::EMPTY_VIDEO_ROOM_SCHEDULED_AT, "scheduledAt cannot be cleared");
  return Change<VideoRoomView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoRoomView> {
    auto r = LoadRoomFor(tx, app_id, caller, room_id);
    if (!r.ok()) return r.status();
    VideoRoom after = *r;
    ApplyRoomFields(fields, &after);
    after.last_modified_at = clock_.Now();
    if (Status s = SaveRoom(tx, ch, *r, after); !s.ok()) return s;
    return LoadRoomView(tx, after);
  });
}

Status Control::DeleteVideoRoom(Id app_id, const Caller& caller, Id room_id) {
  auto lock = Lock({"room:" + std::to_string(room_id)});
  if (!lock.ok()) return lock.status();
  return ChangeStatus([&](store::StoreTx& tx, Changes&) -> Status {
    auto r = LoadRoomFor(tx, app_id, caller, room_id);
    if (!r.ok()) return r.status();
    if (IsBroadcasting(r->video_room_state))
      return Status(ErrorCode::VIDEO_ROOM_STATE_NOT_DELETABLE,
                    "video room is " + std::string(ToString(r->video_room_state)) + ": end the broadcast first");
    r->state = EntityState::DELETED;
    r->last_modified_at = clock_.Now();
    return tx.UpdateVideoRoom(*r);
  });
}

}  // namespace ffsb::control
