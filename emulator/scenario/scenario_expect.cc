// The "expect" steps of a scenario: wait (up to "within" seconds) for a
// stream key or room state, a video post's state, a broadcaster's state, a
// viewer's measurements; or count the state changes the watcher saw.
#include <cstdio>

#include "emulator/scenario/run_context.h"

namespace ffsb::emu {
namespace {

Status Fail(const std::string& what) { return Status(ErrorCode::SERVICE_UNAVAILABLE, what); }

std::string Str(const Json& j, const char* k, const std::string& def = "") {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : def;
}

std::string Secs(double s) {
  char b[32];
  std::snprintf(b, sizeof(b), "%.1f s", s);
  return b;
}

// Compares `want` (field -> value) with `got`; describes the first mismatch.
bool Matches(const Json& got, const Json& want, std::string* why) {
  for (const auto& [k, v] : want.items()) {
    Json g = got.contains(k) ? got[k] : Json(nullptr);
    if (g != v) {
      *why = k + "=" + g.dump();
      return false;
    }
  }
  *why = "";
  for (const auto& [k, v] : want.items()) *why += (why->empty() ? "" : " ") + k + "=" + v.dump();
  return true;
}

// The field map an expectation asks for: "fields" plus the shorthands.
Json Wanted(const Json& a, const char* state_field) {
  Json want = a.value("fields", Json::object());
  if (a.contains("state")) want[state_field] = a["state"];
  for (const char* k : {"vodState", "forciblyTerminated", "streamKeyState", "videoRoomState"})
    if (a.contains(k)) want[k] = a[k];
  return want;
}

}  // namespace

Result<std::string> RunContext::Expect(const StepSpec& step) {
  const Json& a = step.args;
  const std::string& n = step.name;
  const double t_start = Elapsed();
  std::string detail;
  auto done = [&](bool ok) -> Result<std::string> {
    std::string text = detail + " after " + Secs(Elapsed() - t_start);
    if (ok) return text;
    return Fail(text);
  };

  if (n == "streamKey" || n == "room") {
    const bool key = n == "streamKey";
    Json want = Wanted(a, key ? "streamKeyState" : "videoRoomState");
    if (want.empty()) return Fail("nothing to expect: give state or fields");
    const std::string who = key ? Str(a, "member") : Str(a, "room");
    bool ok = WaitFor(Within(a, 10.0), [&](std::string* d) {
      Result<Json> got = key ? StreamKeyOf(who) : RoomOf(who);
      if (!got.ok()) { *d = got.status().message(); return false; }
      return Matches(*got, want, d);
    }, &detail);
    return done(ok);
  }
  if (n == "post") {
    const std::string want = Str(a, "state", "PROCESSED");
    bool failed = false;
    bool ok = WaitFor(Within(a, 120.0), [&](std::string* d) {
      auto room = RoomOf(Str(a, "room"));
      if (!room.ok()) { *d = room.status().message(); return false; }
      if (!room->contains("videoPost") || !(*room)["videoPost"].is_object()) { *d = "no video post yet"; return false; }
      long long id = (*room)["videoPost"].value("id", -1LL);
      ApiResponse p = api_.GetPost(id);
      if (!p.ok()) { *d = "post " + std::to_string(id) + ": " + p.Describe(); return false; }
      std::string st = p.body.value("videoPostState", "?");
      *d = "post " + std::to_string(id) + " " + st;
      if (st.rfind("FAILED", 0) == 0 && want.rfind("FAILED", 0) != 0) failed = true;
      return st == want || failed;
    }, &detail);
    return done(ok && !failed);
  }
  if (n == "broadcaster") {
    auto it = broadcasters_.find(Str(a, "broadcaster"));
    if (it == broadcasters_.end()) return Fail("broadcaster never published");
    const std::string want = Str(a, "state", "on");
    bool ok = WaitFor(Within(a, 10.0), [&](std::string* d) {
      BroadcasterStats s = it->second->stats();
      *d = "broadcaster " + s.state + (s.error.empty() ? "" : " (" + s.error + ")");
      return s.state == want;
    }, &detail);
    return done(ok);
  }
  if (n == "viewer") {
    auto it = viewers_.find(Str(a, "viewer"));
    if (it == viewers_.end()) return Fail("viewer never played");
    const double pct = a.value("percentile", 95.0);
    bool ok = WaitFor(Within(a, 0.0), [&](std::string* d) {
      int i = 0;
      double worst_latency = 0, worst_startup = 0;
      uint64_t min_frames = UINT64_MAX;
      int max_stalls = 0;
      for (const auto& v : it->second) {
        ++i;
        ViewerStats s = v->stats();
        const std::string who = it->second.size() > 1 ? "viewer #" + std::to_string(i) + " " : "viewer ";
        if (a.value("playing", true) && !s.running) { *d = who + "stopped: " + s.error; return false; }
        min_frames = std::min(min_frames, s.video_frames);
        max_stalls = std::max(max_stalls, s.stalls);
        if (a.contains("minFrames") && s.video_frames < a["minFrames"].get<uint64_t>()) {
          *d = who + "has " + std::to_string(s.video_frames) + " frames";
          return false;
        }
        if (a.contains("maxStalls") && s.stalls > a["maxStalls"].get<int>()) {
          *d = who + "stalled " + std::to_string(s.stalls) + " times";
          return false;
        }
        if (a.contains("maxStartupMs")) {
          if (!s.startup_ms || *s.startup_ms > a["maxStartupMs"].get<double>()) {
            *d = who + "startup " + (s.startup_ms ? std::to_string(static_cast<int>(*s.startup_ms)) + " ms" : "not yet");
            return false;
          }
          worst_startup = std::max(worst_startup, *s.startup_ms);
        }
        if (a.contains("maxLatencyMs")) {
          auto l = v->stats().latency_samples ? (pct >= 95 ? s.latency_p95_ms : s.latency_p50_ms) : std::nullopt;
          if (!l || *l > a["maxLatencyMs"].get<double>()) {
            *d = who + "latency p" + std::to_string(static_cast<int>(pct)) + " " +
                 (l ? std::to_string(static_cast<int>(*l)) + " ms" : "unmeasured");
            return false;
          }
          worst_latency = std::max(worst_latency, *l);
        }
      }
      *d = std::to_string(i) + " viewer(s): min frames " + std::to_string(min_frames) + ", max stalls " +
           std::to_string(max_stalls);
      if (a.contains("maxLatencyMs")) *d += ", worst latency p" + std::to_string(static_cast<int>(pct)) + " " +
                                            std::to_string(static_cast<int>(worst_latency)) + " ms";
      if (a.contains("maxStartupMs")) *d += ", worst startup " + std::to_string(static_cast<int>(worst_startup)) + " ms";
      return true;
    }, &detail);
    return done(ok);
  }
  if (n == "transitions") {
    std::string actor = a.contains("member") ? "key " + Str(a, "member")
                        : a.contains("room") ? "room " + Str(a, "room")
                                             : "broadcaster " + Str(a, "broadcaster");
    const std::string state = Str(a, "state");
    const int at_least = a.value("atLeast", 1);
    const int at_most = a.value("atMost", 1 << 30);
    bool ok = WaitFor(Within(a, 0.0), [&](std::string* d) {
      int c = CountTransitions(actor, state);
      *d = actor + " entered " + state + " " + std::to_string(c) + " time(s)";
      return c >= at_least && c <= at_most;
    }, &detail);
    return done(ok);
  }
  return Fail("unknown expectation " + n);
}

}  // namespace ffsb::emu
