// The user console (contract §9): a single-page app under /console, its JSON
// API under /console/api, and the Swagger UI page at /open-api/. See
// docs/console.md.
//
// Wiring (main):
//   auto gen = console::EnsureOperator(data_dir, flag_password, random);  // print *gen once if set
//   auto events = std::make_shared<console::ConsoleEvents>(clock); events->Start();
//   console::RegisterConsole(router, control, {.data_dir = ..., .web_dir = ..., .events = events});
//   ... domain event fan-out: events->Publish(app_id, webhook_body);
//
// Thread-safety: register before the server starts; the handlers then run on
// any HTTP worker. Ownership: the handlers keep the console's state (sessions,
// limiter, events) alive through shared_ptrs; the Router and the Control
// passed in must outlive the server.
#pragma once

#include <memory>
#include <string>

#include "server/base/clock.h"
#include "server/base/random.h"
#include "server/console/app_directory.h"
#include "server/console/console_events.h"
#include "server/console/session_store.h"
#include "server/console/sign_in_limiter.h"
#include "server/http/router.h"

namespace ffsb::control {
class Control;
}

namespace ffsb::console {

// The source tree's web/ directory, baked in at compile time.
std::string DefaultWebDir();

struct ConsoleConfig {
  std::string data_dir;                   // where the operator account lives (operator_account.h)
  std::string web_dir = DefaultWebDir();  // holds console/, open-api/, node_modules/
  std::shared_ptr<ConsoleEvents> events;  // null: no live updates (pages still refresh on actions)
  const Clock* clock = nullptr;           // null: the system clock
  Random* random = nullptr;               // null: SecureRandom (must be thread-safe)
  SessionStore::Options sessions;
  SignInLimiter::Options sign_in;
};

// Registers every console route on `router`. The app routes go through
// `control`; the in-app pages are re-dispatched to the server API handlers
// already registered on the same router (RegisterApi).
void RegisterConsole(http::Router& router, control::Control& control, const ConsoleConfig& config);

// The same over any AppDirectory (tests use a fake).
void RegisterConsoleWithDirectory(http::Router& router, std::shared_ptr<AppDirectory> apps,
                                  const ConsoleConfig& config);

}  // namespace ffsb::console
