// The VOD archiving use cases (contract §5, §6): the archive pipeline
// (app/archiving) reports a job's start, success or failure; each report is
// one transaction that moves the video post and, for a broadcast's recording,
// its room (vodState, videoRoomState, vodUrl, vodArchivedAt).
//
// Stored file URLs are paths ("/vod/{postId}/video.mp4"): the API renders
// them against its http_base, so a change of host or port never leaves a
// stale URL in the database.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

namespace {

// Moves a post through PROCESSING when it is still QUEUED (a job may report
// success or failure without a start report, e.g. an injected fault).
Status StartIfQueued(VideoPost& p) {
  if (p.video_post_state != VideoPostState::QUEUED) return Status::Ok();
  auto s = NextVideoPostState(p.video_post_state, VideoPostEvent::PROCESSING_STARTED);
  if (!s.ok()) return s.status();
  p.video_post_state = *s;
  return Status::Ok();
}

const MediaFile* FindFile(const std::vector<MediaFile>& files, std::string_view type) {
  for (const auto& f : files)
    if (f.type == type) return &f;
  return nullptr;
}

}  // namespace

Status Control::ArchiveStarted(Id post_id) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto post = tx.GetVideoPostById(post_id);
    if (!post.ok()) return post.status();
    if (post->video_post_state == VideoPostState::PROCESSING) return Status::Ok();  // resumed after a restart
    VideoPost after = *post;
    if (Status s = StartIfQueued(after); !s.ok()) return s;
    if (after.video_post_state != VideoPostState::PROCESSING)
      return Status(ErrorCode::VIDEO_POST_STATE_INVALID,
                    "video post is " + std::string(ToString(post->video_post_state)) + ", not QUEUED");
    after.last_modified_at = clock_.Now();
    return SavePost(tx, ch, &*post, after);
  });
}

Status Control::ArchiveSucceeded(Id post_id, const std::vector<MediaFile>& files) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto post = tx.GetVideoPostById(post_id);
    if (!post.ok()) return post.status();
    VideoPost after = *post;
    if (Status s = StartIfQueued(after); !s.ok()) return s;
    auto done = NextVideoPostState(after.video_post_state, VideoPostEvent::PROCESSING_SUCCEEDED);
    if (!done.ok()) return done.status();
    after.video_post_state = *done;
    Micros now = clock_.Now();
    after.processed.clear();
    after.thumbnail.reset();
    Id file_id = post_id * 100;  // stable, unique per post
    for (MediaFile f : files) {
      f.id = ++file_id;
      if (f.type == "THUMBNAIL")
        after.thumbnail = f;
      else
        after.processed.push_back(f);
    }
    const MediaFile* mp4 = FindFile(after.processed, "MP4");
    if (!after.src && mp4) {  // a recording's source is its joined MP4
      after.src = *mp4;
      after.src->id = post_id * 100;
      after.src->type = "SRC";
    }
    after.failure_reason.reset();
    after.last_modified_at = now;
    if (Status s = SavePost(tx, ch, &*post, after); !s.ok()) return s;

    if (!after.video_room_id) return Status::Ok();
    auto room = tx.GetVideoRoom(after.app_id, *after.video_room_id);
    if (!room.ok()) return room.status();
    VideoRoom r = *room;
    auto vod = NextVodState(r.vod_state, VodEvent::ARCHIVE_SUCCEEDED);
    if (!vod.ok()) return vod.status();
    r.vod_state = *vod;
    if (r.video_room_state == VideoRoomState::ENDED) {
      auto st = NextVideoRoomState(r.video_room_state, VideoRoomEvent::ARCHIVED);
      if (!st.ok()) return st.status();
      r.video_room_state = *st;
    }
    const MediaFile* hls = FindFile(after.processed, "CMAF_HLS");
    const MediaFile* vod_file = hls ? hls : mp4;
    if (vod_file) r.vod_url = vod_file->url;
    r.vod_archived_at = now;
    r.last_modified_at = now;
    return SaveRoom(tx, ch, *room, r);
  });
}

Status Control::ArchiveFailed(Id post_id, const std::string& reason) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto post = tx.GetVideoPostById(post_id);
    if (!post.ok()) return post.status();
    VideoPost after = *post;
    if (Status s = StartIfQueued(after); !s.ok()) return s;
    auto failed = NextVideoPostState(after.video_post_state, VideoPostEvent::PROCESSING_FAILED);
    if (!failed.ok()) return failed.status();
    after.video_post_state = *failed;
    after.failure_reason = reason;
    after.last_modified_at = clock_.Now();
    if (Status s = SavePost(tx, ch, &*post, after); !s.ok()) return s;

    if (!after.video_room_id) return Status::Ok();
    auto room = tx.GetVideoRoom(after.app_id, *after.video_room_id);
    if (!room.ok()) return room.status();
    VideoRoom r = *room;
    auto vod = NextVodState(r.vod_state, VodEvent::ARCHIVE_FAILED);
    if (!vod.ok()) return vod.status();
    r.vod_state = *vod;
    r.last_modified_at = after.last_modified_at;
    return SaveRoom(tx, ch, *room, r);
  });
}

Result<std::vector<VideoPost>> Control::PendingArchives() {
  return ReadResult<std::vector<VideoPost>>(store_, [](store::StoreTx& tx) {
    return tx.ListVideoPostsInStates({VideoPostState::QUEUED, VideoPostState::PROCESSING});
  });
}

}  // namespace ffsb::control
