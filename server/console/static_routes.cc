// GET /console, /console/*, /console/vendor/*, /open-api/ (console_files.h).
#include "server/console/console_context.h"
#include "server/console/console_files.h"

namespace ffsb::console {

void AddStaticRoutes(http::Router& router, std::shared_ptr<ConsoleContext> ctx) {
  router.Add("GET", "/console", [ctx](http::Request&) {
    return FileResponse(ResolveConsoleFile(ctx->config.web_dir, ""), "no-cache");
  });
  router.Add("GET", "/console/*", [ctx](http::Request& req) {
    return FileResponse(ResolveConsoleFile(ctx->config.web_dir, req.params["*"]), "no-cache");
  });
  router.Add("GET", "/console/vendor/*", [ctx](http::Request& req) {
    return FileResponse(ResolveVendorFile(ctx->config.web_dir, req.params["*"]), "public, max-age=86400");
  });
  // The Swagger UI page (its document, /open-api/ffc-app-server.json, is the API's).
  router.Add("GET", "/open-api", [ctx](http::Request&) {
    return FileResponse(ResolveOpenApiPageFile(ctx->config.web_dir, ""), "no-cache");
  });
  for (const char* f : {"index.html", "open-api.js", "open-api.css"}) {
    router.Add("GET", std::string("/open-api/") + f, [ctx, f](http::Request&) {
      return FileResponse(ResolveOpenApiPageFile(ctx->config.web_dir, f), "no-cache");
    });
  }
}

}  // namespace ffsb::console
