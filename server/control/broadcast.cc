// The broadcast controls of contract §5: go live, end (which creates the
// recording's video post and starts archiving in the same transaction) and
// cancel. Force end is in stream_keys.cc.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

Result<VideoRoomView> Control::GoLive(Id app_id, const Caller& caller, Id room_id) {
  auto lock = Lock({"room:" + std::to_string(room_id)});
  if (!lock.ok()) return lock.status();
  return Change<VideoRoomView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoRoomView> {
    auto room = LoadRoomFor(tx, app_id, caller, room_id);
    if (!room.ok()) return room.status();
    if (room->type != VideoRoomType::BROADCAST_RTMP)
      return Status(ErrorCode::VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, "video room type is not BROADCAST_RTMP");
    if (room->video_room_state != VideoRoomState::SCHEDULED)
      return Status(ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED,
                    "video room is " + std::string(ToString(room->video_room_state)));
    auto key = tx.FindStreamKeyByMember(app_id, room->member_id);
    if (!key.ok()) return key.status();
    if (!key->has_value()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "the room's owner has no stream key");
    const StreamKey& k = **key;
    auto app = tx.GetApp(app_id);
    if (!app.ok()) return app.status();
    OutputMode mode = k.mode ? *k.mode : k.default_mode.value_or(app->default_output_mode);
    auto change = domain::GoLive(*room, k, mode, clock_.Now());
    if (!change.ok()) return change.status();
    if (Status s = SaveKey(tx, ch, k, change->key); !s.ok()) return s;
    if (Status s = SaveRoom(tx, ch, *room, change->room); !s.ok()) return s;
    return LoadRoomView(tx, change->room);
  });
}

Result<VideoRoomView> Control::EndBroadcast(Id app_id, const Caller& caller, Id room_id) {
  auto lock = Lock({"room:" + std::to_string(room_id)});
  if (!lock.ok()) return lock.status();
  return Change<VideoRoomView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoRoomView> {
    auto room = LoadRoomFor(tx, app_id, caller, room_id);
    if (!room.ok()) return room.status();
    if (room->type != VideoRoomType::BROADCAST_RTMP)
      return Status(ErrorCode::VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, "video room type is not BROADCAST_RTMP");
    if (room->video_room_state != VideoRoomState::LIVE_INACTIVE)
      return Status(ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE,
                    "video room is " + std::string(ToString(room->video_room_state)) +
                        ": stop the ingest first, then end the broadcast");
    if (!room->stream_key_id)
      return Status(ErrorCode::INTERNAL_SERVER_ERROR, "broadcasting room has no stream key");
    auto key = tx.GetStreamKey(app_id, *room->stream_key_id);
    if (!key.ok()) return key.status();
    Micros now = clock_.Now();
    auto change = domain::EndBroadcast(*room, *key, now);
    if (!change.ok()) return change.status();

    // The recording becomes a LIVE_RECORDED video post, queued for archiving.
    VideoPost post;
    post.app_id = app_id;
    post.member_id = room->member_id;
    post.type = VideoPostType::LIVE_RECORDED;
    post.video_post_state = InitialVideoPostState(VideoPostType::LIVE_RECORDED);
    auto queued = NextVideoPostState(post.video_post_state, VideoPostEvent::QUEUED);
    if (!queued.ok()) return queued.status();
    post.video_post_state = *queued;
    post.access_level = room->access_level;
    post.creator_type = room->creator_type;
    post.creator_id = room->creator_id;
    post.video_room_id = room->id;
    post.title = room->title;
    post.description = room->description;
    post.custom_data = room->custom_data;
    post.uploaded_at = now;
    for (auto [type, name, target] :
         {std::tuple{ProfileType::VIDEO, store::kVodDefaultProfile, &post.video_profile_id},
          std::tuple{ProfileType::PREVIEW, store::kPreviewDefaultProfile, &post.preview_profile_id},
          std::tuple{ProfileType::THUMBNAIL, store::kThumbnailDefaultProfile, &post.thumbnail_profile_id}}) {
      auto profile = DefaultProfile(tx, app_id, type, name);
      if (!profile.ok()) return profile.status();
      *target = profile->id;
    }
    post.created_at = post.last_modified_at = now;
    if (Status s = SavePost(tx, ch, nullptr, post); !s.ok()) return s;

    VideoRoom after = change->room;
    auto vod = NextVodState(after.vod_state, VodEvent::ARCHIVE_STARTED);
    if (!vod.ok()) return vod.status();
    after.vod_state = *vod;
    after.video_post_id = post.id;
    if (Status s = SaveKey(tx, ch, *key, change->key); !s.ok()) return s;
    if (Status s = SaveRoom(tx, ch, *room, after); !s.ok()) return s;
    return LoadRoomView(tx, after);
  });
}

Result<VideoRoomView> Control::CancelBroadcast(Id app_id, const Caller& caller, Id room_id) {
  auto lock = Lock({"room:" + std::to_string(room_id)});
  if (!lock.ok()) return lock.status();
  return Change<VideoRoomView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoRoomView> {
    auto room = LoadRoomFor(tx, app_id, caller, room_id);
    if (!room.ok()) return room.status();
    auto after = domain::CancelBroadcast(*room, clock_.Now());
    if (!after.ok()) return after.status();
    if (Status s = SaveRoom(tx, ch, *room, *after); !s.ok()) return s;
    return LoadRoomView(tx, *after);
  });
}

}  // namespace ffsb::control
