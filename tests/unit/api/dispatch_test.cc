// Handlers through Router::Dispatch: auth, shapes, paging and error mapping.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "server/http/api/api.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/unit/store/temp_db.h"

namespace ffsb::http::api {
namespace {

using nlohmann::json;

struct Api {
  ffsb::testing::TempDir dir;
  FakeClock clock;
  SeededRandom random{7};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<control::Control> control;
  ApiConfig config{"http://127.0.0.1:8080", "rtmp://127.0.0.1:1935/live", "rtmp://127.0.0.1:1935/live"};
  Router router;

  Api() {
    auto s = store::sqlite::SqliteStore::Open(dir.File("db.sqlite"), clock);
    REQUIRE(s.ok());
    store = std::move(*s);
    control = std::make_unique<control::Control>(*store, clock, random);
    REQUIRE(control->CreateApp("t", "key", "secret").ok());
    RegisterApi(router, *control, config);
  }

  // "a2V5OnNlY3JldA==" is base64("key:secret").
  std::pair<int, json> Call(const std::string& method, const std::string& target, const std::string& body = "",
                            std::string auth = "Basic a2V5OnNlY3JldA==") {
    Request req;
    req.method = method;
    req.target = target;
    size_t q = target.find('?');
    req.path = target.substr(0, q);
    if (q != std::string::npos) {
      std::string qs = target.substr(q + 1);
      size_t pos = 0;
      while (pos < qs.size()) {
        size_t amp = qs.find('&', pos);
        if (amp == std::string::npos) amp = qs.size();
        std::string kv = qs.substr(pos, amp - pos);
        size_t eq = kv.find('=');
        req.query.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
        pos = amp + 1;
      }
    }
    if (!auth.empty()) req.headers["Authorization"] = auth;
    req.body = body;
    Response r = router.Dispatch(req);
    json j = r.body.empty() ? json() : json::parse(r.body, nullptr, false);
    return {r.status, j};
  }
};

TEST_CASE("api: auth errors") {
  Api a;
  auto [s1, b1] = a.Call("GET", "/v2/apps/me/members", "", "");
  CHECK(s1 == 401);
  CHECK(b1["errorCode"] == "EMPTY_APP_CREDENTIALS");
  auto [s2, b2] = a.Call("GET", "/v2/apps/me/members", "", "Basic a2V5Ondyb25n");  // key:wrong
  CHECK(s2 == 401);
  CHECK(b2["errorCode"] == "INVALID_APP_CREDENTIALS");
  auto [s3, b3] = a.Call("GET", "/v2/members/me", "", "");
  CHECK(s3 == 401);
  CHECK(b3["errorCode"] == "EMPTY_ACCESS_TOKEN");
}

TEST_CASE("api: member upsert, get, page shape, paging errors") {
  Api a;
  auto [s, m] = a.Call("POST", "/v2/apps/me/members", R"({"appUserId":"alice","customData":{"a":"b"}})");
  CHECK(s == 201);
  CHECK(m["appUserId"] == "alice");
  CHECK(m["appUserName"].is_null());
  CHECK(m["app"]["name"] == "t");
  CHECK(m["customData"]["a"] == "b");
  CHECK(m["createdAt"].get<std::string>().back() == 'Z');
  auto [s2, m2] = a.Call("POST", "/v2/apps/me/members", R"({"appUserId":"alice"})");
  CHECK(s2 == 200);
  auto [s3, page] = a.Call("GET", "/v2/apps/me/members?page=0&pageSize=1&sortBy=APP_USER_ID_ASC");
  CHECK(s3 == 200);
  CHECK(page["totalElements"] == 1);
  CHECK(page["totalPages"] == 1);
  CHECK(page["pageable"]["pageSize"] == 1);
  CHECK(page["first"] == true);
  CHECK(page["last"] == true);
  CHECK(page["content"][0]["appUserId"] == "alice");
  for (const char* bad : {"pageSize=0", "pageSize=101", "page=-1", "page=x", "sortBy=NOPE"}) {
    auto [sb, eb] = a.Call("GET", std::string("/v2/apps/me/members?") + bad);
    INFO(bad);
    CHECK(sb == 400);
    CHECK(eb["errorCode"] == "INVALID_REQUEST_PARAMETER");
  }
  auto [s4, e4] = a.Call("POST", "/v2/apps/me/members", "{not json");
  CHECK(s4 == 400);
  CHECK(e4["errorCode"] == "INVALID_HTTP_MESSAGE_BODY");
  auto [s5, e5] = a.Call("POST", "/v2/apps/me/members", R"({"appUserId":"bob","appUserName":5})");
  CHECK(s5 == 400);
  CHECK(e5["errorCode"] == "INVALID_HTTP_MESSAGE_BODY");
  CHECK(e5["errorMessage"].get<std::string>().find("appUserName") != std::string::npos);
  auto [s6, e6] = a.Call("GET", "/v2/apps/me/members/bob");
  CHECK(s6 == 404);
  CHECK(e6["errorCode"] == "MEMBER_NOT_FOUND");
}

TEST_CASE("api: stream key and room shapes") {
  Api a;
  a.Call("POST", "/v2/apps/me/members", R"({"appUserId":"alice"})");
  auto [s, k] = a.Call("GET", "/v2/apps/me/members/alice/stream-key");
  CHECK(s == 200);
  CHECK(k["streamKeyState"] == "INACTIVE");
  CHECK(k["ingestUrl"] == "rtmp://127.0.0.1:1935/live");
  CHECK(k["playUrl"].is_null());
  CHECK(k["profile"]["name"] == "broadcast-landscape");
  CHECK(k["profile"]["profile"]["segmentDuration"] == 2);
  CHECK(k["app"]["defaultRtmpOutputMode"] == "RTMP");
  auto [s2, r] = a.Call("POST", "/v2/apps/me/video-rooms",
                        R"({"type":"BROADCAST_RTMP","appUserId":"alice","scheduledAt":"2030-01-01T00:00:00Z"})");
  CHECK(s2 == 201);
  CHECK(r["videoRoomState"] == "SCHEDULED");
  CHECK(r["protocol"] == "RTMP");
  CHECK(r["scheduledAt"] == "2030-01-01T00:00:00.000000Z");
  CHECK(r["stats"]["totalMemberWhitelistCount"] == 0);
  auto [s3, e3] = a.Call("POST", "/v2/apps/me/video-rooms",
                         R"({"type":"WEBRTC","appUserId":"alice","scheduledAt":"2030-01-01T00:00:00Z"})");
  CHECK(s3 == 400);
  CHECK(e3["errorCode"] == "VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP");
  auto [s4, e4] = a.Call("POST", "/v2/apps/me/video-rooms/abc/rtmp-broadcast/state/live");
  CHECK(s4 == 404);
  CHECK(e4["errorCode"] == "VIDEO_ROOM_NOT_FOUND");
  std::string id = std::to_string(r["id"].get<int64_t>());
  auto [s5, e5] = a.Call("POST", "/v2/apps/me/video-rooms/" + id + "/rtmp-broadcast/state/live");
  CHECK(s5 == 400);
  CHECK(e5["errorCode"] == "STREAM_KEY_STATE_NOT_ACTIVE");
  auto [s6, doc] = a.Call("GET", "/open-api/ffc-app-server.json", "", "");
  CHECK(s6 == 200);
  CHECK(doc["paths"].contains("/v2/apps/me/members"));
}

}  // namespace
}  // namespace ffsb::http::api
