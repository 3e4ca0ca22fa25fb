#include <catch2/catch.hpp>

#include "server/http/router.h"

namespace ffsb::http {
namespace {

Handler Named(std::string name) {
  return [name](Request& req) {
    nlohmann::json j = {{"route", name}};
    for (const auto& [k, v] : req.params) j["params"][k] = v;
    return Json(200, j);
  };
}

nlohmann::json Call(const Router& r, std::string method, std::string target) {
  Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  Response resp = r.Dispatch(req);
  nlohmann::json j = nlohmann::json::parse(resp.body.empty() ? "{}" : resp.body);
  j["status"] = resp.status;
  return j;
}

TEST_CASE("router matches params, literals win, wildcard takes the rest") {
  Router r;
  r.Add("GET", "/v2/apps/me/members/{appUserId}", Named("member"));
  r.Add("POST", "/v2/apps/me/members/login", Named("login"));
  r.Add("GET", "/v2/apps/me/members/login", Named("login-get"));
  r.Add("GET", "/vod/*", Named("vod"));
  r.Add("GET", "/vod/{id}", Named("vod-id"));
  r.Add("GET", "/v2/apps/me/video-rooms/{id}/rtmp-broadcast/state/{state}", Named("state"));

  auto j = Call(r, "GET", "/v2/apps/me/members/alice");
  CHECK(j["route"] == "member");
  CHECK(j["params"]["appUserId"] == "alice");

  CHECK(Call(r, "GET", "/v2/apps/me/members/login")["route"] == "login-get");
  CHECK(Call(r, "POST", "/v2/apps/me/members/login")["route"] == "login");

  j = Call(r, "GET", "/vod/12/index.m3u8");
  CHECK(j["route"] == "vod");
  CHECK(j["params"]["*"] == "12/index.m3u8");
  CHECK(Call(r, "GET", "/vod/12")["route"] == "vod-id");

  j = Call(r, "GET", "/v2/apps/me/video-rooms/7/rtmp-broadcast/state/live?x=1");
  CHECK(j["params"]["id"] == "7");
  CHECK(j["params"]["state"] == "live");
}

TEST_CASE("router: 404 API_NOT_FOUND vs 400 UNSUPPORTED_HTTP_METHOD") {
  Router r;
  r.Add("GET", "/v2/apps/me/members", Named("list"));
  auto j = Call(r, "GET", "/v2/apps/me/nothing");
  CHECK(j["status"] == 404);
  CHECK(j["errorCode"] == "API_NOT_FOUND");
  j = Call(r, "DELETE", "/v2/apps/me/members");
  CHECK(j["status"] == 400);
  CHECK(j["errorCode"] == "UNSUPPORTED_HTTP_METHOD");
  CHECK(j.contains("errorMessage"));
  // HEAD falls back to GET.
  CHECK(Call(r, "HEAD", "/v2/apps/me/members")["route"] == "list");
}

TEST_CASE("router: a throwing handler answers 500 INTERNAL_SERVER_ERROR") {
  Router r;
  r.Add("GET", "/boom", [](Request&) -> Response { throw std::runtime_error("kaboom"); });
  r.Add("GET", "/boom2", [](Request&) -> Response { throw 42; });
  for (const char* p : {"/boom", "/boom2"}) {
    auto j = Call(r, "GET", p);
    CHECK(j["status"] == 500);
    CHECK(j["errorCode"] == "INTERNAL_SERVER_ERROR");
  }
}

TEST_CASE("router: percent-decoding of params and query; encoded slash stays in a param") {
  Router r;
  r.Add("GET", "/members/{id}", [](Request& req) {
    return Json(200, {{"id", req.params["id"]}, {"q", req.Query("name").value_or("-")}});
  });
  auto j = Call(r, "GET", "/members/a%20b%2Fc?name=J%C3%B6rg+K");
  CHECK(j["id"] == "a b/c");
  CHECK(j["q"] == "Jörg K");
}

TEST_CASE("router: Routes() in registration order; builders") {
  Router r;
  r.Add("GET", "/a", Named("a"));
  r.AddUpload("POST", "/v2/apps/me/video-posts/{id}/upload", Named("up"));
  REQUIRE(r.Routes().size() == 2);
  CHECK(r.Routes()[1].first == "POST");
  CHECK(r.IsUpload("POST", "/v2/apps/me/video-posts/3/upload"));
  CHECK_FALSE(r.IsUpload("GET", "/a"));

  Response e = Error(ErrorCode::MEMBER_NOT_FOUND, "no such member");
  CHECK(e.status == 404);
  CHECK(e.body == R"({"errorCode":"MEMBER_NOT_FOUND","errorMessage":"no such member"})");
  CHECK(NoContent().status == 204);
  // Invalid UTF-8 in an untrusted string does not throw.
  CHECK(Json(200, {{"x", std::string("\xff\xfe")}}).status == 200);
}

TEST_CASE("CaseInsensitiveLess and Request::Header") {
  Request req;
  req.headers["Content-Type"] = "application/json";
  REQUIRE(req.Header("content-type"));
  CHECK(*req.Header("CONTENT-TYPE") == "application/json");
  CHECK(req.Header("Accept") == nullptr);
}

}  // namespace
}  // namespace ffsb::http
