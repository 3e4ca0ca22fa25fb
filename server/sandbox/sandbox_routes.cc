#include "server/sandbox/sandbox_routes.h"

#include <algorithm>
#include <cmath>

#include "server/base/log.h"

namespace ffsb::sandbox {
namespace {

using nlohmann::json;

Status Invalid(std::string message) { return Status(ErrorCode::INVALID_REQUEST_PARAMETER, std::move(message)); }

int IntField(const json& j, const char* name, int fallback) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return fallback;
  if (it->is_number()) return static_cast<int>(it->get<double>());
  return fallback;
}

std::optional<std::string> StringField(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<int64_t> IdField(const json& j, const char* name) {
  auto it = j.find(name);
  if (it == j.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int64_t>();
}

int MillisOf(const json& j) {
  if (auto it = j.find("delayMs"); it != j.end() && it->is_number()) return static_cast<int>(it->get<double>());
  if (auto it = j.find("seconds"); it != j.end() && it->is_number())
    return static_cast<int>(std::lround(it->get<double>() * 1000));
  return -1;
}

http::Response StatusError(const Status& s) { return http::Error(s.code(), s.message()); }

}  // namespace

Result<json> ApplyFault(const json& rule, FaultRegistry& registry, SandboxActions& actions) {
  if (!rule.is_object()) return Invalid("a fault rule is a JSON object");
  const std::string type = StringField(rule, "type").value_or("");
  const int count = IntField(rule, "count", 0);
  if (count < 0) return Invalid("count must be >= 0");
  if (type == "api_error") {
    ApiFault f;
    f.method = StringField(rule, "method").value_or("*");
    auto path = StringField(rule, "path");
    auto code = StringField(rule, "errorCode");
    if (!path || path->empty() || !code || code->empty()) return Invalid("api_error needs path and errorCode");
    f.path = *path;
    f.error_code = *code;
    ErrorCode known;
    int fallback = ParseErrorCode(*code, &known) ? ErrorCodeHttpStatus(known) : 500;
    f.status = IntField(rule, "status", fallback);
    if (f.status < 400 || f.status > 599) return Invalid("status must be 4xx or 5xx");
    f.count = count;
    return json{{"id", registry.AddApiFault(std::move(f))}, {"type", type}};
  }
  if (type == "publish_delay") {
    int ms = MillisOf(rule);
    if (ms <= 0 || ms > 600'000) return Invalid("publish_delay needs seconds (or delayMs) in (0, 600 s]");
    return json{{"id", registry.AddPublishDelay(ms, count == 0 ? 1 : count)}, {"type", type}};
  }
  if (type == "deviation") {
    auto mode = StringField(rule, "mode").value_or("");
    auto known = KnownDeviations();
    if (std::find(known.begin(), known.end(), mode) == known.end())
      return Invalid("unknown deviation mode '" + mode + "'");
    return json{{"id", registry.AddDeviation(mode)}, {"type", type}};
  }
  if (type == "archive_fail") {
    for (int i = 0; i < std::max(count, 1); ++i)
      if (Status s = actions.FailNextArchive(); !s.ok()) return s;
    return json{{"type", type}, {"applied", true}};
  }
  if (type == "drop_ingest") {
    auto key_id = IdField(rule, "streamKeyId");
    auto user = StringField(rule, "appUserId");
    if (!key_id && !user) return Invalid("drop_ingest needs streamKeyId or appUserId");
    if (Status s = actions.DropIngest(key_id, user, IdField(rule, "appId")); !s.ok()) return s;
    return json{{"type", type}, {"applied", true}};
  }
  if (type == "webhook_fail" || type == "webhook_delay") {
    WebhookFault f;
    f.fail = type == "webhook_fail";
    f.delay_ms = f.fail ? 0 : MillisOf(rule);
    if (!f.fail && (f.delay_ms <= 0 || f.delay_ms > 600'000)) return Invalid("webhook_delay needs seconds or delayMs");
    f.count = count;
    f.duration_ms = IntField(rule, "durationMs", 0);
    f.app_id = IdField(rule, "appId");
    if (f.count == 0 && f.duration_ms <= 0) f.count = 1;
    if (Status s = actions.AddWebhookFault(f); !s.ok()) return s;
    return json{{"type", type}, {"applied", true}};
  }
  return Invalid("unknown fault type '" + type +
                 "' (api_error, publish_delay, deviation, archive_fail, drop_ingest, webhook_fail, webhook_delay)");
}

void RegisterSandboxRoutes(http::Router& router, FaultRegistry& registry, SandboxActions& actions) {
  router.Add("GET", "/_sandbox/health", [&](http::Request&) {
    json caps = actions.Capabilities();
    caps["sandbox"] = true;
    caps["faultTypes"] = {"api_error", "publish_delay", "deviation", "archive_fail", "drop_ingest", "webhook_fail",
                          "webhook_delay"};
    caps["deviations"] = KnownDeviations();
    return http::Json(200, caps);
  });
  router.Add("POST", "/_sandbox/state/reset", [&](http::Request&) {
    auto r = actions.Reset();
    if (!r.ok()) return StatusError(r.status());
    Logger("sandbox").Info("state reset");
    return http::Json(200, *r);
  });
  router.Add("GET", "/_sandbox/chaos/faults", [&](http::Request&) { return http::Json(200, registry.List()); });
  router.Add("POST", "/_sandbox/chaos/faults", [&](http::Request& req) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) return http::Error(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "malformed JSON");
    if (!body.is_array()) body = json::array({body});
    json applied = json::array();
    for (const json& rule : body) {
      auto r = ApplyFault(rule, registry, actions);
      if (!r.ok()) return StatusError(r.status());
      applied.push_back(*r);
      Logger("sandbox").Info("fault added: " + rule.dump());
    }
    return http::Json(201, json{{"applied", applied}, {"faults", registry.List()}});
  });
  router.Add("DELETE", "/_sandbox/chaos/faults", [&](http::Request&) {
    registry.Clear();
    actions.ClearWebhookFaults();
    Logger("sandbox").Info("faults cleared");
    return http::NoContent();
  });
  router.Add("DELETE", "/_sandbox/chaos/faults/{id}", [&](http::Request& req) {
    int64_t id = 0;
    try {
      id = std::stoll(req.params["id"]);
    } catch (...) {
      return http::Error(ErrorCode::INVALID_REQUEST_PARAMETER, "id must be an integer");
    }
    if (!registry.Remove(id)) return http::Error(ErrorCode::API_NOT_FOUND, "no fault rule " + std::to_string(id));
    return http::NoContent();
  });
}

}  // namespace ffsb::sandbox
