// /v2/apps/me/video-rooms… (contract §5), including the broadcast controls.
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

Result<control::RoomFields> ReadRoomFields(const json& body) {
  control::RoomFields f;
  auto str = [&](const char* name, control::Field<std::string>* out) -> Status {
    auto v = ReadString(body, name);
    if (!v.ok()) return v.status();
    *out = *v;
    return Status::Ok();
  };
  if (Status s = str("title", &f.title); !s.ok()) return s;
  if (Status s = str("description", &f.description); !s.ok()) return s;
  if (Status s = str("customType", &f.custom_type); !s.ok()) return s;
  auto when = ReadTime(body, "scheduledAt");
  if (!when.ok()) return when.status();
  f.scheduled_at = *when;
  auto level = ReadEnum<domain::AccessLevel>(body, "accessLevel", domain::ParseAccessLevel);
  if (!level.ok()) return level.status();
  if (*level && **level) f.access_level = ***level;
  auto data = ReadCustomData(body, "customData");
  if (!data.ok()) return data.status();
  f.custom_data = *data;
  return f;
}

namespace {

control::Caller AppCaller(const domain::App& app) { return {domain::CreatorType::APP, app.id, std::nullopt}; }

using Control = control::Control;
using RoomControl = Result<control::VideoRoomView> (Control::*)(Id, const control::Caller&, Id);

void AddControl(const Ctx& ctx, const std::string& path, RoomControl fn) {
  AddApp(ctx, "POST", path, [ctx, fn](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = (ctx.control.*fn)(app.id, AppCaller(app), *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });
}

}  // namespace

void RegisterVideoRooms(const Ctx& ctx) {
  AddApp(ctx, "POST", "/video-rooms", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto type = ReadString(*body, "type");
    if (!type.ok()) return Fail(type.status());
    std::optional<domain::VideoRoomType> room_type;
    if (type->has_value() && type->value() && !type->value()->empty()) {
      room_type = domain::ParseVideoRoomType(*type->value());
      if (!room_type)
        return Fail(Status(ErrorCode::VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP,
                           "type '" + *type->value() + "' is not supported: only BROADCAST_RTMP"));
    }
    auto owner = ReadString(*body, "appUserId");
    if (!owner.ok()) return Fail(owner.status());
    auto fields = ReadRoomFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    std::string owner_id = owner->has_value() && owner->value() ? *owner->value() : "";
    auto r = ctx.control.CreateVideoRoom(app.id, AppCaller(app), room_type, owner_id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(201, VideoRoomJson(*r, ctx.config));
  });

  AddApp(ctx, "GET", "/video-rooms", [ctx](Request& req, const domain::App& app) {
    auto paging = ParsePaging(req);
    if (!paging.ok()) return Fail(paging.status());
    store::VideoRoomFilter f;
    f.app_id = app.id;
    auto member_id = QueryId(req, "memberId");
    if (!member_id.ok()) return Fail(member_id.status());
    f.member_id = *member_id;
    f.app_user_id = req.Query("appUserId");
    f.keyword = req.Query("keyword");
    auto state = QueryEnum<domain::VideoRoomState>(req, "videoRoomState", domain::ParseVideoRoomState);
    if (!state.ok()) return Fail(state.status());
    f.video_room_state = *state;
    auto type = QueryEnum<domain::VideoRoomType>(req, "type", domain::ParseVideoRoomType);
    if (!type.ok()) return Fail(type.status());
    f.type = *type;
    auto level = QueryEnum<domain::AccessLevel>(req, "accessLevel", domain::ParseAccessLevel);
    if (!level.ok()) return Fail(level.status());
    f.access_level = *level;
    auto page = ctx.control.ListVideoRooms(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& r : page->items) content.push_back(VideoRoomJson(r, ctx.config));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddApp(ctx, "GET", "/video-rooms/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = ctx.control.GetVideoRoom(app.id, AppCaller(app), *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });

  AddApp(ctx, "PATCH", "/video-rooms/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto fields = ReadRoomFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.UpdateVideoRoom(app.id, AppCaller(app), *id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });

  AddApp(ctx, "DELETE", "/video-rooms/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    Status s = ctx.control.DeleteVideoRoom(app.id, AppCaller(app), *id);
    return s.ok() ? NoContent() : Fail(s);
  });

  AddControl(ctx, "/video-rooms/{id}/rtmp-broadcast/state/live", &Control::GoLive);
  AddControl(ctx, "/video-rooms/{id}/rtmp-broadcast/state/ended", &Control::EndBroadcast);
  AddControl(ctx, "/video-rooms/{id}/rtmp-broadcast/state/cancelled", &Control::CancelBroadcast);
}

}  // namespace ffsb::http::api
