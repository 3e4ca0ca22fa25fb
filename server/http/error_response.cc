// The response builders of router.h: the one place where an ErrorCode becomes
// an HTTP status and the contract's error body (contract.md §2).
#include "server/http/router.h"

namespace ffsb::http {

Response Json(int status, const nlohmann::json& body) {
  Response r;
  r.status = status;
  // Untrusted strings (names, messages) may hold invalid UTF-8: replace it
  // rather than throw from dump().
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

Response Error(ErrorCode code, std::string message) {
  nlohmann::json body = nlohmann::json::object();
  body["errorCode"] = std::string(ErrorCodeName(code));
  body["errorMessage"] = std::move(message);
  return Json(ErrorCodeHttpStatus(code), body);
}

}  // namespace ffsb::http
