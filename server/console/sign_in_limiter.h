// Slows down password guessing on the console sign-in: after `max_failures`
// failed attempts from one client address within `window`, further attempts
// from it are refused (429) until the window has passed since the first
// counted failure. A success clears the address's count. Memory is bounded:
// at most `max_tracked` addresses are tracked (stale ones are pruned first,
// then the oldest).
//
// Thread-safety: any thread (one mutex). Borrows the Clock.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "server/base/clock.h"

namespace ffsb::console {

class SignInLimiter {
 public:
  struct Options {
    int max_failures = 5;
    Micros window = Micros{5} * 60 * 1'000'000;  // 5 min
    size_t max_tracked = 10'000;
  };
  SignInLimiter(const Clock& clock, Options options) : clock_(clock), options_(options) {}
  explicit SignInLimiter(const Clock& clock) : SignInLimiter(clock, Options()) {}

  // 0 when `client` may try now; otherwise the seconds to wait.
  int RetryAfterSeconds(const std::string& client);
  void RecordFailure(const std::string& client);
  void RecordSuccess(const std::string& client);

 private:
  struct Entry {
    int failures = 0;
    Micros first_failure = 0;
  };
  const Clock& clock_;
  const Options options_;
  std::mutex mu_;
  std::map<std::string, Entry> entries_;  // guarded by mu_
};

// "127.0.0.1:54321" -> "127.0.0.1"; "[::1]:80" -> "::1".
std::string ClientAddress(const std::string& remote_addr);

}  // namespace ffsb::console
