// A small HTTP/JSON client for the FlipFlop-style API (contract §2): the
// server API under /v2/apps/me with Basic auth (API key and secret), or the
// member API under /v2/members/me with a Bearer token. Answers are values:
// an ApiResponse with the HTTP status, the parsed JSON body and, for
// failures, the contract's errorCode/errorMessage (status 0 and errorCode
// "CONNECTION_FAILED" when the server did not answer). Built on cpp-httplib.
//
// Thread-safety: immutable after construction; Request() opens its own
// connection each call, so one client may be used from several threads.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace ffsb::emu {

using Json = nlohmann::json;
using Query = std::map<std::string, std::string>;

struct ApiResponse {
  int status = 0;             // HTTP status; 0 when no answer came
  Json body;                  // parsed JSON; null when empty; a string when not JSON
  std::string error_code;     // contract errorCode for status >= 400 (or CONNECTION_FAILED)
  std::string error_message;
  bool ok() const { return status >= 200 && status < 300; }
  // "404 MEMBER_NOT_FOUND: ..." for logs and exceptions.
  std::string Describe() const;
};

class ApiClient {
 public:
  // base_url: "http://host:port" (a trailing slash is ignored).
  static ApiClient ForApp(std::string base_url, const std::string& app_key, const std::string& app_secret);
  static ApiClient ForMember(std::string base_url, const std::string& access_token);

  // method: GET, POST, PATCH, PUT, DELETE. path: absolute ("/v2/apps/me/members").
  // body: sent as JSON unless null. query: appended URL-encoded.
  ApiResponse Request(const std::string& method, const std::string& path, const Json& body = nullptr,
                      const Query& query = {}) const;

  const std::string& base_url() const { return base_url_; }
  void set_timeout_s(int s) { timeout_s_ = s; }

 private:
  ApiClient(std::string base_url, std::string authorization);
  std::string base_url_;
  std::string authorization_;
  int timeout_s_ = 30;
};

// Percent-encodes a path segment or query value (RFC 3986 unreserved kept).
std::string UrlEncode(const std::string& s);

}  // namespace ffsb::emu
