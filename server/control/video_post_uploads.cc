// Uploaded (PRE_RECORDED) video posts, contract §6: create, update, delete,
// and the upload's life: CREATED -> (parts uploaded, complete-upload)
// UPLOADED -> QUEUED for archiving, or FAILED_UPLOAD. The bytes themselves
// are the API layer's (http/api/video_post_uploads.cc); control only sees
// the finished source file.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

namespace {

Status ValidatePostFields(const PostFields& f) {
  if (f.custom_data && *f.custom_data)
    if (Status s = ValidateCustomData(**f.custom_data); !s.ok()) return s;
  return Status::Ok();
}

void ApplyPostFields(const PostFields& f, VideoPost* p) {
  if (f.title) p->title = f.title->value_or("");
  if (f.description) p->description = *f.description;
  if (f.access_level) p->access_level = *f.access_level;
  if (f.custom_data) p->custom_data = *f.custom_data;
}

}  // namespace

Result<VideoPostView> Control::CreateVideoPost(Id app_id, const Caller& caller, const std::string& owner_app_user_id,
                                               const PostFields& fields) {
  if (!caller.only_member)
    if (Status s = ValidateAppUserId(owner_app_user_id); !s.ok()) return s;
  if (Status s = ValidatePostFields(fields); !s.ok()) return s;
  return Change<VideoPostView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoPostView> {
    Id owner = 0;
    if (caller.only_member) {
      owner = *caller.only_member;
    } else {
      auto m = tx.FindMemberByAppUserId(app_id, owner_app_user_id);
      if (!m.ok()) return m.status();
      if (!m->has_value()) return Status(ErrorCode::MEMBER_NOT_FOUND, "member " + owner_app_user_id + " not found");
      owner = (*m)->id;
    }
    VideoPost p;
    p.app_id = app_id;
    p.member_id = owner;
    p.type = VideoPostType::PRE_RECORDED;
    p.video_post_state = InitialVideoPostState(VideoPostType::PRE_RECORDED);
    p.creator_type = caller.type;
    p.creator_id = caller.id;
    ApplyPostFields(fields, &p);
    for (auto [type, name, target] :
         {std::tuple{ProfileType::VIDEO, store::kVodDefaultProfile, &p.video_profile_id},
          std::tuple{ProfileType::PREVIEW, store::kPreviewDefaultProfile, &p.preview_profile_id},
          std::tuple{ProfileType::THUMBNAIL, store::kThumbnailDefaultProfile, &p.thumbnail_profile_id}}) {
      auto profile = DefaultProfile(tx, app_id, type, name);
      if (!profile.ok()) return profile.status();
      *target = profile->id;
    }
    p.created_at = p.last_modified_at = clock_.Now();
    if (Status s = SavePost(tx, ch, nullptr, p); !s.ok()) return s;
    return LoadPostView(tx, p);
  });
}

Result<VideoPostView> Control::UpdateVideoPost(Id app_id, Id post_id, const PostFields& fields) {
  if (Status s = ValidatePostFields(fields); !s.ok()) return s;
  return Change<VideoPostView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoPostView> {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    VideoPost after = *p;
    ApplyPostFields(fields, &after);
    after.last_modified_at = clock_.Now();
    if (Status s = SavePost(tx, ch, &*p, after); !s.ok()) return s;
    return LoadPostView(tx, after);
  });
}

Status Control::DeleteVideoPost(Id app_id, Id post_id) {
  return ChangeStatus([&](store::StoreTx& tx, Changes&) -> Status {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    if (p->video_post_state == VideoPostState::PROCESSING || p->video_post_state == VideoPostState::QUEUED)
      return Status(ErrorCode::VIDEO_POST_STATE_INVALID, "video post is being processed");
    p->state = EntityState::DELETED;
    p->last_modified_at = clock_.Now();
    return tx.UpdateVideoPost(*p);
  });
}

Result<VideoPostView> Control::CheckUploadable(Id app_id, Id post_id) {
  return ReadResult<VideoPostView>(store_, [&](store::StoreTx& tx) -> Result<VideoPostView> {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    if (p->type != VideoPostType::PRE_RECORDED)
      return Status(ErrorCode::VIDEO_POST_TYPE_NOT_PRE_RECORDED, "only PRE_RECORDED posts take an upload");
    if (p->video_post_state != VideoPostState::CREATED)
      return Status(ErrorCode::VIDEO_POST_STATE_INVALID,
                    "video post is " + std::string(ToString(p->video_post_state)) + ", not CREATED");
    return LoadPostView(tx, *p);
  });
}

Result<VideoPostView> Control::UploadCompleted(Id app_id, Id post_id, const MediaFile& src) {
  return Change<VideoPostView>([&](store::StoreTx& tx, Changes& ch) -> Result<VideoPostView> {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    // Two saves, so listeners see UPLOADED and then QUEUED.
    VideoPost before = *p;
    for (VideoPostEvent ev : {VideoPostEvent::UPLOAD_COMPLETED, VideoPostEvent::QUEUED}) {
      VideoPost after = before;
      auto next = NextVideoPostState(after.video_post_state, ev);
      if (!next.ok()) return next.status();
      after.video_post_state = *next;
      after.src = src;
      after.src->id = post_id * 100;
      after.src->type = "SRC";
      after.uploaded_at = after.last_modified_at = clock_.Now();
      if (Status s = SavePost(tx, ch, &before, after); !s.ok()) return s;
      before = after;
    }
    return LoadPostView(tx, before);
  });
}

Status Control::UploadFailed(Id app_id, Id post_id, const std::string& reason) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    auto p = tx.GetVideoPost(app_id, post_id);
    if (!p.ok()) return p.status();
    VideoPost after = *p;
    auto next = NextVideoPostState(after.video_post_state, VideoPostEvent::UPLOAD_FAILED);
    if (!next.ok()) return next.status();
    after.video_post_state = *next;
    after.failure_reason = reason;
    after.last_modified_at = clock_.Now();
    return SavePost(tx, ch, &*p, after);
  });
}

}  // namespace ffsb::control
