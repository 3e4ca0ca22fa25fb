// State shared by the console's route handlers, and their common checks.
// Internal to server/console.
//
// Thread-safety: every member is safe from any HTTP worker (SessionStore and
// SignInLimiter lock; AppDirectory implementations must be thread-safe).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/base/clock.h"
#include "server/base/random.h"
#include "server/console/app_directory.h"
#include "server/console/console.h"
#include "server/console/console_events.h"
#include "server/console/session_store.h"
#include "server/console/sign_in_limiter.h"
#include "server/http/router.h"

namespace ffsb::console {

struct ConsoleContext {
  ConsoleContext(const ConsoleConfig& config, std::shared_ptr<AppDirectory> apps, const http::Router& router);

  ConsoleConfig config;
  std::shared_ptr<AppDirectory> apps;
  const http::Router& router;  // for re-dispatching in-app requests
  std::unique_ptr<Clock> own_clock;
  std::unique_ptr<Random> own_random;
  const Clock& clock;
  Random& random;
  SessionStore sessions;
  SignInLimiter limiter;

  // nullopt when the request carries a live session cookie and, for methods
  // other than GET/HEAD, the X-FFSB-Console header (a header a cross-site
  // form cannot send: CSRF defence on top of SameSite=Strict). Otherwise the
  // 401/403 response to answer.
  std::optional<http::Response> RequireSession(const http::Request& req);
  // The app of params["appId"], or the 404 response.
  Result<domain::App> AppFromPath(const http::Request& req, http::Response* error);
};

// {"errorCode": code, "errorMessage": message} with the security headers.
http::Response ConsoleError(int status, const std::string& code, const std::string& message);
http::Response ConsoleJson(int status, const nlohmann::json& body);
// The app as the console shows it: never the secret or its hash; the
// callback password only as "accessPasswordSet".
nlohmann::json AppJson(const domain::App& app);

// "/console/api/apps/7/v2/apps/me/members?page=1" -> "/v2/apps/me/members?page=1";
// nullopt when the target has another shape or a "." / ".." segment.
// (passthrough_routes.cc)
std::optional<std::string> RewriteConsoleTarget(std::string_view target);

// Route groups, one file each.
void AddStaticRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx);
void AddSessionRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx);
void AddAppRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx);
void AddPassthroughRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx);

}  // namespace ffsb::console
