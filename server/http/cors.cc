#include "server/http/cors.h"

namespace ffsb::http {

bool IsCorsPreflight(const Request& req) {
  return req.method == "OPTIONS" && req.Header("Access-Control-Request-Method") != nullptr;
}

Response CorsPreflightResponse(const CorsPolicy& policy, const Request& req) {
  Response r = NoContent();
  r.Header("Access-Control-Allow-Origin", "*");
  r.Header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
  const std::string* asked = req.Header("Access-Control-Request-Headers");
  // Echoing the requested list is what makes custom headers (Range,
  // Authorization, Last-Event-ID) pass; there are no credentials to protect.
  r.Header("Access-Control-Allow-Headers",
           asked && !asked->empty() ? *asked
                                    : std::string("Authorization, Content-Type, Range, Last-Event-ID"));
  r.Header("Access-Control-Max-Age", std::to_string(policy.preflight_max_age_s));
  r.Header("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  return r;
}

bool PathHasCors(const CorsPolicy& policy, const std::string& path) {
  if (!policy.enabled) return false;
  for (const std::string& p : policy.prefixes)
    if (path.compare(0, p.size(), p) == 0) return true;
  return false;
}

void ApplyCors(const CorsPolicy& policy, const Request& req, Response* resp) {
  if (!PathHasCors(policy, req.path)) return;
  for (const auto& h : resp->headers)
    if (h.first == "Access-Control-Allow-Origin") return;  // the handler decided
  resp->Header("Access-Control-Allow-Origin", "*");
  resp->Header("Access-Control-Expose-Headers",
               "Content-Length, Content-Range, Accept-Ranges, ETag, Last-Modified, Date");
}

}  // namespace ffsb::http
