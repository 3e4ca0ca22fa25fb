// GET /open-api/ffc-app-server.json: the OpenAPI 3 document of the API,
// written by hand in openapi/ffc-app-server.json and embedded at build time
// (openapi_doc.cc is generated from it by CMake). The api_openapi_test
// compares its paths with the Router's routes so the two cannot drift.
#include "server/http/api/handlers.h"

namespace ffsb::http::api {

extern const char* const kOpenApiJson;  // openapi_doc.cc (generated)

const std::string& OpenApiDocument() {
  static const std::string doc(kOpenApiJson);
  return doc;
}

void RegisterOpenApi(const Ctx& ctx) {
  ctx.router.Add("GET", "/open-api/ffc-app-server.json", [](Request&) {
    Response r;
    r.status = 200;
    r.body = OpenApiDocument();
    return r;
  });
}

}  // namespace ffsb::http::api
