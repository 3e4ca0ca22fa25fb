// Cross-origin rules for browser players (hls.js, dash.js, mpegts.js) and the
// console. The rule (docs/http.md):
//  - every response to a request whose path starts with one of `prefixes`
//    (media: /live/, /cmaf/, /vod/; the member API /v2/members/, which browser
//    apps call with Bearer tokens) carries Access-Control-Allow-Origin: * and
//    exposes the headers players read (Content-Range, ETag, ...);
//  - an OPTIONS preflight (OPTIONS + Access-Control-Request-Method) on any
//    path, unless a route registers OPTIONS itself, answers 204 with the
//    allow headers. Credentials (cookies) are never allowed.
//
// Thread-safety: a CorsPolicy is configuration, read-only once the server runs.
#pragma once

#include <string>
#include <vector>

#include "server/http/router.h"

namespace ffsb::http {

struct CorsPolicy {
  bool enabled = true;
  std::vector<std::string> prefixes = {"/live/", "/cmaf/", "/vod/", "/v2/members/"};
  int preflight_max_age_s = 86400;
};

bool IsCorsPreflight(const Request& req);
// 204 with Access-Control-Allow-{Origin,Methods,Headers} and Max-Age.
Response CorsPreflightResponse(const CorsPolicy& policy, const Request& req);
// Adds the allow/expose headers when req.path falls under a CORS prefix.
void ApplyCors(const CorsPolicy& policy, const Request& req, Response* resp);
bool PathHasCors(const CorsPolicy& policy, const std::string& path);

}  // namespace ffsb::http
