// ScenarioReport: the JSON report (`ffemu run --report FILE`, Python's
// Scenario.run()) and the end-of-run table of what happened when.
#include <cstdio>

#include "emulator/scenario/scenario_runner.h"

namespace ffsb::emu {
namespace {
std::string Fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof(b), f, v);
  return b;
}
std::string Pad(std::string s, size_t w) {
  if (s.size() > w) return s.substr(0, w - 1) + "~";
  return s + std::string(w - s.size(), ' ');
}
}  // namespace

Json ScenarioReport::ToJson() const {
  Json j = {{"scenario", name}, {"ok", ok}, {"seconds", seconds}, {"actors", actors}, {"stats", stats}};
  if (!error.empty()) j["error"] = error;
  j["steps"] = Json::array();
  for (const StepOutcome& s : steps)
    j["steps"].push_back({{"index", s.index}, {"what", s.what}, {"start", s.start}, {"end", s.end},
                          {"ok", s.ok}, {"skipped", s.skipped}, {"detail", s.detail}});
  j["stateChanges"] = Json::array();
  for (const StateChange& c : changes)
    j["stateChanges"].push_back({{"t", c.t}, {"actor", c.actor}, {"from", c.from}, {"to", c.to}});
  j["events"] = Json::array();
  for (const ScenarioEvent& e : events)
    j["events"].push_back({{"t", e.t}, {"kind", e.kind}, {"actor", e.actor}, {"text", e.text}, {"ok", e.ok}});
  return j;
}

std::string ScenarioReport::Table() const {
  std::string o = "\n== " + name + ": " + (ok ? "PASSED" : "FAILED") + " in " + Fmt("%.1f s", seconds) + " ==\n";
  o += "  #   start     end  " + Pad("step", 34) + " result\n";
  for (const StepOutcome& s : steps) {
    o += Fmt("%3.0f", s.index) + " " + (s.skipped ? "      -       -" : Fmt("%7.2f", s.start) + " " + Fmt("%7.2f", s.end)) +
         "  " + Pad(s.what, 34) + " " + (s.skipped ? "skipped" : s.ok ? "ok   " : "FAIL ") +
         (s.skipped ? "" : " " + s.detail) + "\n";
  }
  if (!changes.empty()) {
    o += "\n  state changes\n      t  " + Pad("actor", 22) + " change\n";
    for (const StateChange& c : changes)
      o += Fmt("%7.2f", c.t) + "  " + Pad(c.actor, 22) + " " + (c.from.empty() ? "" : c.from + " -> ") + c.to + "\n";
  }
  if (!error.empty()) o += "\n  " + error + "\n";
  return o;
}

}  // namespace ffsb::emu
