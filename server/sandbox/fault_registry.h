// FaultRegistry: the sandbox's chaos rules and deviation modes (docs/sandbox-api.md),
// consulted by hooks on the request path, the media plane and the event fan-out.
//
//  - API faults: a request whose method and path match a rule is answered with
//    the rule's errorCode/status instead of running (Router pre-dispatch hook).
//  - Publish delay: the next N "viewable" signals are held back by a delay.
//  - Deviation modes: switches that make the server break the contract on
//    purpose, so a conformance suite can be shown to catch it.
//
// One-shot actions (drop an ingest, fail the next archive, webhook faults) are
// not kept here: the routes hand them to SandboxActions at once.
//
// Threading: every method may be called from any thread (one mutex; hooks
// hold it for a few comparisons only). Owned by the app's sandbox wiring; it
// must outlive the router and the media loop that consult it.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace ffsb::sandbox {

// The deviation modes this server knows (docs/sandbox-api.md).
inline constexpr std::string_view kSkipActiveLivePrep = "skip_active_live_prep";
inline constexpr std::string_view kRecordPreLive = "record_pre_live";
std::vector<std::string> KnownDeviations();

struct ApiFault {
  std::string method;        // "POST"; "*" or "" matches any
  std::string path;          // glob over the decoded path: "*" matches within a segment, "**" across
  std::string error_code;    // "REQUEST_LOCKED"
  int status = 500;
  int count = 0;             // > 0: the next `count` matching requests; 0: until removed
};

struct InjectedError {
  int status = 500;
  std::string error_code;
};

// Glob match used by API faults; exposed for tests.
bool PathGlobMatch(std::string_view pattern, std::string_view path);

class FaultRegistry {
 public:
  // Each Add answers the rule's id (shown by List, removable by Remove).
  int64_t AddApiFault(ApiFault fault);
  int64_t AddPublishDelay(int delay_ms, int count);
  int64_t AddDeviation(std::string mode);  // REQUIRES: mode in KnownDeviations()
  bool Remove(int64_t id);
  void Clear();
  // Active rules as JSON objects, in the shape POST /_sandbox/chaos/faults takes, plus "id".
  nlohmann::json List() const;

  // Hooks. Each consumes one use of a counted rule.
  std::optional<InjectedError> MatchApi(std::string_view method, std::string_view path);
  int TakePublishDelayMs();  // 0: none
  bool Deviation(std::string_view mode) const;

 private:
  struct Rule {
    int64_t id = 0;
    std::string type;  // "api_error", "publish_delay", "deviation"
    ApiFault api;
    int delay_ms = 0;
    int remaining = 0;  // counted rules; 0 = unlimited
    std::string mode;
  };
  int64_t AddLocked(Rule r);
  static nlohmann::json ToJson(const Rule& r);

  mutable std::mutex mu_;
  int64_t next_id_ = 1;      // GUARDED_BY(mu_)
  std::vector<Rule> rules_;  // GUARDED_BY(mu_)
};

}  // namespace ffsb::sandbox
