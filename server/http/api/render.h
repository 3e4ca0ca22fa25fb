// The JSON shapes of contract §3–§7, field by field. Optional fields are
// always present, as JSON null when unset; times are ISO-8601 UTC with a Z
// and microseconds. Secrets (app secret hash, callback password) are never
// rendered; a stream key's string is (it is the point of GET stream-key).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/control/views.h"
#include "server/http/api/api.h"

namespace ffsb::http::api {

using nlohmann::json;

json Time(Micros t);
json Time(const std::optional<Micros>& t);
template <typename T>
json OrNull(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}
json CustomDataJson(const std::optional<domain::CustomData>& d);

// A stored path ("/vod/7/video.mp4") against the API's http_base; absolute
// URLs and "" unchanged.
std::string AbsoluteUrl(const ApiConfig& c, const std::string& url);

json AppRef(const domain::App& a);  // {id,state,name}
json MemberJson(const control::MemberView& v);
json TokensJson(const control::MemberTokens& t);
json AppSettingsJson(const domain::App& a);
json ProfileJson(const domain::TranscodingProfile& p, const std::optional<domain::App>& app);
json StreamKeyJson(const control::StreamKeyView& v, const ApiConfig& c);
json VideoRoomJson(const control::VideoRoomView& v, const ApiConfig& c);
json VideoPostJson(const control::VideoPostView& v, const ApiConfig& c);

// Play URLs of a play id for an output mode (contract §4); `suffix` is
// appended to each (the room's "?session=N").
struct PlayUrls {
  json play, cmaf_hls, cmaf_dash, rtmp, http_flv;
};
PlayUrls MakePlayUrls(const ApiConfig& c, const std::string& play_id, std::optional<domain::OutputMode> mode,
                      const std::string& suffix);

}  // namespace ffsb::http::api
