// Internal to the scenario runner: the state of one run, shared by the step
// loop (scenario_runner.cc), the actions (scenario_actions.cc), the
// expectations (scenario_expect.cc) and the state watcher (scenario_watch.cc).
//
// Thread-safety: the step loop runs on the caller's thread; the watcher on
// its own. Everything both touch (events, changes, last states) is under mu_.
// Ownership: owns the broadcasters and viewers it starts.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "emulator/api/server_api.h"
#include "emulator/play/viewer.h"
#include "emulator/publish/broadcaster.h"
#include "emulator/scenario/scenario_runner.h"

namespace ffsb::emu {

class RunContext {
 public:
  RunContext(const Scenario& s, const RunOptions& o);
  ~RunContext();
  ScenarioReport Run();

  // --- used by actions and expectations (step thread) ---
  double Elapsed() const;
  void Log(const std::string& kind, const std::string& actor, const std::string& text, bool ok = true);
  bool Stopped() const;  // stop flag raised or the scenario timed out
  // Sleeps; false when stopped meanwhile.
  bool SleepFor(double seconds);
  // Calls check() every 100 ms until it returns true or `within` s pass
  // (at least once). *detail is what the last call said.
  bool WaitFor(double within, const std::function<bool(std::string*)>& check, std::string* detail);

  // An expectation's "within" (default def), capped by RunOptions::max_wait_s.
  double Within(const Json& step, double def) const;

  Result<std::string> DoAction(const StepSpec& step);
  Result<std::string> Expect(const StepSpec& step);

  const ServerApi& api() const { return api_; }
  std::string AppUserId(const std::string& member) const;
  long long RoomId(const std::string& room) const;
  Result<Json> StreamKeyOf(const std::string& member) const;
  Result<Json> RoomOf(const std::string& room) const;
  // Replaces {member:ID}, {room:ID}, {streamKey:ID} in every string of j.
  Json Substitute(const Json& j) const;
  int CountTransitions(const std::string& actor, const std::string& to) const;

  const Scenario& scenario() const { return s_; }
  std::map<std::string, std::unique_ptr<Broadcaster>>& broadcasters() { return broadcasters_; }
  std::map<std::string, std::vector<std::unique_ptr<Viewer>>>& viewers() { return viewers_; }

 private:
  Status Setup();
  void Watch();        // the watcher thread's loop
  void WatchOnce();
  void Note(const std::string& actor, const std::string& state);  // records a change
  void StopAll();
  Json StatsJson() const;

  const Scenario& s_;
  RunOptions o_;
  ServerApi api_;
  SystemClock clock_;
  Micros t0_ = 0;
  std::string suffix_;
  std::map<std::string, std::string> app_user_ids_;   // member id -> appUserId
  std::map<std::string, long long> key_ids_;          // member id -> stream key id
  std::map<std::string, long long> room_ids_;         // room id -> numeric id
  std::map<std::string, std::unique_ptr<Broadcaster>> broadcasters_;
  std::map<std::string, std::vector<std::unique_ptr<Viewer>>> viewers_;

  mutable std::mutex mu_;
  ScenarioReport report_;                        // GUARDED_BY(mu_): events, changes
  std::map<std::string, std::string> last_;      // GUARDED_BY(mu_): actor -> last state seen
  std::atomic<bool> watch_stop_{false};
  std::thread watcher_;
};

}  // namespace ffsb::emu
