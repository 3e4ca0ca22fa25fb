#include "server/console/session_store.h"

namespace ffsb::console {

SessionStore::SessionStore(const Clock& clock, Random& random, Options options)
    : clock_(clock), random_(random), options_(options) {}

bool SessionStore::Expired(const Session& s, Micros now) const {
  return now - s.last_used_at >= options_.idle_ttl || now - s.created_at >= options_.absolute_ttl;
}

std::string SessionStore::Create(const std::string& username) {
  std::lock_guard lock(mu_);
  Micros now = clock_.Monotonic();
  // Drop expired sessions, then the oldest ones while over the cap.
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = Expired(it->second, now) ? sessions_.erase(it) : std::next(it);
  while (sessions_.size() >= options_.max_sessions && !sessions_.empty()) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
      if (it->second.created_at < oldest->second.created_at) oldest = it;
    sessions_.erase(oldest);
  }
  std::string token = random_.Hex(64);
  sessions_[token] = Session{username, now, now};
  return token;
}

std::optional<Session> SessionStore::Touch(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end()) return std::nullopt;
  Micros now = clock_.Monotonic();
  if (Expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_used_at = now;
  return it->second;
}

void SessionStore::Revoke(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
}

size_t SessionStore::size() const {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

std::optional<std::string> CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view item(header.data() + pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
    pos = end + 1;
  }
  return std::nullopt;
}

}  // namespace ffsb::console
