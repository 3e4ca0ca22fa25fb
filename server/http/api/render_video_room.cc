// VideoRoom JSON (contract §5).
#include "server/http/api/render.h"

namespace ffsb::http::api {

using namespace ffsb::domain;

namespace {
std::optional<OutputMode> ModeOf(VideoRoomFormat f) {
  switch (f) {
    case VideoRoomFormat::RTMP: return OutputMode::RTMP;
    case VideoRoomFormat::CMAF: return OutputMode::CMAF;
    case VideoRoomFormat::RTMP_CMAF: return OutputMode::RTMP_CMAF;
    case VideoRoomFormat::UNDEFINED: return std::nullopt;
  }
  return std::nullopt;
}
}  // namespace

json VideoRoomJson(const control::VideoRoomView& v, const ApiConfig& c) {
  const VideoRoom& r = v.room;
  json j;
  j["id"] = r.id;
  j["state"] = ToString(r.state);
  j["uuid"] = r.uuid;
  j["type"] = ToString(r.type);
  j["protocol"] = "RTMP";
  j["videoRoomState"] = ToString(r.video_room_state);
  j["forciblyTerminated"] = r.forcibly_terminated;
  j["vodState"] = ToString(r.vod_state);
  j["vodUrl"] = r.vod_url ? json(AbsoluteUrl(c, *r.vod_url)) : json(nullptr);
  j["format"] = ToString(r.format);
  j["accessLevel"] = ToString(r.access_level);
  j["app"] = AppRef(v.app);
  j["member"] = {{"id", v.member.id},
                 {"state", ToString(v.member.state)},
                 {"appUserId", v.member.app_user_id},
                 {"appUserName", OrNull(v.member.app_user_name)},
                 {"appUserProfileImgUrl", OrNull(v.member.app_user_profile_img_url)},
                 {"customType", OrNull(v.member.custom_type)}};
  j["creatorType"] = ToString(r.creator_type);
  j["creatorId"] = r.creator_id;
  j["title"] = r.title;
  j["description"] = OrNull(r.description);
  j["customType"] = OrNull(r.custom_type);
  j["customData"] = CustomDataJson(r.custom_data);
  j["scheduledAt"] = Time(r.scheduled_at);
  j["cancelledAt"] = Time(r.cancelled_at);
  j["liveStartedAt"] = Time(r.live_started_at);
  j["liveEndedAt"] = Time(r.live_ended_at);
  j["vodArchivedAt"] = Time(r.vod_archived_at);
  if (v.key)
    j["streamKey"] = {{"id", v.key->id},
                      {"state", ToString(v.key->state)},
                      {"streamKeyState", ToString(v.key->stream_key_state)}};
  else
    j["streamKey"] = nullptr;
  // Filled only while LIVE; the session suffix changes on every resume, so a
  // resumed broadcast hands out a new playUrl (contract §5).
  bool live = r.video_room_state == VideoRoomState::LIVE && v.key;
  PlayUrls u = MakePlayUrls(c, live ? v.key->play_id : "", live ? ModeOf(r.format) : std::nullopt,
                            "?session=" + std::to_string(r.live_session));
  j["playUrl"] = u.play;
  j["liveUrl"] = u.play;
  j["cmafHlsPlayUrl"] = u.cmaf_hls;
  j["cmafDashPlayUrl"] = u.cmaf_dash;
  j["rtmpPlayUrl"] = u.rtmp;
  j["httpFlvPlayUrl"] = u.http_flv;
  if (v.post)
    j["videoPost"] = {{"id", v.post->id},
                      {"state", ToString(v.post->state)},
                      {"videoPostState", ToString(v.post->video_post_state)},
                      {"type", ToString(v.post->type)}};
  else
    j["videoPost"] = nullptr;
  j["stats"] = {{"totalMemberWhitelistCount", 0}};
  j["createdAt"] = Time(r.created_at);
  j["lastModifiedAt"] = Time(r.last_modified_at);
  return j;
}

}  // namespace ffsb::http::api
