// /v2/apps/me/video-posts (list, get) (contract §6). Uploads come with a
// later issue.
#include "server/http/api/handlers.h"
#include "server/http/api/paging.h"
#include "server/http/api/render.h"

namespace ffsb::http::api {

void RegisterVideoPosts(const Ctx& ctx) {
  AddApp(ctx, "GET", "/video-posts", [ctx](Request& req, const domain::App& app) {
    auto paging = ParsePaging(req);
    if (!paging.ok()) return Fail(paging.status());
    store::VideoPostFilter f;
    f.app_id = app.id;
    auto member_id = QueryId(req, "memberId");
    if (!member_id.ok()) return Fail(member_id.status());
    f.member_id = *member_id;
    f.app_user_id = req.Query("appUserId");
    f.keyword = req.Query("keyword");
    auto state = QueryEnum<domain::VideoPostState>(req, "videoPostState", domain::ParseVideoPostState);
    if (!state.ok()) return Fail(state.status());
    f.video_post_state = *state;
    auto level = QueryEnum<domain::AccessLevel>(req, "accessLevel", domain::ParseAccessLevel);
    if (!level.ok()) return Fail(level.status());
    f.access_level = *level;
    auto page = ctx.control.ListVideoPosts(f, paging->ToRequest());
    if (!page.ok()) return Fail(page.status());
    json content = json::array();
    for (auto& p : page->items) content.push_back(VideoPostJson(p, ctx.config));
    return Json(200, PageJson(std::move(content), *paging, page->total));
  });

  AddApp(ctx, "GET", "/video-posts/{id}", [ctx](Request& req, const domain::App& app) {
    auto id = PathId(req, "id", ErrorCode::VIDEO_POST_NOT_FOUND);
    if (!id.ok()) return Fail(id.status());
    auto r = ctx.control.GetVideoPost(app.id, *id);
    if (!r.ok()) return Fail(r.status());
    return Json(200, VideoPostJson(*r, ctx.config));
  });
}

}  // namespace ffsb::http::api
