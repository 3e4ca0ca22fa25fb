// /console/api/apps: my apps (list, create with the secret shown once), one
// app's settings (get, patch), its webhook deliveries and its live events.
#include <string>

#include "server/base/log.h"
#include "server/console/console_context.h"

namespace ffsb::console {
namespace {

http::Response FromStatus(const Status& s) {
  return ConsoleError(ErrorCodeHttpStatus(s.code()), std::string(ErrorCodeName(s.code())), s.message());
}

http::Response ListApps(ConsoleContext& ctx) {
  Result<std::vector<domain::App>> apps = ctx.apps->ListApps();
  if (!apps.ok()) return FromStatus(apps.status());
  nlohmann::json content = nlohmann::json::array();
  for (const domain::App& a : *apps)
    if (a.state == domain::EntityState::ACTIVE) content.push_back(AppJson(a));
  return ConsoleJson(200, {{"content", content}});
}

http::Response CreateApp(ConsoleContext& ctx, const http::Request& req) {
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object() || !body.contains("name") || !body["name"].is_string())
    return ConsoleError(400, "INVALID_HTTP_MESSAGE_BODY", "Expected {\"name\": ...}");
  std::string name = body["name"].get<std::string>();
  if (name.empty() || name.size() > 100)
    return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "The app name must be 1 to 100 characters");
  Result<CreatedApp> created = ctx.apps->CreateApp(name);
  if (!created.ok()) return FromStatus(created.status());
  Logger("console").Info("app created id=" + std::to_string(created->app.id));
  return ConsoleJson(201, {{"app", AppJson(created->app)},
                           {"apiKey", created->app.api_key},
                           {"apiSecret", created->api_secret}});
}

http::Response PatchApp(ConsoleContext& ctx, const domain::App& app, const http::Request& req) {
  nlohmann::json body = nlohmann::json::parse(req.body, nullptr, false);
  if (!body.is_object()) return ConsoleError(400, "INVALID_HTTP_MESSAGE_BODY", "Expected a JSON object");
  AppSettingsPatch patch;
  auto str = [&](const nlohmann::json& j, const char* key, std::optional<std::string>* out) {
    if (!j.contains(key) || j[key].is_null()) return true;
    if (!j[key].is_string()) return false;
    *out = j[key].get<std::string>();
    return true;
  };
  if (!str(body, "name", &patch.name)) return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "name");
  std::optional<std::string> mode;
  if (!str(body, "defaultRtmpOutputMode", &mode))
    return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "defaultRtmpOutputMode");
  if (mode) {
    patch.default_output_mode = domain::ParseOutputMode(*mode);
    if (!patch.default_output_mode)
      return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "defaultRtmpOutputMode must be RTMP, CMAF or RTMP_CMAF");
  }
  if (body.contains("callback") && body["callback"].is_object()) {
    const nlohmann::json& cb = body["callback"];
    if (!str(cb, "url", &patch.callback_url) || !str(cb, "accessId", &patch.callback_access_id) ||
        !str(cb, "accessPassword", &patch.callback_access_password))
      return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "callback");
    if (patch.callback_url && !patch.callback_url->empty() && patch.callback_url->rfind("http://", 0) != 0 &&
        patch.callback_url->rfind("https://", 0) != 0)
      return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "The callback URL must start with http:// or https://");
  }
  if (patch.name && (patch.name->empty() || patch.name->size() > 100))
    return ConsoleError(400, "INVALID_REQUEST_PARAMETER", "The app name must be 1 to 100 characters");
  Result<domain::App> updated = ctx.apps->UpdateApp(app.id, patch);
  if (!updated.ok()) return FromStatus(updated.status());
  return ConsoleJson(200, AppJson(*updated));
}

http::Response Deliveries(ConsoleContext& ctx, const domain::App& app) {
  Result<std::vector<DeliveryView>> list = ctx.apps->RecentDeliveries(app.id, 50);
  if (!list.ok()) return FromStatus(list.status());
  nlohmann::json content = nlohmann::json::array();
  for (const DeliveryView& d : *list)
    content.push_back({{"id", d.id},
                       {"type", d.type},
                       {"url", d.url},
                       {"state", d.state},
                       {"attempts", d.attempts},
                       {"lastHttpStatus", d.last_http_status},
                       {"lastError", d.last_error},
                       {"createdAt", FormatIso8601(d.created_at)},
                       {"lastModifiedAt", FormatIso8601(d.last_modified_at)}});
  return ConsoleJson(200, {{"content", content}});
}

// Wraps a handler of one app: session check, then the app from the path.
template <typename F>
http::Handler InApp(std::shared_ptr<ConsoleContext> ctx, F f) {
  return [ctx, f](http::Request& req) -> http::Response {
    if (auto denied = ctx->RequireSession(req)) return *denied;
    http::Response error;
    Result<domain::App> app = ctx->AppFromPath(req, &error);
    if (!app.ok()) return error;
    return f(*ctx, *app, req);
  };
}

}  // namespace

void AddAppRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx) {
  router.Add("GET", "/console/api/apps", [ctx](http::Request& req) {
    if (auto denied = ctx->RequireSession(req)) return *denied;
    return ListApps(*ctx);
  });
  router.Add("POST", "/console/api/apps", [ctx](http::Request& req) {
    if (auto denied = ctx->RequireSession(req)) return *denied;
    return CreateApp(*ctx, req);
  });
  router.Add("GET", "/console/api/apps/{appId}",
             InApp(ctx, [](ConsoleContext&, const domain::App& app, http::Request&) {
               return ConsoleJson(200, AppJson(app));
             }));
  router.Add("PATCH", "/console/api/apps/{appId}", InApp(ctx, [](ConsoleContext& c, const domain::App& app,
                                                                  http::Request& req) { return PatchApp(c, app, req); }));
  router.Add("GET", "/console/api/apps/{appId}/webhook-deliveries",
             InApp(ctx, [](ConsoleContext& c, const domain::App& app, http::Request&) { return Deliveries(c, app); }));
  router.Add("GET", "/console/api/apps/{appId}/events/recent",
             InApp(ctx, [](ConsoleContext& c, const domain::App& app, http::Request&) {
               nlohmann::json content = nlohmann::json::array();
               if (c.config.events)
                 for (auto& e : c.config.events->Recent(app.id, ConsoleEvents::kHistoryPerApp)) content.push_back(e);
               return ConsoleJson(200, {{"content", content}, {"live", c.config.events != nullptr}});
             }));
  router.Add("GET", "/console/api/apps/{appId}/events",
             InApp(ctx, [](ConsoleContext& c, const domain::App& app, http::Request& req) {
               if (!c.config.events)
                 return ConsoleError(503, "CONSOLE_EVENTS_UNAVAILABLE", "Live updates are not wired in this server");
               return c.config.events->Subscribe(app.id, req);
             }));
}

}  // namespace ffsb::console
