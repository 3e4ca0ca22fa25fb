// /v2/apps/me/stream-keys… (contract §4).
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

void RegisterStreamKeys(const Ctx& ctx) {
  AddApp(ctx, "GET", "/stream-keys", [ctx](Request& req, const domain::App& app) {
    auto paging = ParsePaging(req, /*allow_app_user_id_sort=*/true);
    if (!paging.ok()) return Fail(paging.status());
    store::StreamKeyFilter f;
    f.app_id = app.id;
    auto member_id = QueryId(req, "memberId");
    if (!member_id.ok()) return Fail(member_id.status());
    auto room_id = QueryId(req, "videoRoomId");
    if (!room_id.ok()) return Fail(room_id.status());
    f.member_id = *member_id;
    f.video_room_id = *room_id;
    f.app_user_id = req.Query("appUserId");
    f.app_user_name = req.Query("appUserName");
    auto page = ctx.control.ListStreamKeys(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& k : page->items) content.push_back(StreamKeyJson(k, ctx.config));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddApp(ctx, "GET", "/stream-keys/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::STREAM_KEY_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = ctx.control.GetStreamKey(app.id, *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, StreamKeyJson(*r, ctx.config));
  });

  AddApp(ctx, "PATCH", "/stream-keys/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::STREAM_KEY_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    control::StreamKeyPatch patch;
    auto profile = ReadInt(*body, "profileId");
    if (!profile.ok()) return Fail(profile.status());
    if (profile->has_value()) {
      if (!profile->value())
        return Fail(Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "profileId: must be an integer, not null"));
      patch.profile_id = *profile->value();
    }
    auto mode = ReadEnum<domain::OutputMode>(*body, "mode", domain::ParseOutputMode);
    if (!mode.ok()) return Fail(mode.status());
    patch.mode = *mode;
    auto r = ctx.control.UpdateStreamKey(app.id, *id, patch);
    if (!r.ok()) return Fail(r.status());
    return Json(200, StreamKeyJson(*r, ctx.config));
  });

  AddApp(ctx, "POST", "/stream-keys/{id}/reissue", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::STREAM_KEY_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = ctx.control.ReissueStreamKey(app.id, *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, StreamKeyJson(*r, ctx.config));
  });

  AddApp(ctx, "POST", "/stream-keys/{id}/force-terminate", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::STREAM_KEY_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    Status s = ctx.control.ForceTerminate(app.id, *id);
    return s.ok() ? NoContent() : Fail(s);
  });
}

}  // namespace ffsb::http::api
