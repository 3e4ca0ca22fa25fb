#include "server/http/api/context.h"

#include <strings.h>

#include <cstdlib>

namespace ffsb::http::api {
namespace {

// RFC 4648 base64 (padding optional); nullopt when malformed.
std::optional<std::string> Base64Decode(std::string_view in) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  while (!in.empty() && in.back() == '=') in.remove_suffix(1);
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    int v = val(c);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((acc >> bits) & 0xff);
    }
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "Scheme credentials" with a case-insensitive scheme; nullopt if another scheme.
std::optional<std::string_view> Credentials(const Request& req, std::string_view scheme) {
  const std::string* h = req.Header("Authorization");
  if (!h) return std::nullopt;
  std::string_view v = Trim(*h);
  if (v.size() < scheme.size() || strncasecmp(v.data(), scheme.data(), scheme.size()) != 0) return std::nullopt;
  if (v.size() > scheme.size() && v[scheme.size()] != ' ') return std::nullopt;
  return Trim(v.substr(scheme.size()));
}

Status TypeError(const char* name, const char* expected) {
  return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, std::string(name) + ": must be " + expected);
}

}  // namespace

Response Fail(const Status& s) { return Error(s.code(), s.message()); }

Result<domain::App> AuthApp(const Ctx& ctx, const Request& req) {
  if (req.trusted_app_id) return ctx.control.GetApp(*req.trusted_app_id);
  auto creds = Credentials(req, "Basic");
  if (!creds || creds->empty())
    return Status(ErrorCode::EMPTY_APP_CREDENTIALS, "Authorization: Basic base64(apiKey:apiSecret) is required");
  auto decoded = Base64Decode(*creds);
  if (!decoded) return Status(ErrorCode::INVALID_APP_CREDENTIALS, "malformed Basic credentials");
  size_t colon = decoded->find(':');
  if (colon == std::string::npos) return Status(ErrorCode::INVALID_APP_CREDENTIALS, "malformed Basic credentials");
  std::string key = decoded->substr(0, colon), secret = decoded->substr(colon + 1);
  if (key.empty() || secret.empty()) return Status(ErrorCode::EMPTY_APP_CREDENTIALS, "api key and secret are required");
  return ctx.control.Authenticate(key, secret);
}

Result<control::MemberPrincipal> AuthMember(const Ctx& ctx, const Request& req) {
  auto token = Credentials(req, "Bearer");
  if (!token || token->empty())
    return Status(ErrorCode::EMPTY_ACCESS_TOKEN, "Authorization: Bearer {accessToken} is required");
  return ctx.control.AuthenticateMember(*token);
}

void AddApp(const Ctx& ctx, const std::string& method, const std::string& path,
            std::function<Response(Request&, const domain::App&)> fn) {
  ctx.router.Add(method, kAppBase + path, [ctx, fn = std::move(fn)](Request& req) {
    auto app = AuthApp(ctx, req);
    if (!app.ok()) return Fail(app.status());
    return fn(req, *app);
  });
}

void AddMember(const Ctx& ctx, const std::string& method, const std::string& path,
               std::function<Response(Request&, const control::MemberPrincipal&)> fn) {
  ctx.router.Add(method, kMemberBase + path, [ctx, fn = std::move(fn)](Request& req) {
    auto who = AuthMember(ctx, req);
    if (!who.ok()) return Fail(who.status());
    return fn(req, *who);
  });
}

Result<json> ParseBody(const Request& req, bool allow_empty) {
  if (Trim(req.body).empty()) {
    if (allow_empty) return json::object();
    return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "a JSON object body is required");
  }
  json j = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "the body is not valid JSON");
  if (!j.is_object()) return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "the body must be a JSON object");
  return j;
}

Result<control::Field<std::string>> ReadString(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) return control::Field<std::string>();
  if (it->is_null()) return control::Field<std::string>(std::optional<std::string>());
  if (!it->is_string()) return TypeError(name, "a string");
  return control::Field<std::string>(it->get<std::string>());
}

Result<control::Field<domain::CustomData>> ReadCustomData(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) return control::Field<domain::CustomData>();
  if (it->is_null()) return control::Field<domain::CustomData>(std::optional<domain::CustomData>());
  if (!it->is_object()) return TypeError(name, "an object of string values");
  domain::CustomData out;
  for (auto& [k, v] : it->items()) {
    if (!v.is_string())
      return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, std::string(name) + "." + k + ": must be a string");
    out[k] = v.get<std::string>();
  }
  return control::Field<domain::CustomData>(std::move(out));
}

Result<control::Field<Micros>> ReadTime(const json& body, const char* name) {
  auto s = ReadString(body, name);
  if (!s.ok()) return TypeError(name, "an ISO-8601 time string");
  if (!s->has_value()) return control::Field<Micros>();
  if (!s->value().has_value()) return control::Field<Micros>(std::optional<Micros>());
  auto t = ParseIso8601(*s->value());
  if (!t) return TypeError(name, "an ISO-8601 time such as 2024-01-31T09:00:00Z");
  return control::Field<Micros>(*t);
}

Result<control::Field<int64_t>> ReadInt(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end()) return control::Field<int64_t>();
  if (it->is_null()) return control::Field<int64_t>(std::optional<int64_t>());
  if (!it->is_number_integer()) return TypeError(name, "an integer");
  return control::Field<int64_t>(it->get<int64_t>());
}

Result<Id> PathId(const Request& req, const char* param, ErrorCode not_found) {
  auto it = req.params.find(param);
  const std::string v = it == req.params.end() ? "" : it->second;
  if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
    return Status(not_found, std::string(ErrorCodeName(not_found)) + ": no resource with id '" + v + "'");
  return static_cast<Id>(std::strtoll(v.c_str(), nullptr, 10));
}

Result<std::optional<Id>> QueryId(const Request& req, const char* name) {
  auto v = req.Query(name);
  if (!v) return std::optional<Id>();
  if (v->empty() || v->size() > 18 || v->find_first_not_of("0123456789") != std::string::npos)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, std::string(name) + ": must be a positive integer");
  return std::optional<Id>(std::strtoll(v->c_str(), nullptr, 10));
}

}  // namespace ffsb::http::api
