// GET/PATCH /v2/apps/me: the app's settings (contract §1, §4, §8): default
// output mode, callback (url, accessId, write-only accessPassword) and the
// inactivity auto-end.
#include "server/http/api/handlers.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

void RegisterAppSettings(const Ctx& ctx) {
  AddApp(ctx, "GET", "", [ctx](Request&, const domain::App& app) { return Json(200, AppSettingsJson(app)); });

  AddApp(ctx, "PATCH", "", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    control::AppSettingsPatch patch;
    auto mode = ReadEnum<domain::OutputMode>(*body, "defaultRtmpOutputMode", domain::ParseOutputMode);
    if (!mode.ok()) return Fail(mode.status());
    if (mode->has_value()) {
      if (!mode->value())
        return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "defaultRtmpOutputMode: must not be null"));
      patch.default_output_mode = *mode->value();
    }
    if (auto it = body->find("callback"); it != body->end()) {
      if (it->is_null()) {
        const control::Field<std::string> cleared(std::in_place, std::nullopt);
        patch.callback_url = patch.callback_access_id = patch.callback_access_password = cleared;
      } else if (!it->is_object()) {
        return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "callback: must be an object"));
      } else {
        for (auto [name, field] : {std::pair{"url", &patch.callback_url},
                                   std::pair{"accessId", &patch.callback_access_id},
                                   std::pair{"accessPassword", &patch.callback_access_password}}) {
          auto v = ReadString(*it, name);
          if (!v.ok()) return Fail(Status(v.status().code(), "callback." + v.status().message()));
          *field = *v;
        }
        const std::string url = patch.callback_url ? patch.callback_url->value_or("") : "";
        if (!url.empty() && url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
          return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "callback.url: must be an http(s) URL"));
      }
    }
    auto secs = ReadInt(*body, "autoEndAfterInactiveSeconds");
    if (!secs.ok()) return Fail(secs.status());
    if (secs->has_value()) {
      int64_t v = secs->value().value_or(0);
      if (v < 0 || v > 86400 * 7)
        return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY,
                           "autoEndAfterInactiveSeconds: must be 0 (off) to 604800"));
      patch.auto_end_after_inactive_seconds = static_cast<int>(v);
    }
    auto r = ctx.control.UpdateApp(app.id, patch);
    if (!r.ok()) return Fail(r.status());
    return Json(200, AppSettingsJson(*r));
  });
}

}  // namespace ffsb::http::api
