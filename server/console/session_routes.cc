// /console/api/session: sign in (POST), who am I (GET), sign out (DELETE).
#include <string>

#include "server/base/log.h"
#include "server/console/console_context.h"
#include "server/console/operator_account.h"

namespace ffsb::console {
namespace {

const Logger& Log() {
  static const Logger kLog("console");
  return kLog;
}

std::string SessionCookie(const std::string& token, int max_age_s) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/console; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age_s);
}

http::Response SignIn(ConsoleContext& ctx, http::Request& req) {
  std::string client = ClientAddress(req.remote_addr);
  if (int wait = ctx.limiter.RetryAfterSeconds(client); wait > 0) {
    Log().Warn("sign-in refused: too many failures from " + client);
    http::Response r = ConsoleError(429, "TOO_MANY_SIGN_IN_ATTEMPTS", "Too many failed sign-ins; try again later");
    r.Header("Retry-After", std::to_string(wait));
    return r;
  }
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (!body.is_object() || !body.contains("password") || !body["password"].is_string())
    return ConsoleError(400, "INVALID_HTTP_MESSAGE_BODY", "Expected {\"username\": ..., \"password\": ...}");
  std::string username = body.value("username", std::string(kOperatorUsername));
  if (username.empty()) username = kOperatorUsername;
  Result<OperatorAccount> account = LoadOperator(ctx.config.data_dir);
  if (!account.ok()) {
    Log().Error("sign-in impossible: " + account.status().message());
    return ConsoleError(503, "CONSOLE_NOT_SET_UP", "The operator account does not exist yet");
  }
  if (!VerifyOperator(*account, username, body["password"].get<std::string>())) {
    ctx.limiter.RecordFailure(client);
    Log().Info("sign-in failed from " + client);
    return ConsoleError(401, "INVALID_CONSOLE_CREDENTIALS", "Wrong username or password");
  }
  ctx.limiter.RecordSuccess(client);
  std::string token = ctx.sessions.Create(username);
  Log().Info("sign-in ok from " + client);
  http::Response r = ConsoleJson(200, {{"username", username}});
  r.Header("Set-Cookie", SessionCookie(token, static_cast<int>(ctx.config.sessions.absolute_ttl / 1'000'000)));
  return r;
}

}  // namespace

void AddSessionRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx) {
  router.Add("POST", "/console/api/session", [ctx](http::Request& req) { return SignIn(*ctx, req); });
  router.Add("GET", "/console/api/session", [ctx](http::Request& req) {
    const std::string* cookie = req.Header("Cookie");
    auto token = cookie ? CookieValue(*cookie, kSessionCookie) : std::nullopt;
    std::optional<Session> s = token ? ctx->sessions.Touch(*token) : std::nullopt;
    if (!s) return ConsoleError(401, "CONSOLE_SIGN_IN_REQUIRED", "Sign in to the console first");
    return ConsoleJson(200, {{"username", s->username}});
  });
  router.Add("DELETE", "/console/api/session", [ctx](http::Request& req) {
    const std::string* cookie = req.Header("Cookie");
    if (auto token = cookie ? CookieValue(*cookie, kSessionCookie) : std::nullopt) ctx->sessions.Revoke(*token);
    http::Response r = http::NoContent();
    r.Header("Set-Cookie", SessionCookie("", 0));
    return r;
  });
}

}  // namespace ffsb::console
