// Shared plumbing of the API handlers: the handler context, authentication,
// JSON body field readers and path/query parsing. Every reader answers the
// contract's error codes: malformed JSON and wrong types or unknown enum
// values are INVALID_HTTP_MESSAGE_BODY with a message naming the field;
// malformed query parameters are INVALID_REQUEST_PARAMETER.
//
// Thread-safety: pure functions over the request.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "server/control/control.h"
#include "server/http/api/api.h"
#include "server/http/router.h"

namespace ffsb::http::api {

using nlohmann::json;
using domain::Id;

struct Ctx {
  Router& router;
  control::Control& control;
  const ApiConfig& config;
};

inline const std::string kAppBase = "/v2/apps/me";
inline const std::string kMemberBase = "/v2/members/me";

// The error response of a non-OK status.
Response Fail(const Status& s);

// Basic auth (contract §2): EMPTY_APP_CREDENTIALS, INVALID_APP_CREDENTIALS.
Result<domain::App> AuthApp(const Ctx& ctx, const Request& req);
// Bearer auth: EMPTY_ACCESS_TOKEN, INVALID_ACCESS_TOKEN, EXPIRED_ACCESS_TOKEN.
Result<control::MemberPrincipal> AuthMember(const Ctx& ctx, const Request& req);

// Registers an app-API route: authenticates, then calls fn(req, app).
void AddApp(const Ctx& ctx, const std::string& method, const std::string& path,
            std::function<Response(Request&, const domain::App&)> fn);
// Registers a member-API route: authenticates, then calls fn(req, principal).
void AddMember(const Ctx& ctx, const std::string& method, const std::string& path,
               std::function<Response(Request&, const control::MemberPrincipal&)> fn);

// The body as a JSON object; an empty body is {} when allow_empty.
Result<json> ParseBody(const Request& req, bool allow_empty = false);

// Field readers: absent -> nullopt; JSON null -> inner nullopt; else value.
Result<control::Field<std::string>> ReadString(const json& body, const char* name);
Result<control::Field<domain::CustomData>> ReadCustomData(const json& body, const char* name);
Result<control::Field<Micros>> ReadTime(const json& body, const char* name);
Result<control::Field<int64_t>> ReadInt(const json& body, const char* name);
template <typename E>
Result<control::Field<E>> ReadEnum(const json& body, const char* name,
                                   std::optional<E> (*parse)(std::string_view)) {
  auto s = ReadString(body, name);
  if (!s.ok()) return s.status();
  if (!s->has_value()) return control::Field<E>();                            // absent
  if (!s->value().has_value()) return control::Field<E>(std::optional<E>());  // null
  const std::string& text = *s->value();
  auto v = parse(text);
  if (!v) return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, std::string(name) + ": unknown value '" + text + "'");
  return control::Field<E>(std::optional<E>(*v));
}

// A numeric path id; anything else is `not_found`.
Result<Id> PathId(const Request& req, const char* param, ErrorCode not_found);
// Optional query parameters.
Result<std::optional<Id>> QueryId(const Request& req, const char* name);
template <typename E>
Result<std::optional<E>> QueryEnum(const Request& req, const char* name,
                                   std::optional<E> (*parse)(std::string_view)) {
  auto v = req.Query(name);
  if (!v) return std::optional<E>();
  auto e = parse(*v);
  if (!e) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, std::string(name) + ": unknown value '" + *v + "'");
  return std::optional<E>(*e);
}

}  // namespace ffsb::http::api
