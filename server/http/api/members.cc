// /v2/apps/me/members… (contract §3).
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

Result<control::MemberFields> ReadMemberFields(const json& body, bool with_email) {
  control::MemberFields f;
  auto set = [&](const char* name, control::Field<std::string>* out) -> Status {
    auto v = ReadString(body, name);
    if (!v.ok()) return v.status();
    *out = *v;
    return Status::Ok();
  };
  if (Status s = set("appUserName", &f.app_user_name); !s.ok()) return s;
  if (Status s = set("appUserProfileImgUrl", &f.app_user_profile_img_url); !s.ok()) return s;
  if (with_email)
    if (Status s = set("email", &f.email); !s.ok()) return s;
  if (Status s = set("customType", &f.custom_type); !s.ok()) return s;
  auto data = ReadCustomData(body, "customData");
  if (!data.ok()) return data.status();
  f.custom_data = *data;
  return f;
}

namespace {

// The required appUserId of an upsert/login body.
Result<std::string> ReadAppUserId(const json& body) {
  auto id = ReadString(body, "appUserId");
  if (!id.ok()) return id.status();
  if (!id->has_value() || !id->value().has_value() || id->value()->empty())
    return Status(ErrorCode::EMPTY_APP_USER_ID, "appUserId is required");
  return *id->value();
}

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

void RegisterMembers(const Ctx& ctx) {
  AddApp(ctx, "POST", "/members", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto id = ReadAppUserId(*body);
    if (!id.ok()) return Fail(id.status());
    auto fields = ReadMemberFields(*body, true);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.UpsertMember(app.id, *id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(r->created ? 201 : 200, MemberJson(r->member));
  });

  AddApp(ctx, "POST", "/members/login", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto id = ReadAppUserId(*body);
    if (!id.ok()) return Fail(id.status());
    auto fields = ReadMemberFields(*body, true);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.LoginMember(app.id, *id, *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(200, TokensJson(r->tokens));
  });

  AddApp(ctx, "POST", "/members/login-as-guest", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req, /*allow_empty=*/true);
    if (!body.ok()) return Fail(body.status());
    auto r = ctx.control.LoginGuest(app.id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, TokensJson(r->tokens));
  });

  AddApp(ctx, "GET", "/members", [ctx](Request& req, const domain::App& app) {
    auto paging = ParsePaging(req, /*allow_app_user_id_sort=*/true);
    if (!paging.ok()) return Fail(paging.status());
    store::MemberFilter f;
    f.app_id = app.id;
    f.app_user_id = req.Query("appUserId");
    f.app_user_name = req.Query("appUserName");
    auto page = ctx.control.ListMembers(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& m : page->items) content.push_back(MemberJson(m));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddApp(ctx, "GET", "/members/{appUserId}", [ctx](Request& req, const domain::App& app) {
    auto r = ctx.control.GetMember(app.id, req.params["appUserId"]);
    if (!r.ok()) return Fail(r.status());
    return Json(200, MemberJson(*r));
  });

  AddApp(ctx, "PATCH", "/members/{appUserId}", [ctx](Request& req, const domain::App& app) {
    auto body = ParseBody(req);
    if (!body.ok()) return Fail(body.status());
    auto fields = ReadMemberFields(*body, true);
    if (!fields.ok()) return Fail(fields.status());
    auto r = ctx.control.UpdateMember(app.id, req.params["appUserId"], *fields);
    if (!r.ok()) return Fail(r.status());
    return Json(200, MemberJson(*r));
  });

  AddApp(ctx, "DELETE", "/members/{appUserIds}", [ctx](Request& req, const domain::App& app) {
    Status s = ctx.control.DeleteMembers(app.id, SplitCommas(req.params["appUserIds"]));
    return s.ok() ? NoContent() : Fail(s);
  });

  AddApp(ctx, "GET", "/members/{appUserId}/stream-key", [ctx](Request& req, const domain::App& app) {
    auto r = ctx.control.GetMemberStreamKey(app.id, req.params["appUserId"]);
    if (!r.ok()) return Fail(r.status());
    return Json(200, StreamKeyJson(*r, ctx.config));
  });

  AddApp(ctx, "POST", "/members/{appUserId}/stream-key/force-terminate", [ctx](Request& req, const domain::App& app) {
    Status s = ctx.control.ForceTerminateMember(app.id, req.params["appUserId"]);
    return s.ok() ? NoContent() : Fail(s);
  });
}

}  // namespace ffsb::http::api
