// LookupTransition: the one table walk behind every state machine here.
// A machine is a constant array of {from, event, to} rows; an event in a state
// with no row is refused with the machine's code and a message naming the
// states the event is allowed from.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb::domain {

// `what` names the entity in the refusal message ("stream key", "video room").
// ToString(State) and ToString(Event) are found by argument-dependent lookup.
template <typename Row, typename State, typename Event, size_t N>
Result<State> LookupTransition(const Row (&rows)[N], State from, Event event, ErrorCode refusal,
                               std::string_view what) {
  std::string allowed;
  for (const auto& r : rows) {
    if (r.event != event) continue;
    if (r.from == from) return r.to;
    if (!allowed.empty()) allowed += ", ";
    allowed += ToString(r.from);
  }
  return Status(refusal, std::string(what) + " is " + std::string(ToString(from)) + "; " +
                             std::string(ToString(event)) + " needs " + allowed);
}

}  // namespace ffsb::domain
