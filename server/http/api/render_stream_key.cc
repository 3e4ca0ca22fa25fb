// StreamKey JSON (contract §4).
#include "server/domain/stream_key_machine.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

using namespace ffsb::domain;

namespace {
json StatsJson(const std::optional<IngestStats>& s) {
  if (!s) return nullptr;
  return {{"videoCodec", s->video_codec}, {"audioCodec", s->audio_codec},
          {"width", s->width},            {"height", s->height},
          {"fps", s->fps},                {"bitrate", s->bitrate_bps},
          {"keyframeInterval", s->keyframe_interval_s}, {"bytesIn", s->bytes_in}};
}
}  // namespace

json StreamKeyJson(const control::StreamKeyView& v, const ApiConfig& c) {
  const StreamKey& k = v.key;
  json j;
  j["id"] = k.id;
  j["state"] = ToString(k.state);
  j["streamKeyState"] = ToString(k.stream_key_state);
  j["forciblyTerminated"] = k.forcibly_terminated;
  j["app"] = {{"id", v.app.id},
              {"state", ToString(v.app.state)},
              {"name", v.app.name},
              {"defaultRtmpOutputMode", ToString(v.app.default_output_mode)}};
  j["member"] = {{"id", v.member.id},
                 {"state", ToString(v.member.state)},
                 {"appUserId", v.member.app_user_id},
                 {"appUserName", OrNull(v.member.app_user_name)},
                 {"appUserProfileImgUrl", OrNull(v.member.app_user_profile_img_url)}};
  if (v.room)
    j["videoRoom"] = {{"id", v.room->id},
                      {"state", ToString(v.room->state)},
                      {"videoRoomState", ToString(v.room->video_room_state)},
                      {"type", ToString(v.room->type)},
                      {"title", v.room->title}};
  else
    j["videoRoom"] = nullptr;
  j["ingestUrl"] = c.ingest_url;
  j["streamKey"] = k.stream_key;
  j["mode"] = k.mode ? json(ToString(*k.mode)) : json(nullptr);
  // Play URLs only while the converted output is viewable (ACTIVE, ACTIVE_LIVE).
  PlayUrls u = MakePlayUrls(c, k.play_id, IsViewable(k.stream_key_state) ? k.mode : std::nullopt, "");
  j["playUrl"] = u.play;
  j["cmafHlsPlayUrl"] = u.cmaf_hls;
  j["cmafDashPlayUrl"] = u.cmaf_dash;
  j["rtmpPlayUrl"] = u.rtmp;
  j["httpFlvPlayUrl"] = u.http_flv;
  j["liveUrl"] = u.play;
  if (v.profile) {
    json recipe = json::parse(v.profile->profile_json, nullptr, false);
    j["profile"] = {{"id", v.profile->id},
                    {"state", ToString(v.profile->state)},
                    {"type", ToString(v.profile->type)},
                    {"name", v.profile->name},
                    {"profile", recipe.is_discarded() ? json(v.profile->profile_json) : recipe},
                    {"revision", v.profile->revision}};
  } else {
    j["profile"] = nullptr;
  }
  if (k.error)
    j["error"] = {{"code", k.error->code}, {"message", k.error->message}, {"occurredAt", Time(k.error->occurred_at)}};
  else
    j["error"] = nullptr;
  j["stats"] = StatsJson(k.stats);  // beyond the contract: the current ingest's statistics
  j["createdAt"] = Time(k.created_at);
  j["lastModifiedAt"] = Time(k.last_modified_at);
  return j;
}

}  // namespace ffsb::http::api
