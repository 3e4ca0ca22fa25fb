// The sandbox control API under /_sandbox/ (docs/sandbox-api.md), in the
// manner of LocalStack: reset the state, inject faults, switch on deviation
// modes. Registered only when `ffsandbox serve --sandbox-api` is given.
//
//   GET    /_sandbox/health           capabilities, known fault types and deviations
//   POST   /_sandbox/state/reset      empty all data (apps and system profiles stay)
//   GET    /_sandbox/chaos/faults     active rules
//   POST   /_sandbox/chaos/faults     add rules (a JSON object or a list of them)
//   DELETE /_sandbox/chaos/faults     remove every rule (and webhook faults)
//   DELETE /_sandbox/chaos/faults/{id}
//
// Threading: the handlers run on HTTP workers; registry and actions are
// thread-safe and must outlive the router.
#pragma once

#include "server/http/router.h"
#include "server/sandbox/fault_registry.h"
#include "server/sandbox/sandbox_actions.h"

namespace ffsb::sandbox {

void RegisterSandboxRoutes(http::Router& router, FaultRegistry& registry, SandboxActions& actions);

// Applies one rule object (see docs/sandbox-api.md); answers what was done,
// e.g. {"id": 3, "type": "api_error"} or {"type": "drop_ingest", "applied": true}.
Result<nlohmann::json> ApplyFault(const nlohmann::json& rule, FaultRegistry& registry, SandboxActions& actions);

}  // namespace ffsb::sandbox
