// /console/api/apps/{appId}/v2/apps/me[/...]: everything inside an app goes
// to the SAME server-API handlers (no duplicated logic): the request is
// rewritten to /v2/apps/me/... and dispatched again through the router with
// the app already authenticated (Request::trusted_app_id, which the HTTP
// server never fills from the wire and the API's auth honours). Credentials
// the browser sent (Cookie, Authorization) are not passed on.
#include <string>
#include <string_view>
#include <vector>

#include "server/console/console_context.h"
#include "server/console/console_files.h"
#include "server/http/url.h"

namespace ffsb::console {
namespace {

// Sets req.trusted_app_id when the Request has that field (router.h, owned by
// the http layer); answers false while it does not exist yet.
template <typename R>
bool SetTrustedAppId(R& req, domain::Id app_id) {
  if constexpr (requires(R& r) { r.trusted_app_id = std::optional<int64_t>(int64_t{1}); }) {
    req.trusted_app_id = app_id;
    return true;
  } else {
    return false;
  }
}

// The raw (still percent-encoded) segments of a target's path.
std::vector<std::string_view> RawSegments(std::string_view raw_path) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < raw_path.size()) {
    size_t end = raw_path.find('/', pos);
    if (end == std::string_view::npos) end = raw_path.size();
    if (end > pos) out.push_back(raw_path.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

// Exposed for tests through the route: "/console/api/apps/7/v2/apps/me/members?page=1"
// -> "/v2/apps/me/members?page=1"; nullopt when the shape is wrong or a
// segment is "." or "..".
std::optional<std::string> RewriteConsoleTarget(std::string_view target) {
  std::string_view raw_path = http::RawPath(target);
  std::string_view query;
  if (size_t q = target.find('?'); q != std::string_view::npos) query = target.substr(q);
  std::vector<std::string_view> segs = RawSegments(raw_path);
  // console / api / apps / {id} / v2 / apps / me / ...
  if (segs.size() < 7 || segs[0] != "console" || segs[1] != "api" || segs[2] != "apps" || segs[4] != "v2" ||
      segs[5] != "apps" || segs[6] != "me")
    return std::nullopt;
  std::string out;
  for (size_t i = 4; i < segs.size(); ++i) {
    std::string decoded = http::PercentDecode(segs[i], false);
    if (decoded == "." || decoded == "..") return std::nullopt;
    out += '/';
    out += segs[i];
  }
  out += query;
  return out;
}

void AddPassthroughRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx) {
  http::Handler pass = [ctx](http::Request& req) -> http::Response {
    if (auto denied = ctx->RequireSession(req)) return *denied;
    http::Response error;
    Result<domain::App> app = ctx->AppFromPath(req, &error);
    if (!app.ok()) return error;
    std::optional<std::string> target = RewriteConsoleTarget(req.target);
    if (!target) return ConsoleError(404, "API_NOT_FOUND", "No API matches " + req.path);

    http::Request inner;
    inner.method = req.method;
    inner.target = *target;
    inner.headers = req.headers;
    inner.headers.erase("Cookie");
    inner.headers.erase("Authorization");
    inner.headers.erase("X-FFSB-Console");
    inner.body = std::move(req.body);
    inner.body_file = req.body_file;
    inner.remote_addr = req.remote_addr;
    if (!SetTrustedAppId(inner, app->id))
      return ConsoleError(501, "CONSOLE_PASSTHROUGH_UNAVAILABLE",
                          "This build's HTTP layer has no Request::trusted_app_id yet; in-app console pages "
                          "cannot reach the server API");
    http::Response resp = ctx->router.Dispatch(inner);
    AddSecurityHeaders(&resp);
    return resp;
  };
  for (const char* method : {"GET", "POST", "PATCH", "PUT", "DELETE"}) {
    router.Add(method, "/console/api/apps/{appId}/v2/apps/me", pass);
    router.Add(method, "/console/api/apps/{appId}/v2/apps/me/*", pass);
  }
}

}  // namespace ffsb::console
