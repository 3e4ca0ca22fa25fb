// The console's routes over a Router with a fake AppDirectory: sign-in,
// session and CSRF checks, rate limiting, app creation (secret once),
// settings, the re-dispatch to the server API, and static file traversal.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "fake_app_directory.h"
#include "server/console/console.h"
#include "server/console/console_context.h"
#include "server/console/operator_account.h"

namespace ffsb::console {
namespace {

namespace fs = std::filesystem;

template <typename R>
std::string TrustedOf(const R& req) {
  if constexpr (requires(const R& r) { r.trusted_app_id.has_value(); }) {
    return req.trusted_app_id ? std::to_string(*req.trusted_app_id) : "none";
  } else {
    return "unsupported";
  }
}

struct Fixture {
  Fixture() {
    SecureRandom r;
    dir = (fs::temp_directory_path() / ("ffsb-console-routes-" + r.Hex(8))).string();
    fs::create_directories(dir + "/web/console");
    std::ofstream(dir + "/web/console/index.html") << "<!doctype html>";
    std::ofstream(dir + "/secret.txt") << "secret";
    REQUIRE(EnsureOperator(dir, std::string("pw-123456"), r, 1000).ok());
    // A stand-in for the server API: echoes what it was given.
    router.Add("GET", "/v2/apps/me/*", [](http::Request& req) {
      return http::Json(200, {{"path", req.path},
                              {"page", req.Query("page").value_or("")},
                              {"auth", req.Header("Authorization") != nullptr},
                              {"cookie", req.Header("Cookie") != nullptr},
                              {"trusted", TrustedOf(req)}});
    });
    ConsoleConfig cfg;
    cfg.data_dir = dir;
    cfg.web_dir = dir + "/web";
    cfg.clock = &clock;
    cfg.sign_in.max_failures = 3;
    RegisterConsoleWithDirectory(router, apps, cfg);
  }
  ~Fixture() { fs::remove_all(dir); }

  http::Response Call(std::string method, std::string target, std::string body = "", bool with_cookie = true,
                      bool with_marker = true) {
    http::Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    req.body = std::move(body);
    req.remote_addr = "127.0.0.1:4000";
    if (with_cookie && !cookie.empty()) req.headers["Cookie"] = "other=1; " + cookie;
    if (with_marker) req.headers["X-FFSB-Console"] = "1";
    req.headers["Authorization"] = "Basic Zm9vOmJhcg==";
    return router.Dispatch(req);
  }

  void SignIn() {
    http::Response r = Call("POST", "/console/api/session", R"({"username":"operator","password":"pw-123456"})");
    REQUIRE(r.status == 200);
    for (auto& [k, v] : r.headers)
      if (k == "Set-Cookie") {
        CHECK(v.find("HttpOnly") != std::string::npos);
        CHECK(v.find("SameSite=Strict") != std::string::npos);
        cookie = v.substr(0, v.find(';'));
      }
    REQUIRE_FALSE(cookie.empty());
  }

  std::string dir;
  FakeClock clock;
  http::Router router;
  std::shared_ptr<FakeAppDirectory> apps = std::make_shared<FakeAppDirectory>();
  std::string cookie;
};

nlohmann::json Body(const http::Response& r) { return nlohmann::json::parse(r.body); }

TEST_CASE("console API needs a session", "[console][routes]") {
  Fixture f;
  CHECK(f.Call("GET", "/console/api/apps").status == 401);
  CHECK(f.Call("GET", "/console/api/session").status == 401);
  CHECK(Body(f.Call("GET", "/console/api/apps"))["errorCode"] == "CONSOLE_SIGN_IN_REQUIRED");
  f.SignIn();
  CHECK(f.Call("GET", "/console/api/apps").status == 200);
  CHECK(Body(f.Call("GET", "/console/api/session"))["username"] == "operator");
  CHECK(f.Call("DELETE", "/console/api/session").status == 204);
  CHECK(f.Call("GET", "/console/api/apps").status == 401);  // revoked
}

TEST_CASE("wrong passwords are refused, then rate-limited", "[console][routes]") {
  Fixture f;
  for (int i = 0; i < 3; ++i) {
    http::Response r = f.Call("POST", "/console/api/session", R"({"password":"nope"})");
    CHECK(r.status == 401);
    CHECK(r.body.find("nope") == std::string::npos);
  }
  http::Response r = f.Call("POST", "/console/api/session", R"({"password":"pw-123456"})");
  CHECK(r.status == 429);
  f.clock.Advance(Micros{301} * 1'000'000);
  CHECK(f.Call("POST", "/console/api/session", R"({"password":"pw-123456"})").status == 200);
  CHECK(f.Call("POST", "/console/api/session", "not json").status == 400);
}

TEST_CASE("state-changing calls need the console header", "[console][routes]") {
  Fixture f;
  f.SignIn();
  http::Response r = f.Call("POST", "/console/api/apps", R"({"name":"a"})", true, /*with_marker=*/false);
  CHECK(r.status == 403);
  CHECK(f.apps->ListApps()->empty());
}

TEST_CASE("create an app: the secret is answered once", "[console][routes]") {
  Fixture f;
  f.SignIn();
  http::Response r = f.Call("POST", "/console/api/apps", R"({"name":"My app"})");
  REQUIRE(r.status == 201);
  nlohmann::json j = Body(r);
  CHECK(j["apiKey"] == "key1");
  CHECK(j["apiSecret"] == "secret1");
  CHECK(j["app"]["name"] == "My app");
  CHECK(j["app"]["defaultRtmpOutputMode"] == "RTMP");
  std::string list = f.Call("GET", "/console/api/apps").body;
  CHECK(list.find("secret1") == std::string::npos);
  CHECK(list.find("hash") == std::string::npos);
  CHECK(f.Call("POST", "/console/api/apps", R"({"name":""})").status == 400);
  CHECK(f.Call("GET", "/console/api/apps/1").status == 200);
  CHECK(f.Call("GET", "/console/api/apps/99").status == 404);
  CHECK(f.Call("GET", "/console/api/apps/abc").status == 404);
}

TEST_CASE("app settings: output mode and callback", "[console][routes]") {
  Fixture f;
  f.SignIn();
  REQUIRE(f.Call("POST", "/console/api/apps", R"({"name":"a"})").status == 201);
  http::Response r = f.Call("PATCH", "/console/api/apps/1",
                            R"({"defaultRtmpOutputMode":"CMAF","callback":{"url":"http://127.0.0.1:9/hook","accessId":"id","accessPassword":"pass"}})");
  REQUIRE(r.status == 200);
  nlohmann::json j = Body(r);
  CHECK(j["defaultRtmpOutputMode"] == "CMAF");
  CHECK(j["callback"]["url"] == "http://127.0.0.1:9/hook");
  CHECK(j["callback"]["accessPasswordSet"] == true);
  CHECK(r.body.find("pass\"") == std::string::npos);
  CHECK(f.Call("PATCH", "/console/api/apps/1", R"({"defaultRtmpOutputMode":"HLS"})").status == 400);
  CHECK(f.Call("PATCH", "/console/api/apps/1", R"({"callback":{"url":"ftp://x"}})").status == 400);
  CHECK(f.Call("GET", "/console/api/apps/1/webhook-deliveries").status == 200);
  CHECK(Body(f.Call("GET", "/console/api/apps/1/events/recent"))["live"] == false);
}

TEST_CASE("in-app calls are re-dispatched to the server API", "[console][routes]") {
  CHECK(RewriteConsoleTarget("/console/api/apps/7/v2/apps/me/members?page=1") == "/v2/apps/me/members?page=1");
  CHECK(RewriteConsoleTarget("/console/api/apps/7/v2/apps/me") == "/v2/apps/me");
  CHECK(RewriteConsoleTarget("/console/api/apps/7/v2/apps/me/members/a%2Fb") == "/v2/apps/me/members/a%2Fb");
  CHECK_FALSE(RewriteConsoleTarget("/console/api/apps/7/v2/apps/me/../../x"));
  CHECK_FALSE(RewriteConsoleTarget("/console/api/apps/7/v2/apps/me/%2e%2e/x"));
  CHECK_FALSE(RewriteConsoleTarget("/console/api/apps/7/v2/members/me"));

  Fixture f;
  CHECK(f.Call("GET", "/console/api/apps/1/v2/apps/me/members").status == 401);
  f.SignIn();
  REQUIRE(f.Call("POST", "/console/api/apps", R"({"name":"a"})").status == 201);
  CHECK(f.Call("GET", "/console/api/apps/2/v2/apps/me/members").status == 404);
  http::Response r = f.Call("GET", "/console/api/apps/1/v2/apps/me/members?page=2");
  if (r.status == 501) {
    WARN("Request::trusted_app_id does not exist yet: pass-through answers 501");
    CHECK(Body(r)["errorCode"] == "CONSOLE_PASSTHROUGH_UNAVAILABLE");
  } else {
    REQUIRE(r.status == 200);
    nlohmann::json j = Body(r);
    CHECK(j["path"] == "/v2/apps/me/members");
    CHECK(j["page"] == "2");
    CHECK(j["auth"] == false);    // the browser's Authorization is not passed on
    CHECK(j["cookie"] == false);  // nor its cookie
    CHECK(j["trusted"] == "1");
  }
}

TEST_CASE("static routes refuse traversal", "[console][routes]") {
  Fixture f;
  http::Response index = f.Call("GET", "/console", "", false);
  CHECK(index.status == 200);
  REQUIRE(index.file_path);
  CHECK(*index.file_path == f.dir + "/web/console/index.html");
  for (const char* t : {"/console/../secret.txt", "/console/%2e%2e/secret.txt", "/console/..%2fsecret.txt",
                        "/console/vendor/../../secret.txt", "/console/vendor/hls.js/package.json"}) {
    http::Response r = f.Call("GET", t, "", false);
    INFO(t);
    CHECK(r.status == 404);
    CHECK_FALSE(r.file_path);
  }
}

}  // namespace
}  // namespace ffsb::console
