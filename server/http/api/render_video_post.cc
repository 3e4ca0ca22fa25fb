// VideoPost JSON (contract §6).
#include "server/http/api/render.h"

namespace ffsb::http::api {

using namespace ffsb::domain;

namespace {

json FileJson(const std::optional<MediaFile>& f, const ApiConfig& c) {
  if (!f) return nullptr;
  return {{"id", f->id},
          {"state", ToString(f->state)},
          {"type", f->type},
          {"contentType", f->content_type},
          {"size", f->size},
          {"originalFileName", f->original_file_name},
          {"url", AbsoluteUrl(c, f->url)},
          {"drm", {{"isProtected", false}}}};
}

json ProfileRef(const std::optional<TranscodingProfile>& p) {
  if (!p) return nullptr;
  return {{"id", p->id}, {"state", ToString(p->state)}, {"type", ToString(p->type)}, {"name", p->name}};
}

}  // namespace

json VideoPostJson(const control::VideoPostView& v, const ApiConfig& c) {
  const VideoPost& p = v.post;
  json j;
  j["id"] = p.id;
  j["state"] = ToString(p.state);
  j["videoPostState"] = ToString(p.video_post_state);
  j["type"] = ToString(p.type);
  j["accessLevel"] = ToString(p.access_level);
  j["app"] = AppRef(v.app);
  j["member"] = {{"id", v.member.id},
                 {"state", ToString(v.member.state)},
                 {"appUserId", v.member.app_user_id},
                 {"appUserName", OrNull(v.member.app_user_name)},
                 {"appUserProfileImgUrl", OrNull(v.member.app_user_profile_img_url)}};
  j["creatorType"] = ToString(p.creator_type);
  j["creatorId"] = p.creator_id;
  if (v.room)
    j["videoRoom"] = {{"id", v.room->id},
                      {"state", ToString(v.room->state)},
                      {"type", ToString(v.room->type)},
                      {"title", v.room->title}};
  else
    j["videoRoom"] = nullptr;
  j["title"] = p.title;
  j["description"] = OrNull(p.description);
  j["customData"] = CustomDataJson(p.custom_data);
  j["transcodingProfile"] = {{"video", ProfileRef(v.video_profile)},
                             {"preview", ProfileRef(v.preview_profile)},
                             {"thumbnail", ProfileRef(v.thumbnail_profile)}};
  json processed = json::array(), summaries = json::array();
  for (const MediaFile& f : p.processed) {
    processed.push_back(FileJson(f, c));
    summaries.push_back({{"format", f.type}, {"size", f.size}, {"url", AbsoluteUrl(c, f.url)}});
  }
  j["file"] = {{"src", FileJson(p.src, c)},
               {"processed", processed},
               {"processedSummaries", summaries},
               {"preview", FileJson(p.preview, c)},
               {"thumbnail", FileJson(p.thumbnail, c)}};
  j["failureReason"] = OrNull(p.failure_reason);  // beyond the contract: why a FAILED_* post failed
  j["uploadedAt"] = Time(p.uploaded_at);
  j["createdAt"] = Time(p.created_at);
  j["lastModifiedAt"] = Time(p.last_modified_at);
  return j;
}

}  // namespace ffsb::http::api
