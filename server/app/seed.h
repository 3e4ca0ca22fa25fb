// The default app: with --app-key/--app-secret it exists with exactly those
// credentials (created on first start; a different secret for the same key
// is refused, so CI never runs against credentials it did not set). Without
// them, the first start on an empty data dir creates one with random
// credentials and prints them once.
#pragma once

#include "server/app/config.h"
#include "server/control/control.h"

namespace ffsb::app {

// false (after printing why) when the server must not start.
bool SeedDefaultApp(control::Control& control, const ServeConfig& config);

}  // namespace ffsb::app
