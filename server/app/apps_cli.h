// `ffsandbox apps create NAME` and `ffsandbox apps list`: manage apps in a
// data dir (the same database the server uses; safe while it runs, WAL).
#pragma once

#include <string>
#include <vector>

namespace ffsb::app {

int RunAppsCommand(const std::vector<std::string>& args);

}  // namespace ffsb::app
