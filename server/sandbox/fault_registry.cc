#include "server/sandbox/fault_registry.h"

#include <algorithm>

namespace ffsb::sandbox {

std::vector<std::string> KnownDeviations() {
  // record_pre_live is reserved (docs/sandbox-api.md): not implemented yet.
  return {std::string(kSkipActiveLivePrep)};
}

bool PathGlobMatch(std::string_view p, std::string_view s) {
  if (p.empty()) return s.empty();
  if (p.substr(0, 2) == "**") {
    for (size_t i = 0; i <= s.size(); ++i)
      if (PathGlobMatch(p.substr(2), s.substr(i))) return true;
    return false;
  }
  if (p[0] == '*') {
    for (size_t i = 0; i <= s.size(); ++i) {
      if (PathGlobMatch(p.substr(1), s.substr(i))) return true;
      if (i < s.size() && s[i] == '/') break;
    }
    return false;
  }
  return !s.empty() && p[0] == s[0] && PathGlobMatch(p.substr(1), s.substr(1));
}

int64_t FaultRegistry::AddLocked(Rule r) {
  r.id = next_id_++;
  rules_.push_back(std::move(r));
  return rules_.back().id;
}

int64_t FaultRegistry::AddApiFault(ApiFault fault) {
  std::lock_guard lock(mu_);
  Rule r;
  r.type = "api_error";
  r.remaining = fault.count;
  r.api = std::move(fault);
  return AddLocked(std::move(r));
}

int64_t FaultRegistry::AddPublishDelay(int delay_ms, int count) {
  std::lock_guard lock(mu_);
  Rule r;
  r.type = "publish_delay";
  r.delay_ms = delay_ms;
  r.remaining = count;
  return AddLocked(std::move(r));
}

int64_t FaultRegistry::AddDeviation(std::string mode) {
  std::lock_guard lock(mu_);
  for (const Rule& r : rules_)
    if (r.type == "deviation" && r.mode == mode) return r.id;
  Rule r;
  r.type = "deviation";
  r.mode = std::move(mode);
  return AddLocked(std::move(r));
}

bool FaultRegistry::Remove(int64_t id) {
  std::lock_guard lock(mu_);
  auto it = std::find_if(rules_.begin(), rules_.end(), [id](const Rule& r) { return r.id == id; });
  if (it == rules_.end()) return false;
  rules_.erase(it);
  return true;
}

void FaultRegistry::Clear() {
  std::lock_guard lock(mu_);
  rules_.clear();
}

nlohmann::json FaultRegistry::ToJson(const Rule& r) {
  nlohmann::json j{{"id", r.id}, {"type", r.type}};
  if (r.type == "api_error") {
    j["method"] = r.api.method;
    j["path"] = r.api.path;
    j["errorCode"] = r.api.error_code;
    j["status"] = r.api.status;
    j["count"] = r.remaining;
  } else if (r.type == "publish_delay") {
    j["seconds"] = r.delay_ms / 1000.0;
    j["count"] = r.remaining;
  } else {
    j["mode"] = r.mode;
  }
  return j;
}

nlohmann::json FaultRegistry::List() const {
  std::lock_guard lock(mu_);
  nlohmann::json out = nlohmann::json::array();
  for (const Rule& r : rules_) out.push_back(ToJson(r));
  return out;
}

std::optional<InjectedError> FaultRegistry::MatchApi(std::string_view method, std::string_view path) {
  std::lock_guard lock(mu_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (it->type != "api_error") continue;
    const ApiFault& f = it->api;
    if (!f.method.empty() && f.method != "*" && f.method != method) continue;
    if (!PathGlobMatch(f.path, path)) continue;
    InjectedError e{f.status, f.error_code};
    if (it->remaining > 0 && --it->remaining == 0) rules_.erase(it);
    return e;
  }
  return std::nullopt;
}

int FaultRegistry::TakePublishDelayMs() {
  std::lock_guard lock(mu_);
  for (auto it = rules_.begin(); it != rules_.end(); ++it) {
    if (it->type != "publish_delay") continue;
    int ms = it->delay_ms;
    if (it->remaining > 0 && --it->remaining == 0) rules_.erase(it);
    return ms;
  }
  return 0;
}

bool FaultRegistry::Deviation(std::string_view mode) const {
  std::lock_guard lock(mu_);
  return std::any_of(rules_.begin(), rules_.end(),
                     [mode](const Rule& r) { return r.type == "deviation" && r.mode == mode; });
}

}  // namespace ffsb::sandbox
