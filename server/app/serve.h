// `ffsandbox serve`: builds every layer from a ServeConfig, runs until
// SIGTERM/SIGINT, then shuts down cleanly (HTTP first, then ingests, then
// workers, then the store). Returns the process exit code.
#pragma once

#include "server/app/config.h"

namespace ffsb::app {

int RunServe(const ServeConfig& config);

}  // namespace ffsb::app
