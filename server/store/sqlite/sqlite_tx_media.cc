// SqliteTx: stream keys, video rooms, video posts, transcoding profiles.
#include "server/store/sqlite/sqlite_tx.h"

#include <algorithm>

#include "server/store/sqlite/sqlite_tx_inl.h"

namespace ffsb::store::sqlite {

using namespace ffsb::domain;

// ---- stream keys

Result<StreamKey> SqliteTx::GetStreamKey(Id app_id, Id id) {
  return Required(QueryOne<StreamKey>(
                      c_.Prepare("SELECT id, doc FROM stream_keys WHERE id = ? AND app_id = ? AND state = 'ACTIVE'")
                          .Bind(id)
                          .Bind(app_id)),
                  ErrorCode::STREAM_KEY_NOT_FOUND, "stream key " + std::to_string(id));
}

Result<StreamKey> SqliteTx::GetStreamKeyAnyApp(Id id) {
  return Required(
      QueryOne<StreamKey>(c_.Prepare("SELECT id, doc FROM stream_keys WHERE id = ? AND state = 'ACTIVE'").Bind(id)),
      ErrorCode::STREAM_KEY_NOT_FOUND, "stream key " + std::to_string(id));
}

Result<std::optional<StreamKey>> SqliteTx::FindStreamKeyByString(std::string_view stream_key) {
  return QueryOne<StreamKey>(
      c_.Prepare("SELECT id, doc FROM stream_keys WHERE stream_key = ? AND state = 'ACTIVE'").Bind(stream_key));
}

Result<std::optional<StreamKey>> SqliteTx::FindStreamKeyByMember(Id app_id, Id member_id) {
  return QueryOne<StreamKey>(
      c_.Prepare("SELECT id, doc FROM stream_keys WHERE app_id = ? AND member_id = ? AND state = 'ACTIVE'")
          .Bind(app_id)
          .Bind(member_id));
}

Result<Page<StreamKey>> SqliteTx::ListStreamKeys(const StreamKeyFilter& f, const PageRequest& p) {
  ListQuery q{"FROM stream_keys t JOIN members m ON m.id = t.member_id WHERE t.state = 'ACTIVE'", {}};
  q.And("t.app_id = ?", f.app_id);
  if (f.member_id) q.And("t.member_id = ?", *f.member_id);
  if (f.app_user_id) q.And("m.app_user_id = ?", *f.app_user_id);
  if (f.app_user_name) q.And("m.app_user_name = ?", *f.app_user_name);
  if (f.video_room_id) q.And("t.live_room_id = ?", *f.video_room_id);
  return RunList<StreamKey>(q, p, "m.app_user_id");
}

Result<std::vector<StreamKey>> SqliteTx::ListStreamKeysInStates(const std::vector<StreamKeyState>& states) {
  std::vector<StreamKey> out;
  for (StreamKeyState st : states) {
    auto some = QueryAll<StreamKey>(
        c_.Prepare("SELECT id, doc FROM stream_keys WHERE state = 'ACTIVE' AND stream_key_state = ? ORDER BY id")
            .Bind(ToString(st)));
    if (!some.ok()) return some.status();
    for (auto& k : *some) out.push_back(std::move(k));
  }
  return out;
}

Result<StreamKey> SqliteTx::InsertStreamKey(StreamKey k) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO stream_keys(app_id, member_id, state, stream_key_state, stream_key, play_id, "
                   "live_room_id, created_at, last_modified_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                 .Bind(k.app_id)
                 .Bind(k.member_id)
                 .Bind(ToString(k.state))
                 .Bind(ToString(k.stream_key_state))
                 .Bind(k.stream_key)
                 .Bind(k.play_id)
                 .Bind(k.live_room_id)
                 .Bind(k.created_at)
                 .Bind(k.last_modified_at)
                 .Bind(Encode(k))
                 .Run();
  if (!s.ok()) return s;
  k.id = c_.LastInsertId();
  return k;
}

Status SqliteTx::UpdateStreamKey(const StreamKey& k) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(c_.Prepare("UPDATE stream_keys SET state = ?, stream_key_state = ?, stream_key = ?, "
                                    "play_id = ?, live_room_id = ?, last_modified_at = ?, doc = ? "
                                    "WHERE id = ? AND app_id = ?")
                             .Bind(ToString(k.state))
                             .Bind(ToString(k.stream_key_state))
                             .Bind(k.stream_key)
                             .Bind(k.play_id)
                             .Bind(k.live_room_id)
                             .Bind(k.last_modified_at)
                             .Bind(Encode(k))
                             .Bind(k.id)
                             .Bind(k.app_id)
                             .Run(),
                         "update stream key");
}

// ---- video rooms

Result<VideoRoom> SqliteTx::GetVideoRoom(Id app_id, Id id) {
  return Required(QueryOne<VideoRoom>(
                      c_.Prepare("SELECT id, doc FROM video_rooms WHERE id = ? AND app_id = ? AND state = 'ACTIVE'")
                          .Bind(id)
                          .Bind(app_id)),
                  ErrorCode::VIDEO_ROOM_NOT_FOUND, "video room " + std::to_string(id));
}

Result<VideoRoom> SqliteTx::GetVideoRoomByUuid(Id app_id, std::string_view uuid) {
  return Required(QueryOne<VideoRoom>(
                      c_.Prepare("SELECT id, doc FROM video_rooms WHERE uuid = ? AND app_id = ? AND state = 'ACTIVE'")
                          .Bind(uuid)
                          .Bind(app_id)),
                  ErrorCode::VIDEO_ROOM_NOT_FOUND, "video room " + std::string(uuid));
}

Result<Page<VideoRoom>> SqliteTx::ListVideoRooms(const VideoRoomFilter& f, const PageRequest& p) {
  ListQuery q{"FROM video_rooms t JOIN members m ON m.id = t.member_id WHERE t.state = 'ACTIVE'", {}};
  q.And("t.app_id = ?", f.app_id);
  if (f.member_id) q.And("t.member_id = ?", *f.member_id);
  if (f.app_user_id) q.And("m.app_user_id = ?", *f.app_user_id);
  if (f.keyword) {
    q.And("(instr(t.title, ?) > 0", *f.keyword);
    q.from_where += " OR instr(COALESCE(t.description, ''), ?) > 0)";
    q.binds.emplace_back(*f.keyword);
  }
  if (f.video_room_state) q.And("t.video_room_state = ?", std::string(ToString(*f.video_room_state)));
  if (f.type) q.And("t.type = ?", std::string(ToString(*f.type)));
  if (f.access_level) q.And("t.access_level = ?", std::string(ToString(*f.access_level)));
  return RunList<VideoRoom>(q, p, "");
}

Result<VideoRoom> SqliteTx::InsertVideoRoom(VideoRoom r) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO video_rooms(app_id, member_id, state, uuid, type, video_room_state, access_level, "
                   "title, description, created_at, last_modified_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                 .Bind(r.app_id)
                 .Bind(r.member_id)
                 .Bind(ToString(r.state))
                 .Bind(r.uuid)
                 .Bind(ToString(r.type))
                 .Bind(ToString(r.video_room_state))
                 .Bind(ToString(r.access_level))
                 .Bind(r.title)
                 .Bind(r.description)
                 .Bind(r.created_at)
                 .Bind(r.last_modified_at)
                 .Bind(Encode(r))
                 .Run();
  if (!s.ok()) return s;
  r.id = c_.LastInsertId();
  return r;
}

Status SqliteTx::UpdateVideoRoom(const VideoRoom& r) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(c_.Prepare("UPDATE video_rooms SET state = ?, video_room_state = ?, access_level = ?, "
                                    "title = ?, description = ?, last_modified_at = ?, doc = ? "
                                    "WHERE id = ? AND app_id = ?")
                             .Bind(ToString(r.state))
                             .Bind(ToString(r.video_room_state))
                             .Bind(ToString(r.access_level))
                             .Bind(r.title)
                             .Bind(r.description)
                             .Bind(r.last_modified_at)
                             .Bind(Encode(r))
                             .Bind(r.id)
                             .Bind(r.app_id)
                             .Run(),
                         "update video room");
}

// ---- video posts

Result<VideoPost> SqliteTx::GetVideoPost(Id app_id, Id id) {
  return Required(QueryOne<VideoPost>(
                      c_.Prepare("SELECT id, doc FROM video_posts WHERE id = ? AND app_id = ? AND state = 'ACTIVE'")
                          .Bind(id)
                          .Bind(app_id)),
                  ErrorCode::VIDEO_POST_NOT_FOUND, "video post " + std::to_string(id));
}

Result<VideoPost> SqliteTx::GetVideoPostById(Id id) {
  return Required(
      QueryOne<VideoPost>(c_.Prepare("SELECT id, doc FROM video_posts WHERE id = ? AND state = 'ACTIVE'").Bind(id)),
      ErrorCode::VIDEO_POST_NOT_FOUND, "video post " + std::to_string(id));
}

Result<std::vector<VideoPost>> SqliteTx::ListVideoPostsInStates(const std::vector<VideoPostState>& states) {
  std::vector<VideoPost> out;
  for (VideoPostState st : states) {
    auto rows = QueryAll<VideoPost>(
        c_.Prepare("SELECT id, doc FROM video_posts WHERE state = 'ACTIVE' AND video_post_state = ? ORDER BY id")
            .Bind(ToString(st)));
    if (!rows.ok()) return rows.status();
    for (auto& p : *rows) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const VideoPost& a, const VideoPost& b) { return a.id < b.id; });
  return out;
}

Result<Page<VideoPost>> SqliteTx::ListVideoPosts(const VideoPostFilter& f, const PageRequest& p) {
  ListQuery q{"FROM video_posts t JOIN members m ON m.id = t.member_id WHERE t.state = 'ACTIVE'", {}};
  q.And("t.app_id = ?", f.app_id);
  if (f.member_id) q.And("t.member_id = ?", *f.member_id);
  if (f.app_user_id) q.And("m.app_user_id = ?", *f.app_user_id);
  if (f.video_post_state) q.And("t.video_post_state = ?", std::string(ToString(*f.video_post_state)));
  if (f.access_level) q.And("t.access_level = ?", std::string(ToString(*f.access_level)));
  if (f.video_room_id) q.And("t.video_room_id = ?", *f.video_room_id);
  if (f.keyword) {
    q.And("(instr(t.title, ?) > 0", *f.keyword);
    q.from_where += " OR instr(COALESCE(t.description, ''), ?) > 0)";
    q.binds.emplace_back(*f.keyword);
  }
  return RunList<VideoPost>(q, p, "");
}

Result<VideoPost> SqliteTx::InsertVideoPost(VideoPost v) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO video_posts(app_id, member_id, state, video_post_state, type, access_level, title, "
                   "description, video_room_id, created_at, last_modified_at, doc) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                 .Bind(v.app_id)
                 .Bind(v.member_id)
                 .Bind(ToString(v.state))
                 .Bind(ToString(v.video_post_state))
                 .Bind(ToString(v.type))
                 .Bind(ToString(v.access_level))
                 .Bind(v.title)
                 .Bind(v.description)
                 .Bind(v.video_room_id)
                 .Bind(v.created_at)
                 .Bind(v.last_modified_at)
                 .Bind(Encode(v))
                 .Run();
  if (!s.ok()) return s;
  v.id = c_.LastInsertId();
  return v;
}

Status SqliteTx::UpdateVideoPost(const VideoPost& v) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(c_.Prepare("UPDATE video_posts SET state = ?, video_post_state = ?, access_level = ?, "
                                    "title = ?, description = ?, video_room_id = ?, last_modified_at = ?, doc = ? "
                                    "WHERE id = ? AND app_id = ?")
                             .Bind(ToString(v.state))
                             .Bind(ToString(v.video_post_state))
                             .Bind(ToString(v.access_level))
                             .Bind(v.title)
                             .Bind(v.description)
                             .Bind(v.video_room_id)
                             .Bind(v.last_modified_at)
                             .Bind(Encode(v))
                             .Bind(v.id)
                             .Bind(v.app_id)
                             .Run(),
                         "update video post");
}

// ---- transcoding profiles

Result<TranscodingProfile> SqliteTx::GetProfile(Id app_id, Id id) {
  return Required(QueryOne<TranscodingProfile>(
                      c_.Prepare("SELECT id, doc FROM transcoding_profiles WHERE id = ? AND state = 'ACTIVE' "
                                 "AND (app_id IS NULL OR app_id = ?)")
                          .Bind(id)
                          .Bind(app_id)),
                  ErrorCode::TRANSCODING_PROFILE_NOT_FOUND, "transcoding profile " + std::to_string(id));
}

Result<Page<TranscodingProfile>> SqliteTx::ListProfiles(const ProfileFilter& f, const PageRequest& p) {
  ListQuery q{"FROM transcoding_profiles t WHERE t.state = 'ACTIVE'", {}};
  q.And("(t.app_id IS NULL OR t.app_id = ?)", f.app_id);
  if (f.type) q.And("t.type = ?", std::string(ToString(*f.type)));
  if (f.creator_type) q.And("t.creator_type = ?", std::string(ToString(*f.creator_type)));
  if (f.representative_type) q.And("t.representative_type = ?", std::string(ToString(*f.representative_type)));
  if (f.name) q.And("t.name = ?", *f.name);
  return RunList<TranscodingProfile>(q, p, "");
}

Result<TranscodingProfile> SqliteTx::InsertProfile(TranscodingProfile t) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO transcoding_profiles(app_id, state, type, creator_type, representative_type, name, "
                   "created_at, last_modified_at, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                 .Bind(t.app_id)
                 .Bind(ToString(t.state))
                 .Bind(ToString(t.type))
                 .Bind(ToString(t.creator_type))
                 .Bind(ToString(t.representative_type))
                 .Bind(t.name)
                 .Bind(t.created_at)
                 .Bind(t.last_modified_at)
                 .Bind(Encode(t))
                 .Run();
  if (!s.ok()) return s;
  t.id = c_.LastInsertId();
  return t;
}

}  // namespace ffsb::store::sqlite
