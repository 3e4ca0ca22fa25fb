#include "server/console/sign_in_limiter.h"

namespace ffsb::console {

int SignInLimiter::RetryAfterSeconds(const std::string& client) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(client);
  if (it == entries_.end()) return 0;
  Micros elapsed = clock_.Monotonic() - it->second.first_failure;
  if (elapsed >= options_.window) {
    entries_.erase(it);
    return 0;
  }
  if (it->second.failures < options_.max_failures) return 0;
  return static_cast<int>((options_.window - elapsed + 999'999) / 1'000'000);
}

void SignInLimiter::RecordFailure(const std::string& client) {
  std::lock_guard lock(mu_);
  Micros now = clock_.Monotonic();
  auto it = entries_.find(client);
  if (it != entries_.end() && now - it->second.first_failure >= options_.window) {
    entries_.erase(it);
    it = entries_.end();
  }
  if (it == entries_.end()) {
    if (entries_.size() >= options_.max_tracked) {
      for (auto e = entries_.begin(); e != entries_.end();)
        e = now - e->second.first_failure >= options_.window ? entries_.erase(e) : std::next(e);
      while (entries_.size() >= options_.max_tracked) {
        auto oldest = entries_.begin();
        for (auto e = entries_.begin(); e != entries_.end(); ++e)
          if (e->second.first_failure < oldest->second.first_failure) oldest = e;
        entries_.erase(oldest);
      }
    }
    it = entries_.emplace(client, Entry{0, now}).first;
  }
  ++it->second.failures;
}

void SignInLimiter::RecordSuccess(const std::string& client) {
  std::lock_guard lock(mu_);
  entries_.erase(client);
}

std::string ClientAddress(const std::string& remote_addr) {
  if (!remote_addr.empty() && remote_addr.front() == '[') {
    size_t close = remote_addr.find(']');
    return close == std::string::npos ? remote_addr : remote_addr.substr(1, close - 1);
  }
  size_t colon = remote_addr.rfind(':');
  if (colon == std::string::npos || remote_addr.find(':') != colon) return remote_addr;  // no port, or bare IPv6
  return remote_addr.substr(0, colon);
}

}  // namespace ffsb::console
