#include "server/console/console_context.h"

#ifndef FFS_CONSOLE_DEFAULT_WEB_DIR
#define FFS_CONSOLE_DEFAULT_WEB_DIR "web"
#endif

namespace ffsb::console {

std::string DefaultWebDir() { return FFS_CONSOLE_DEFAULT_WEB_DIR; }

void RegisterConsoleWithDirectory(http::Router& router, std::shared_ptr<AppDirectory> apps,
                                  const ConsoleConfig& config) {
  auto ctx = std::make_shared<ConsoleContext>(config, std::move(apps), router);
  AddSessionRoutes(router, ctx);
  AddAppRoutes(router, ctx);
  AddPassthroughRoutes(router, ctx);
  AddStaticRoutes(router, ctx);
}

}  // namespace ffsb::console
