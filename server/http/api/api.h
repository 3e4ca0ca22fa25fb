// The server API (/v2/apps/me, Basic auth) and the member API (/v2/members/me,
// Bearer) of contract §2–§7, registered on a Router. Handlers parse and
// validate the request, call one Control use case, and render its answer in
// the contract's JSON shapes (render.h); errors become the contract's
// {"errorCode","errorMessage"} through http::Error() only.
//
// Threading: handlers run on the HTTP server's workers, concurrently.
//
// Ownership: the router's handlers keep references to `control` and
// `config`; both must outlive the router. `config` is read at every request,
// so it may be filled in after RegisterApi (the ports are known only once the
// servers listen) but before the first request.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/control/control.h"
#include "server/http/router.h"

namespace ffsb::http::api {

struct ApiConfig {
  std::string http_base;   // "http://127.0.0.1:8080" (public host + http port)
  std::string ingest_url;  // "rtmp://127.0.0.1:1935/live"
  std::string rtmp_base;   // "rtmp://127.0.0.1:1935/live"
  // Absolute data dir: uploads are kept in {data_dir}/uploads/post-{id}/.
  // Empty: the upload routes answer SERVICE_UNAVAILABLE.
  std::string data_dir;
  // GET /v2/apps/me/webhook-deliveries reads the recent deliveries of an app
  // through this (the dispatcher lives in the app layer); unset: empty list.
  struct WebhookDelivery {
    std::string id, event_type, entity_key, url, error;
    int http_status = 0;
    int64_t duration_ms = 0;
    int64_t at = 0;  // Micros
    bool ok = false;
  };
  std::function<std::vector<WebhookDelivery>(int64_t app_id)> webhook_deliveries;
};

void RegisterApi(Router& router, control::Control& control, const ApiConfig& config);

// The OpenAPI 3 document served at GET /open-api/ffc-app-server.json.
const std::string& OpenApiDocument();

}  // namespace ffsb::http::api
