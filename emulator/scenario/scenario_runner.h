// Runs a Scenario against a live server: creates the actors (members and
// their stream keys, rooms), plays the timeline in order (each step not
// before its "at" time), watches stream-key, room and broadcaster states in
// the background and logs every change, prints a live timeline (one line per
// event with the elapsed time) and returns a report: per-step results, the
// state changes, broadcaster and viewer statistics. ok is false when any
// expectation or action failed. Broadcasters and viewers are always stopped
// before RunScenario returns.
//
// Thread-safety: RunScenario blocks the calling thread (and must not hold
// Python's GIL); the stop flag may be raised from any thread.
#pragma once

#include <atomic>
#include <cstdio>
#include <string>
#include <vector>

#include "emulator/scenario/scenario.h"

namespace ffsb::emu {

struct RunOptions {
  std::string api_base;    // http://host:port
  std::string app_key, app_secret;
  FILE* out = stdout;      // live timeline; null for none
  std::string suffix;      // appended to appUserIds ("" = random, when the scenario wants unique ids)
  const std::atomic<bool>* stop = nullptr;
  double max_wait_s = 0;   // > 0: caps every expectation's "within" (fail fast in CI)
};

struct ScenarioEvent {
  double t = 0;       // seconds since the run started
  std::string kind;   // setup | step | result | state | expect | info
  std::string actor;  // "key alice", "room show", "step 3", ...
  std::string text;
  bool ok = true;
};

struct StepOutcome {
  int index = 0;
  std::string what;
  double start = 0, end = 0;
  bool ok = true;
  bool skipped = false;
  std::string detail;
};

struct StateChange {
  double t = 0;
  std::string actor;  // "key alice", "room show", "broadcaster cam"
  std::string from, to;
};

struct ScenarioReport {
  std::string name;
  bool ok = true;
  std::string error;  // setup failure or abort reason
  double seconds = 0;
  std::vector<ScenarioEvent> events;
  std::vector<StepOutcome> steps;
  std::vector<StateChange> changes;
  Json actors = Json::object();   // members/rooms as created (appUserId, ids)
  Json stats = Json::object();    // broadcasters and viewers at the end

  Json ToJson() const;
  // The "what happened when" table printed at the end of `ffemu run`.
  std::string Table() const;
};

ScenarioReport RunScenario(const Scenario& scenario, const RunOptions& options);

}  // namespace ffsb::emu
