// Shared pieces of the renderers: times, refs, members, tokens, app
// settings, profiles and play URLs.
#include "server/http/api/render.h"

namespace ffsb::http::api {

using namespace ffsb::domain;

json Time(Micros t) { return FormatIso8601(t); }
json Time(const std::optional<Micros>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

json CustomDataJson(const std::optional<CustomData>& d) {
  if (!d) return nullptr;
  json j = json::object();
  for (auto& [k, v] : *d) j[k] = v;
  return j;
}

json AppRef(const App& a) {
  return {{"id", a.id}, {"state", ToString(a.state)}, {"name", a.name}};
}

json MemberJson(const control::MemberView& v) {
  const Member& m = v.member;
  json j;
  j["id"] = m.id;
  j["state"] = ToString(m.state);
  j["app"] = AppRef(v.app);
  j["appUserId"] = m.app_user_id;
  j["appUserName"] = OrNull(m.app_user_name);
  j["appUserProfileImgUrl"] = OrNull(m.app_user_profile_img_url);
  j["email"] = OrNull(m.email);
  j["customType"] = OrNull(m.custom_type);
  j["customData"] = CustomDataJson(m.custom_data);
  j["createdAt"] = Time(m.created_at);
  j["lastModifiedAt"] = Time(m.last_modified_at);
  return j;
}

json TokensJson(const control::MemberTokens& t) {
  return {{"accessToken", t.access_token}, {"refreshToken", t.refresh_token}, {"streamingToken", t.streaming_token}};
}

json AppSettingsJson(const App& a) {
  auto or_null = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  json j;
  j["id"] = a.id;
  j["state"] = ToString(a.state);
  j["name"] = a.name;
  j["apiKey"] = a.api_key;
  j["defaultRtmpOutputMode"] = ToString(a.default_output_mode);
  // accessPassword is write-only.
  j["callback"] = {{"url", or_null(a.callback.url)}, {"accessId", or_null(a.callback.access_id)}};
  j["autoEndAfterInactiveSeconds"] = a.auto_end_after_inactive_seconds;
  j["createdAt"] = Time(a.created_at);
  j["lastModifiedAt"] = Time(a.last_modified_at);
  return j;
}

json ProfileJson(const TranscodingProfile& p, const std::optional<App>& app) {
  json j;
  j["id"] = p.id;
  j["state"] = ToString(p.state);
  j["type"] = ToString(p.type);
  j["creatorType"] = ToString(p.creator_type);
  j["representativeType"] = ToString(p.representative_type);
  j["app"] = (p.app_id && app) ? AppRef(*app) : json(nullptr);
  j["name"] = p.name;
  j["description"] = p.description;
  json recipe = json::parse(p.profile_json, nullptr, false);
  j["profile"] = recipe.is_discarded() ? json(p.profile_json) : recipe;
  j["revision"] = p.revision;
  j["createdAt"] = Time(p.created_at);
  j["lastModifiedAt"] = Time(p.last_modified_at);
  return j;
}

PlayUrls MakePlayUrls(const ApiConfig& c, const std::string& play_id, std::optional<OutputMode> mode,
                      const std::string& suffix) {
  PlayUrls u{nullptr, nullptr, nullptr, nullptr, nullptr};
  if (!mode) return u;
  if (HasCmafOutput(*mode)) {
    u.cmaf_hls = c.http_base + "/cmaf/" + play_id + "/master.m3u8" + suffix;
    u.cmaf_dash = c.http_base + "/cmaf/" + play_id + "/manifest.mpd" + suffix;
  }
  if (HasRtmpOutput(*mode)) {
    u.rtmp = c.rtmp_base + "/" + play_id + suffix;
    u.http_flv = c.http_base + "/live/" + play_id + ".flv" + suffix;
  }
  u.play = HasCmafOutput(*mode) ? u.cmaf_hls : u.http_flv;
  return u;
}

std::string AbsoluteUrl(const ApiConfig& c, const std::string& url) {
  if (url.empty() || url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) return url;
  return c.http_base + (url.front() == '/' ? "" : "/") + url;
}

}  // namespace ffsb::http::api
