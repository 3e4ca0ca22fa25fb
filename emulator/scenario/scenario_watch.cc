// The state watcher of a scenario run: polls every member's stream key and
// every room through the API, and every broadcaster, each `poll` seconds,
// and logs each change ("key alice: ACTIVE -> ACTIVE_LIVE"). Also the
// statistics snapshot of broadcasters and viewers for the report.
#include <chrono>

#include "emulator/scenario/run_context.h"

namespace ffsb::emu {
namespace {
Json Opt(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
}  // namespace

void RunContext::Note(const std::string& actor, const std::string& state) {
  std::string from;
  {
    std::lock_guard<std::mutex> l(mu_);
    auto it = last_.find(actor);
    if (it != last_.end() && it->second == state) return;
    from = it == last_.end() ? "" : it->second;
    last_[actor] = state;
    report_.changes.push_back({Elapsed(), actor, from, state});
  }
  Log("state", actor, (from.empty() ? "" : from + " -> ") + state);
}

int RunContext::CountTransitions(const std::string& actor, const std::string& to) const {
  std::lock_guard<std::mutex> l(mu_);
  int n = 0;
  for (const StateChange& c : report_.changes)
    if (c.actor == actor && c.to == to) ++n;
  return n;
}

void RunContext::WatchOnce() {
  for (const auto& [member, app_user_id] : app_user_ids_) {
    ApiResponse r = api_.MemberStreamKey(app_user_id);
    if (r.ok()) Note("key " + member, r.body.value("streamKeyState", "?"));
  }
  for (const auto& [room, id] : room_ids_) {
    ApiResponse r = api_.GetRoom(id);
    if (!r.ok()) continue;
    Note("room " + room, r.body.value("videoRoomState", "?"));
    if (r.body.contains("vodState") && r.body["vodState"].is_string()) Note("vod " + room, r.body["vodState"]);
  }
  std::vector<std::pair<std::string, BroadcasterStats>> bs;
  {
    std::lock_guard<std::mutex> l(mu_);
    for (const auto& [id, b] : broadcasters_) bs.emplace_back(id, b->stats());
  }
  for (const auto& [id, st] : bs) Note("broadcaster " + id, st.state + (st.error.empty() ? "" : " (" + st.error + ")"));
}

void RunContext::Watch() {
  while (!watch_stop_) {
    auto next = std::chrono::steady_clock::now() + std::chrono::duration<double>(s_.poll_s);
    WatchOnce();
    while (!watch_stop_ && std::chrono::steady_clock::now() < next)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

Json RunContext::StatsJson() const {
  Json out = {{"broadcasters", Json::object()}, {"viewers", Json::object()}};
  std::lock_guard<std::mutex> l(mu_);
  for (const auto& [id, b] : broadcasters_) {
    BroadcasterStats s = b->stats();
    out["broadcasters"][id] = {{"state", s.state},          {"videoFrames", s.video_frames},
                               {"bytes", s.bytes},          {"connections", s.connections},
                               {"breaks", s.breaks},        {"seconds", s.seconds},
                               {"error", s.error}};
  }
  for (const auto& [id, vs] : viewers_) {
    Json list = Json::array();
    for (const auto& v : vs) {
      ViewerStats s = v->stats();
      list.push_back({{"protocol", s.protocol},
                      {"running", s.running},
                      {"startupMs", Opt(s.startup_ms)},
                      {"videoFrames", s.video_frames},
                      {"audioFrames", s.audio_frames},
                      {"bytes", s.bytes},
                      {"stalls", s.stalls},
                      {"latencyMs", {{"min", Opt(s.latency_min_ms)}, {"p50", Opt(s.latency_p50_ms)},
                                     {"p95", Opt(s.latency_p95_ms)}, {"max", Opt(s.latency_max_ms)},
                                     {"samples", s.latency_samples}}},
                      {"error", s.error}});
    }
    out["viewers"][id] = list;
  }
  return out;
}

}  // namespace ffsb::emu
