#include "server/console/console_context.h"

#include <charconv>

#include "server/console/console_files.h"

namespace ffsb::console {
namespace {

const Clock& PickClock(const ConsoleConfig& c, std::unique_ptr<Clock>* own) {
  if (c.clock) return *c.clock;
  *own = std::make_unique<SystemClock>();
  return **own;
}

Random& PickRandom(const ConsoleConfig& c, std::unique_ptr<Random>* own) {
  if (c.random) return *c.random;
  *own = std::make_unique<SecureRandom>();
  return **own;
}

}  // namespace

ConsoleContext::ConsoleContext(const ConsoleConfig& cfg, std::shared_ptr<AppDirectory> a, const http::Router& r)
    : config(cfg),
      apps(std::move(a)),
      router(r),
      clock(PickClock(cfg, &own_clock)),
      random(PickRandom(cfg, &own_random)),
      sessions(clock, random, cfg.sessions),
      limiter(clock, cfg.sign_in) {}

std::optional<http::Response> ConsoleContext::RequireSession(const http::Request& req) {
  const std::string* cookie = req.Header("Cookie");
  std::optional<std::string> token = cookie ? CookieValue(*cookie, kSessionCookie) : std::nullopt;
  if (!token || !sessions.Touch(*token))
    return ConsoleError(401, "CONSOLE_SIGN_IN_REQUIRED", "Sign in to the console first");
  if (req.method != "GET" && req.method != "HEAD") {
    const std::string* marker = req.Header("X-FFSB-Console");
    if (!marker || *marker != "1")
      return ConsoleError(403, "CONSOLE_CSRF_HEADER_MISSING", "State-changing console calls need X-FFSB-Console: 1");
  }
  return std::nullopt;
}

Result<domain::App> ConsoleContext::AppFromPath(const http::Request& req, http::Response* error) {
  auto it = req.params.find("appId");
  domain::Id id = 0;
  if (it != req.params.end()) {
    const std::string& s = it->second;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
    if (ec != std::errc() || end != s.data() + s.size() || id <= 0) id = 0;
  }
  if (id == 0) {
    *error = ConsoleError(404, "APP_NOT_FOUND", "No such app");
    return Status(ErrorCode::API_NOT_FOUND, "bad app id");
  }
  Result<domain::App> app = apps->GetApp(id);
  if (!app.ok() || app->state != domain::EntityState::ACTIVE) {
    *error = ConsoleError(404, "APP_NOT_FOUND", "No such app");
    return Status(ErrorCode::API_NOT_FOUND, "no such app");
  }
  return app;
}

http::Response ConsoleJson(int status, const nlohmann::json& body) {
  http::Response r = http::Json(status, body);
  r.Header("Cache-Control", "no-store");
  AddSecurityHeaders(&r);
  return r;
}

http::Response ConsoleError(int status, const std::string& code, const std::string& message) {
  return ConsoleJson(status, {{"errorCode", code}, {"errorMessage", message}});
}

nlohmann::json AppJson(const domain::App& app) {
  return {
      {"id", app.id},
      {"state", domain::ToString(app.state)},
      {"name", app.name},
      {"apiKey", app.api_key},
      {"defaultRtmpOutputMode", domain::ToString(app.default_output_mode)},
      {"callback",
       {{"url", app.callback.url},
        {"accessId", app.callback.access_id},
        {"accessPasswordSet", !app.callback.access_password.empty()}}},
      {"createdAt", FormatIso8601(app.created_at)},
      {"lastModifiedAt", FormatIso8601(app.last_modified_at)},
  };
}

}  // namespace ffsb::console
