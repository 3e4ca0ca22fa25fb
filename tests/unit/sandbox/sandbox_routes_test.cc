// The /_sandbox/ routes' parsing and dispatch to SandboxActions. The actions
// here record calls; the real wiring (control, media, notify, archiving) is
// exercised end to end by conformance/meta/test_sandbox_api.py.
#include "server/sandbox/sandbox_routes.h"

#include <catch2/catch.hpp>

using namespace ffsb;
using namespace ffsb::sandbox;
using nlohmann::json;

namespace {

struct RecordingActions final : SandboxActions {
  int resets = 0, archive_fails = 0, webhook_clears = 0;
  std::vector<WebhookFault> webhook_faults;
  std::optional<int64_t> dropped_key;
  std::optional<std::string> dropped_user;
  bool archiving = true;

  Result<json> Reset() override {
    ++resets;
    return json{{"deletedMembers", 0}};
  }
  Status DropIngest(std::optional<int64_t> key, std::optional<std::string> user, std::optional<int64_t>) override {
    if (user && *user == "ghost") return Status(ErrorCode::MEMBER_NOT_FOUND, "no member ghost");
    dropped_key = key;
    dropped_user = user;
    return Status::Ok();
  }
  Status FailNextArchive() override {
    if (!archiving) return Status(ErrorCode::SERVICE_UNAVAILABLE, "no archiving");
    ++archive_fails;
    return Status::Ok();
  }
  Status AddWebhookFault(const WebhookFault& f) override {
    webhook_faults.push_back(f);
    return Status::Ok();
  }
  void ClearWebhookFaults() override { ++webhook_clears; }
  json Capabilities() override { return {{"archiving", archiving}}; }
};

http::Response Call(http::Router& router, std::string method, std::string target, std::string body = "") {
  http::Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  req.body = std::move(body);
  return router.Dispatch(req);
}

}  // namespace

TEST_CASE("sandbox routes: add, list, remove rules", "[sandbox]") {
  FaultRegistry registry;
  RecordingActions actions;
  http::Router router;
  RegisterSandboxRoutes(router, registry, actions);

  auto r = Call(router, "POST", "/_sandbox/chaos/faults",
                R"([{"type":"api_error","path":"/v2/**","errorCode":"REQUEST_LOCKED"},
                    {"type":"publish_delay","seconds":2.5},
                    {"type":"webhook_delay","delayMs":300,"count":2},
                    {"type":"drop_ingest","streamKeyId":9},
                    {"type":"archive_fail","count":2}])");
  REQUIRE(r.status == 201);
  json body = json::parse(r.body);
  CHECK(body["applied"].size() == 5);
  CHECK(body["faults"].size() == 2);  // one-shot actions are not kept
  CHECK(body["faults"][0]["status"] == 400);  // REQUEST_LOCKED's own status
  CHECK(registry.TakePublishDelayMs() == 2500);
  REQUIRE(actions.webhook_faults.size() == 1);
  CHECK_FALSE(actions.webhook_faults[0].fail);
  CHECK(actions.webhook_faults[0].delay_ms == 300);
  CHECK(actions.dropped_key == 9);
  CHECK(actions.archive_fails == 2);

  CHECK(json::parse(Call(router, "GET", "/_sandbox/chaos/faults").body).size() == 1);
  CHECK(Call(router, "DELETE", "/_sandbox/chaos/faults").status == 204);
  CHECK(actions.webhook_clears == 1);
  CHECK(json::parse(Call(router, "GET", "/_sandbox/chaos/faults").body).empty());
  CHECK(Call(router, "DELETE", "/_sandbox/chaos/faults/77").status == 404);
  CHECK(Call(router, "POST", "/_sandbox/state/reset").status == 200);
  CHECK(actions.resets == 1);
}

TEST_CASE("sandbox routes: invalid rules are refused with their codes", "[sandbox]") {
  FaultRegistry registry;
  RecordingActions actions;
  http::Router router;
  RegisterSandboxRoutes(router, registry, actions);
  auto code = [&](const std::string& body) {
    auto r = Call(router, "POST", "/_sandbox/chaos/faults", body);
    return std::make_pair(r.status, json::parse(r.body).value("errorCode", std::string()));
  };
  CHECK(code("{x") == std::make_pair(400, std::string("INVALID_HTTP_MESSAGE_BODY")));
  CHECK(code(R"({"type":"what"})") == std::make_pair(400, std::string("INVALID_REQUEST_PARAMETER")));
  CHECK(code(R"({"type":"api_error","path":"/x"})").first == 400);
  CHECK(code(R"({"type":"api_error","path":"/x","errorCode":"E","status":200})").first == 400);
  CHECK(code(R"({"type":"publish_delay"})").first == 400);
  CHECK(code(R"({"type":"deviation","mode":"nope"})").first == 400);
  CHECK(code(R"({"type":"drop_ingest"})").first == 400);
  CHECK(code(R"({"type":"drop_ingest","appUserId":"ghost"})") == std::make_pair(404, std::string("MEMBER_NOT_FOUND")));
  actions.archiving = false;
  CHECK(code(R"({"type":"archive_fail"})") == std::make_pair(503, std::string("SERVICE_UNAVAILABLE")));
  CHECK(registry.List().empty());
}
