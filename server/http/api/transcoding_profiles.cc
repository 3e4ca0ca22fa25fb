// /v2/apps/me/transcoding-profiles (contract §7).
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

void RegisterTranscodingProfiles(const Ctx& ctx) {
  AddApp(ctx, "GET", "/transcoding-profiles", [ctx](Request& req, const domain::App& app) {
    auto paging = ParsePaging(req);
    if (!paging.ok()) return Fail(paging.status());
    store::ProfileFilter f;
    f.app_id = app.id;
    auto type = QueryEnum<domain::ProfileType>(req, "type", domain::ParseProfileType);
    if (!type.ok()) return Fail(type.status());
    f.type = *type;
    auto creator = QueryEnum<domain::ProfileCreatorType>(req, "creatorType", domain::ParseProfileCreatorType);
    if (!creator.ok()) return Fail(creator.status());
    f.creator_type = *creator;
    auto rep = QueryEnum<domain::RepresentativeType>(req, "representativeType", domain::ParseRepresentativeType);
    if (!rep.ok()) return Fail(rep.status());
    f.representative_type = *rep;
    f.name = req.Query("name");
    auto page = ctx.control.ListProfiles(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& p : page->items) content.push_back(ProfileJson(p, app));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddApp(ctx, "GET", "/transcoding-profiles/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::TRANSCODING_PROFILE_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = ctx.control.GetProfile(app.id, *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, ProfileJson(*r, app));
  });
}

}  // namespace ffsb::http::api
