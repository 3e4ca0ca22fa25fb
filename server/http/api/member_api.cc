// /v2/members/me… (contract §3 "Member API"): a member's own profile, stream
// key and rooms, with Bearer auth. A member sees and changes only its own
// rooms (other rooms answer VIDEO_ROOM_NOT_FOUND). The event source (SSE) is
// registered elsewhere.
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

namespace {

using control::MemberPrincipal;

control::Caller MemberCaller(const MemberPrincipal& who) {
  return {domain::CreatorType::MEMBER, who.member.id, who.member.id};
}

using Control = control::Control;
using RoomControl = Result<control::VideoRoomView> (Control::*)(Id, const control::Caller&, Id);

void AddRoomCall(const Ctx& ctx, const std::string& method, const std::string& path, RoomControl fn) {
  AddMember(ctx, method, path, [ctx, fn](Request& req, const MemberPrincipal& who) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = (ctx.control.*fn)(who.app.id, MemberCaller(who), *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });
}

}  // namespace

void RegisterMemberApi(const Ctx& ctx) {
  AddMember(ctx, "GET", "", [ctx](Request&, const MemberPrincipal& who) {
    return Json(200, MemberJson(control::MemberView{who.member, who.app}));
  });

  AddMember(ctx, "GET", "/stream-key", [ctx](Request&, const MemberPrincipal& who) {
    auto r = ctx.control.GetStreamKeyOfMember(who.app.id, who.member.id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, StreamKeyJson(*r, ctx.config));
  });

  AddMember(ctx, "POST", "/video-rooms", [ctx](Request& req, const MemberPrincipal& who) {
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
    auto fields = ReadRoomFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.CreateVideoRoom(who.app.id, MemberCaller(who), room_type, who.member.app_user_id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(201, VideoRoomJson(*r, ctx.config));
  });

  AddMember(ctx, "GET", "/video-rooms", [ctx](Request& req, const MemberPrincipal& who) {
    auto paging = ParsePaging(req);
    if (!paging.ok()) return Fail(paging.status());
    store::VideoRoomFilter f;
    f.app_id = who.app.id;
    f.member_id = who.member.id;
    f.keyword = req.Query("keyword");
    auto state = QueryEnum<domain::VideoRoomState>(req, "videoRoomState", domain::ParseVideoRoomState);
    if (!state.ok()) return Fail(state.status());
    f.video_room_state = *state;
    auto page = ctx.control.ListVideoRooms(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& r : page->items) content.push_back(VideoRoomJson(r, ctx.config));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddRoomCall(ctx, "GET", "/video-rooms/{id}", &Control::GetVideoRoom);

  AddMember(ctx, "GET", "/video-rooms/uuid/{uuid}", [ctx](Request& req, const MemberPrincipal& who) {
    auto r = ctx.control.GetVideoRoomByUuid(who.app.id, MemberCaller(who), req.params["uuid"]);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });

  AddMember(ctx, "PATCH", "/video-rooms/{id}", [ctx](Request& req, const MemberPrincipal& who) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto fields = ReadRoomFields(*body);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.UpdateVideoRoom(who.app.id, MemberCaller(who), *id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoRoomJson(*r, ctx.config));
  });

  AddMember(ctx, "DELETE", "/video-rooms/{id}", [ctx](Request& req, const MemberPrincipal& who) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_ROOM_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    Status s = ctx.control.DeleteVideoRoom(who.app.id, MemberCaller(who), *id);
    return s.ok() ? NoContent() : Fail(s);
  });

  AddRoomCall(ctx, "POST", "/video-rooms/{id}/start", &Control::GoLive);
  AddRoomCall(ctx, "POST", "/video-rooms/{id}/end", &Control::EndBroadcast);
}

}  // namespace ffsb::http::api
