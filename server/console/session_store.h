// Console sign-in sessions, in memory only (a restart signs everyone out,
// which is fine for a sandbox). A session is an opaque 256-bit random token
// carried in an HttpOnly, SameSite=Strict cookie; it expires after `idle_ttl`
// without use and, regardless of use, after `absolute_ttl`.
//
// Thread-safety: every method may be called from any HTTP worker thread
// (one mutex). Ownership: borrows the Clock and Random, which must outlive it.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "server/base/clock.h"
#include "server/base/random.h"

namespace ffsb::console {

inline constexpr const char* kSessionCookie = "ffsb_console";

struct Session {
  std::string username;
  Micros created_at = 0;
  Micros last_used_at = 0;
};

class SessionStore {
 public:
  struct Options {
    Micros idle_ttl = Micros{8} * 3600 * 1'000'000;       // 8 h
    Micros absolute_ttl = Micros{24} * 3600 * 1'000'000;  // 24 h
    size_t max_sessions = 1000;                           // oldest evicted beyond this
  };

  SessionStore(const Clock& clock, Random& random, Options options);
  SessionStore(const Clock& clock, Random& random) : SessionStore(clock, random, Options()) {}

  // A new session's token (64 hex characters).
  std::string Create(const std::string& username);
  // The live session for a token, refreshing its idle timer; nullopt when
  // unknown or expired (an expired one is removed).
  std::optional<Session> Touch(const std::string& token);
  void Revoke(const std::string& token);
  size_t size() const;

 private:
  bool Expired(const Session& s, Micros now) const;

  const Clock& clock_;
  Random& random_;  // guarded by mu_ (SecureRandom is thread-safe; a seeded one is not)
  const Options options_;
  mutable std::mutex mu_;
  std::map<std::string, Session> sessions_;  // guarded by mu_
};

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> CookieValue(const std::string& cookie_header, const std::string& name);

}  // namespace ffsb::console
