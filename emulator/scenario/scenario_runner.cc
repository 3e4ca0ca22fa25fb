// The step loop of a scenario run: setup, timeline, cleanup. See scenario_runner.h.
#include "emulator/scenario/scenario_runner.h"

#include <chrono>
#include <regex>

#include "emulator/scenario/run_context.h"
#include "server/base/random.h"

namespace ffsb::emu {

RunContext::RunContext(const Scenario& s, const RunOptions& o)
    : s_(s), o_(o), api_(ApiClient::ForApp(o.api_base, o.app_key, o.app_secret)) {
  report_.name = s.name;
}

RunContext::~RunContext() {
  watch_stop_ = true;
  if (watcher_.joinable()) watcher_.join();
  StopAll();
}

double RunContext::Elapsed() const { return static_cast<double>(clock_.Monotonic() - t0_) / 1e6; }

void RunContext::Log(const std::string& kind, const std::string& actor, const std::string& text, bool ok) {
  std::lock_guard<std::mutex> l(mu_);
  ScenarioEvent e{Elapsed(), kind, actor, text, ok};
  if (o_.out) {
    std::fprintf(o_.out, "[%8.2fs] %-7s %-16s %s%s\n", e.t, kind.c_str(), actor.c_str(), ok ? "" : "FAILED: ",
                 text.c_str());
    std::fflush(o_.out);
  }
  report_.events.push_back(std::move(e));
}

bool RunContext::Stopped() const {
  return (o_.stop && o_.stop->load()) || Elapsed() > s_.timeout_s;
}

bool RunContext::SleepFor(double seconds) {
  auto end = clock_.Monotonic() + static_cast<Micros>(seconds * 1e6);
  while (clock_.Monotonic() < end) {
    if (Stopped()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<Micros>(50, (end - clock_.Monotonic()) / 1000 + 1)));
  }
  return !Stopped();
}

bool RunContext::WaitFor(double within, const std::function<bool(std::string*)>& check, std::string* detail) {
  auto end = clock_.Monotonic() + static_cast<Micros>(within * 1e6);
  for (;;) {
    if (check(detail)) return true;
    if (clock_.Monotonic() >= end || Stopped()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

double RunContext::Within(const Json& step, double def) const {
  double w = step.value("within", def);
  return o_.max_wait_s > 0 ? std::min(w, o_.max_wait_s) : w;
}

std::string RunContext::AppUserId(const std::string& member) const {
  auto it = app_user_ids_.find(member);
  return it == app_user_ids_.end() ? member : it->second;
}

long long RunContext::RoomId(const std::string& room) const {
  auto it = room_ids_.find(room);
  return it == room_ids_.end() ? -1 : it->second;
}

Result<Json> RunContext::StreamKeyOf(const std::string& member) const {
  ApiResponse r = api_.MemberStreamKey(AppUserId(member));
  if (!r.ok()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "stream key of " + member + ": " + r.Describe());
  return r.body;
}

Result<Json> RunContext::RoomOf(const std::string& room) const {
  ApiResponse r = api_.GetRoom(RoomId(room));
  if (!r.ok()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "room " + room + ": " + r.Describe());
  return r.body;
}

Json RunContext::Substitute(const Json& j) const {
  if (j.is_string()) {
    static const std::regex re(R"(\{(member|room|streamKey):([A-Za-z0-9_-]+)\})");
    std::string s = j.get<std::string>(), out;
    std::smatch m;
    while (std::regex_search(s, m, re)) {
      out += m.prefix();
      const std::string kind = m[1], id = m[2];
      if (kind == "member") out += AppUserId(id);
      else if (kind == "room") out += std::to_string(RoomId(id));
      else out += key_ids_.count(id) ? std::to_string(key_ids_.at(id)) : id;
      s = m.suffix();
    }
    return out + s;
  }
  if (j.is_object() || j.is_array()) {
    Json c = j;
    for (auto& v : c) v = Substitute(v);
    return c;
  }
  return j;
}

Status RunContext::Setup() {
  suffix_ = o_.suffix;
  if (s_.unique_ids && suffix_.empty()) {
    SecureRandom rng;
    suffix_ = rng.Hex(6);
  }
  for (const MemberSpec& m : s_.members) {
    Json body = m.body;
    if (s_.unique_ids) body["appUserId"] = body["appUserId"].get<std::string>() + suffix_;
    ApiResponse r = api_.UpsertMember(body);
    if (!r.ok()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "creating member " + m.id + ": " + r.Describe());
    app_user_ids_[m.id] = body["appUserId"].get<std::string>();
    auto key = StreamKeyOf(m.id);
    if (!key.ok()) return key.status();
    key_ids_[m.id] = key->value("id", -1LL);
    report_.actors["members"][m.id] = {{"appUserId", app_user_ids_[m.id]}, {"streamKeyId", key_ids_[m.id]}};
    Log("setup", "member " + m.id,
        "appUserId " + app_user_ids_[m.id] + ", stream key " + std::to_string(key_ids_[m.id]) + " (" +
            key->value("streamKeyState", "?") + ")");
  }
  for (const RoomSpec& rs : s_.rooms) {
    Json body = Substitute(rs.body);
    body["appUserId"] = AppUserId(rs.owner);
    if (!body.contains("scheduledAt")) body["scheduledAt"] = FormatIso8601(clock_.Now() + 3600LL * 1000000);
    ApiResponse r = api_.CreateRoom(body);
    if (!r.ok()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "creating room " + rs.id + ": " + r.Describe());
    room_ids_[rs.id] = r.body.value("id", -1LL);
    report_.actors["rooms"][rs.id] = {{"id", room_ids_[rs.id]}, {"uuid", r.body.value("uuid", "")}};
    Log("setup", "room " + rs.id,
        "id " + std::to_string(room_ids_[rs.id]) + " (" + r.body.value("videoRoomState", "?") + ")");
  }
  return Status::Ok();
}

void RunContext::StopAll() {
  for (auto& [id, vs] : viewers_)
    for (auto& v : vs) v->RequestStop();
  for (auto& [id, vs] : viewers_)
    for (auto& v : vs) v->Stop();
  for (auto& [id, b] : broadcasters_) b->Stop(BreakKind::kClean);
}

ScenarioReport RunContext::Run() {
  t0_ = clock_.Monotonic();
  Log("info", "scenario", s_.name + (s_.description.empty() ? "" : ": " + s_.description));
  if (Status st = Setup(); !st.ok()) {
    Log("setup", "scenario", st.message(), false);
    report_.ok = false;
    report_.error = st.message();
    report_.seconds = Elapsed();
    return report_;
  }
  watcher_ = std::thread([this] { Watch(); });
  double prev_end = Elapsed();
  bool aborted = false;
  for (const StepSpec& step : s_.steps) {
    StepOutcome out;
    out.index = step.index;
    out.what = step.label;
    const std::string actor = "step " + std::to_string(step.index);
    if (aborted) {
      out.ok = false;
      out.skipped = true;
      out.detail = "skipped";
      std::lock_guard<std::mutex> l(mu_);
      report_.steps.push_back(out);
      continue;
    }
    double due = prev_end;
    if (step.at) due = std::max(due, *step.at);
    if (step.after) due = prev_end + *step.after;
    if (due > Elapsed()) SleepFor(due - Elapsed());
    out.start = Elapsed();
    Log("step", actor, step.label);
    Result<std::string> r = Status(ErrorCode::SERVICE_UNAVAILABLE, "scenario stopped or timed out");
    if (!Stopped()) {
      try {
        r = step.is_expect ? Expect(step) : DoAction(step);
      } catch (const Json::exception& e) {  // a field of the wrong type in the step
        r = Status(ErrorCode::INVALID_REQUEST_PARAMETER, std::string("bad step: ") + e.what());
      }
    }
    out.end = prev_end = Elapsed();
    out.ok = r.ok();
    out.detail = r.ok() ? *r : r.status().message();
    Log(step.is_expect ? "expect" : "result", actor, out.detail, out.ok);
    if (!out.ok) {
      report_.ok = false;
      if (!step.continue_on_fail) {
        aborted = true;
        report_.error = "step " + std::to_string(step.index) + " failed: " + out.detail;
      }
    }
    std::lock_guard<std::mutex> l(mu_);
    report_.steps.push_back(out);
  }
  SleepFor(std::min(0.5, s_.poll_s * 2));  // let the watcher see the last changes
  watch_stop_ = true;
  if (watcher_.joinable()) watcher_.join();
  report_.stats = StatsJson();  // before stopping: how they ran
  StopAll();
  report_.seconds = Elapsed();
  Log("info", "scenario", report_.ok ? "passed" : "FAILED" + (report_.error.empty() ? "" : ": " + report_.error),
      report_.ok);
  std::lock_guard<std::mutex> l(mu_);
  return report_;
}

ScenarioReport RunScenario(const Scenario& scenario, const RunOptions& options) {
  RunContext ctx(scenario, options);
  return ctx.Run();
}

}  // namespace ffsb::emu
