// HTTP request/response values and the path router. Handlers are plain
// functions Request -> Response, run on the HTTP server's worker threads; they
// must not block for long (a SQLite transaction is fine, a media job is not).
//
// Long-lived responses (HTTP-FLV, Server-Sent Events) do not return a body:
// they set Response::takeover, and the server hands the connected socket's
// file descriptor to that function after the request is read, writing nothing
// itself. The receiver owns the fd from then on (wraps it in its own event
// loop, writes the status line and headers, closes it).
//
// Thread-safety: a Router is built before the server starts and is read-only
// afterwards; Dispatch() may run concurrently on many threads.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/base/error_code.h"

namespace ffsb::http {

struct CaseInsensitiveLess {
  bool operator()(const std::string& a, const std::string& b) const;
};

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // raw request target, e.g. "/v2/apps/me/members?page=1"
  std::string path;    // percent-decoded path without the query
  std::multimap<std::string, std::string> query;  // percent-decoded
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  // Upload routes only (Router::AddUpload): the body was spooled to this file
  // instead of `body`. The server deletes it after the handler returns unless
  // the handler renamed it away (which is how a handler keeps it).
  std::string body_file;
  std::map<std::string, std::string> params;  // from "{name}" segments of the matched pattern
  std::string remote_addr;                    // "127.0.0.1:54321"
  // Set only in process, never from the wire: a request the console
  // re-dispatches for an app its operator session already authenticated.
  // The server API's Basic-auth check accepts it as that app.
  std::optional<int64_t> trusted_app_id;

  const std::string* Header(const std::string& name) const;
  std::optional<std::string> Query(const std::string& name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is this file (served with Range support, ETag,
  // Last-Modified); body is ignored.
  std::optional<std::string> file_path;
  // When set, see the header comment: the server gives the socket away.
  std::function<void(int fd, const Request& req)> takeover;

  Response& Header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

using Handler = std::function<Response(Request&)>;

// Builders for the common cases.
Response Json(int status, const nlohmann::json& body);
Response NoContent();  // 204
// {"errorCode": NAME, "errorMessage": message} with the code's HTTP status.
Response Error(ErrorCode code, std::string message);

class Router {
 public:
  // pattern: "/v2/apps/me/members/{appUserId}"; a "{name}" segment matches one
  // non-empty path segment. A trailing "/*" matches the rest of the path
  // (available as params["*"]). Literal segments win over parameters.
  void Add(std::string method, std::string pattern, Handler handler);
  // Like Add, for routes that take large bodies (VOD uploads): the server
  // applies its upload size limit instead of the small default one and
  // spools the body to Request::body_file.
  void AddUpload(std::string method, std::string pattern, Handler handler);

  // Whether (method, decoded path) resolves to an upload route. The server
  // asks this after reading the headers, to pick the body limit.
  bool IsUpload(const std::string& method, const std::string& path) const;

  // Runs the matching handler. No path match: 404 API_NOT_FOUND. Path matches
  // but not the method: 400 UNSUPPORTED_HTTP_METHOD (the contract's code).
  // A handler that throws answers 500 INTERNAL_SERVER_ERROR.
  // HEAD falls back to the GET route (the server drops the body).
  // If req.path is empty, path and query are parsed from req.target first
  // (convenient for handler tests).
  Response Dispatch(Request& req) const;

  // (method, pattern) pairs, in registration order: the OpenAPI drift test
  // compares these with the document.
  std::vector<std::pair<std::string, std::string>> Routes() const;

  // Sandbox hooks (server/sandbox, only with --sandbox-api): `before` may
  // answer instead of the route (API-error injection), `after` may rewrite
  // the answer (deviation modes). Set before the server starts.
  struct Hooks {
    std::function<std::optional<Response>(const Request&)> before;
    std::function<void(const Request&, Response&)> after;
  };
  void SetHooks(Hooks hooks) { hooks_ = std::move(hooks); }

 private:
  Response DispatchRoute(Request& req) const;
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    bool wildcard = false;
    bool upload = false;
    Handler handler;
  };
  // The most specific route for the path whose method matches (HEAD also
  // accepts GET routes); nullptr if none. *path_matched tells whether any
  // route matched the path regardless of method.
  const Route* Match(const std::string& method, const std::vector<std::string>& segments,
                     std::map<std::string, std::string>* params, bool* path_matched) const;
  std::vector<Route> routes_;
  Hooks hooks_;
};

}  // namespace ffsb::http
