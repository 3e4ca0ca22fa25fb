// The archiving and upload use cases (control/archiving.cc,
// control/video_post_uploads.cc) over a real SQLite store.
#include "tests/unit/control/fixture.h"

namespace ffsb::control::testing {
namespace {

using namespace ffsb::domain;

// Alice broadcasts and ends: the room is ENDED/ARCHIVING with a QUEUED post.
VideoRoomView EndedBroadcast(Fixture& f) {
  f.Member("alice");
  auto room = f.Room("alice");
  auto grant = f.Publish("alice");
  REQUIRE(f.control->GoLive(f.app.id, f.AppCaller(), room.room.id).ok());
  REQUIRE(f.control->IngestStopped(grant.stream_key_id).ok());
  auto ended = f.control->EndBroadcast(f.app.id, f.AppCaller(), room.room.id);
  REQUIRE(ended.ok());
  REQUIRE(ended->post);
  return *ended;
}

std::vector<MediaFile> Outputs(Id post) {
  std::string base = "/vod/" + std::to_string(post) + "/";
  auto file = [&](std::string type, std::string rel, std::string ct, int64_t size) {
    MediaFile m;
    m.type = std::move(type);
    m.url = base + rel;
    m.path = "vod/" + std::to_string(post) + "/" + rel;
    m.content_type = std::move(ct);
    m.size = size;
    m.original_file_name = rel;
    return m;
  };
  return {file("MP4", "video.mp4", "video/mp4", 1000), file("CMAF_HLS", "hls/master.m3u8", "application/x-mpegURL", 900),
          file("CMAF_MPEG_DASH", "dash/manifest.mpd", "application/dash+xml", 950),
          file("THUMBNAIL", "thumbnail.jpg", "image/jpeg", 50)};
}

TEST_CASE("archive: started, succeeded -> post PROCESSED, room ARCHIVED with vodUrl") {
  Fixture f;
  auto ended = EndedBroadcast(f);
  Id post = ended.post->id;
  auto pending = f.control->PendingArchives();
  REQUIRE(pending.ok());
  REQUIRE(pending->size() == 1);
  CHECK(pending->front().id == post);

  REQUIRE(f.control->ArchiveStarted(post).ok());
  REQUIRE(f.control->ArchiveStarted(post).ok());  // resumed after a restart: idempotent
  CHECK(f.control->GetVideoPost(f.app.id, post)->post.video_post_state == VideoPostState::PROCESSING);
  CHECK(f.control->PendingArchives()->size() == 1);
  f.clock.Advance(5'000'000);
  REQUIRE(f.control->ArchiveSucceeded(post, Outputs(post)).ok());

  auto p = f.control->GetVideoPost(f.app.id, post);
  REQUIRE(p.ok());
  CHECK(p->post.video_post_state == VideoPostState::PROCESSED);
  REQUIRE(p->post.processed.size() == 3);
  REQUIRE(p->post.thumbnail);
  CHECK(p->post.thumbnail->url == "/vod/" + std::to_string(post) + "/thumbnail.jpg");
  REQUIRE(p->post.src);
  CHECK(p->post.src->type == "SRC");
  auto room = f.GetRoom(ended.room.id);
  CHECK(room.video_room_state == VideoRoomState::ARCHIVED);
  CHECK(room.vod_state == VodState::ARCHIVED);
  CHECK(room.vod_url == "/vod/" + std::to_string(post) + "/hls/master.m3u8");
  CHECK(room.vod_archived_at == f.clock.Now());
  CHECK(f.control->PendingArchives()->empty());
  CHECK(f.rec.States(EventKind::VIDEO_POST) == std::vector<std::string>{"QUEUED", "PROCESSING", "PROCESSED"});
  CHECK(f.rec.States(EventKind::VIDEO_ROOM).back() == "ARCHIVED");
  // A late duplicate report is refused and changes nothing.
  CHECK(f.control->ArchiveSucceeded(post, Outputs(post)).code() == ErrorCode::VIDEO_POST_STATE_INVALID);
  CHECK(f.control->ArchiveFailed(post, "late").code() == ErrorCode::VIDEO_POST_STATE_INVALID);
  CHECK(f.GetRoom(ended.room.id).vod_state == VodState::ARCHIVED);
}

TEST_CASE("archive: failure -> FAILED_PROCESSING with reason, room ENDED / FAILED_ARCHIVING") {
  Fixture f;
  auto ended = EndedBroadcast(f);
  Id post = ended.post->id;
  REQUIRE(f.control->ArchiveFailed(post, "no playable media: torn").ok());  // straight from QUEUED
  auto p = f.control->GetVideoPost(f.app.id, post);
  CHECK(p->post.video_post_state == VideoPostState::FAILED_PROCESSING);
  CHECK(p->post.failure_reason == "no playable media: torn");
  auto room = f.GetRoom(ended.room.id);
  CHECK(room.video_room_state == VideoRoomState::ENDED);
  CHECK(room.vod_state == VodState::FAILED_ARCHIVING);
  CHECK(!room.vod_url);
  CHECK(f.control->PendingArchives()->empty());
  CHECK(f.control->ArchiveStarted(9999).code() == ErrorCode::VIDEO_POST_NOT_FOUND);
}

TEST_CASE("uploads: create, upload completed -> UPLOADED then QUEUED; failures; delete") {
  Fixture f;
  f.Member("bob");
  PostFields fields;
  fields.title = std::optional<std::string>("clip");
  auto created = f.control->CreateVideoPost(f.app.id, f.AppCaller(), "bob", fields);
  REQUIRE(created.ok());
  Id id = created->post.id;
  CHECK(created->post.type == VideoPostType::PRE_RECORDED);
  CHECK(created->post.video_post_state == VideoPostState::CREATED);
  CHECK(f.control->CreateVideoPost(f.app.id, f.AppCaller(), "nobody", fields).status().code() ==
        ErrorCode::MEMBER_NOT_FOUND);
  REQUIRE(f.control->CheckUploadable(f.app.id, id).ok());

  PostFields patch;
  patch.description = std::optional<std::string>("desc");
  auto updated = f.control->UpdateVideoPost(f.app.id, id, patch);
  REQUIRE(updated.ok());
  CHECK(updated->post.title == "clip");
  CHECK(updated->post.description == "desc");

  MediaFile src;
  src.path = "uploads/post-1/source";
  src.size = 123;
  src.original_file_name = "clip.mp4";
  auto done = f.control->UploadCompleted(f.app.id, id, src);
  REQUIRE(done.ok());
  CHECK(done->post.video_post_state == VideoPostState::QUEUED);
  CHECK(done->post.src->size == 123);
  CHECK(done->post.uploaded_at);
  CHECK(f.rec.States(EventKind::VIDEO_POST) == std::vector<std::string>{"CREATED", "UPLOADED", "QUEUED"});
  CHECK(f.control->CheckUploadable(f.app.id, id).status().code() == ErrorCode::VIDEO_POST_STATE_INVALID);
  CHECK(f.control->PendingArchives()->size() == 1);
  CHECK(f.control->DeleteVideoPost(f.app.id, id).code() == ErrorCode::VIDEO_POST_STATE_INVALID);
  REQUIRE(f.control->ArchiveSucceeded(id, Outputs(id)).ok());
  CHECK(f.control->GetVideoPost(f.app.id, id)->post.src->size == 123);  // the upload stays the source
  REQUIRE(f.control->DeleteVideoPost(f.app.id, id).ok());
  CHECK(f.control->GetVideoPost(f.app.id, id).status().code() == ErrorCode::VIDEO_POST_NOT_FOUND);

  auto other = f.control->CreateVideoPost(f.app.id, f.AppCaller(), "bob", fields);
  REQUIRE(other.ok());
  REQUIRE(f.control->UploadFailed(f.app.id, other->post.id, "size mismatch").ok());
  auto failed = f.control->GetVideoPost(f.app.id, other->post.id);
  CHECK(failed->post.video_post_state == VideoPostState::FAILED_UPLOAD);
  CHECK(failed->post.failure_reason == "size mismatch");
}

}  // namespace
}  // namespace ffsb::control::testing
