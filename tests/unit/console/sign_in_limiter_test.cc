// Failed sign-in rate limiting per client address.
#include "server/console/sign_in_limiter.h"

#include <catch2/catch.hpp>

namespace ffsb::console {
namespace {

constexpr Micros kSec = 1'000'000;

TEST_CASE("five failures lock the address until the window passes", "[console][limiter]") {
  FakeClock clock;
  SignInLimiter::Options o;
  o.max_failures = 5;
  o.window = 300 * kSec;
  SignInLimiter l(clock, o);
  for (int i = 0; i < 5; ++i) {
    CHECK(l.RetryAfterSeconds("10.0.0.1") == 0);
    l.RecordFailure("10.0.0.1");
  }
  CHECK(l.RetryAfterSeconds("10.0.0.1") == 300);
  CHECK(l.RetryAfterSeconds("10.0.0.2") == 0);  // others are unaffected
  clock.Advance(200 * kSec);
  CHECK(l.RetryAfterSeconds("10.0.0.1") == 100);
  clock.Advance(100 * kSec);
  CHECK(l.RetryAfterSeconds("10.0.0.1") == 0);
}

TEST_CASE("a success clears the count", "[console][limiter]") {
  FakeClock clock;
  SignInLimiter l(clock);
  for (int i = 0; i < 4; ++i) l.RecordFailure("a");
  l.RecordSuccess("a");
  for (int i = 0; i < 4; ++i) l.RecordFailure("a");
  CHECK(l.RetryAfterSeconds("a") == 0);
}

TEST_CASE("tracked addresses are bounded", "[console][limiter]") {
  FakeClock clock;
  SignInLimiter::Options o;
  o.max_tracked = 10;
  SignInLimiter l(clock, o);
  for (int i = 0; i < 100; ++i) {
    l.RecordFailure("ip" + std::to_string(i));
    clock.Advance(1);
  }
  for (int i = 0; i < 5; ++i) l.RecordFailure("ip99");
  CHECK(l.RetryAfterSeconds("ip99") > 0);
}

TEST_CASE("ClientAddress strips the port", "[console][limiter]") {
  CHECK(ClientAddress("127.0.0.1:5432") == "127.0.0.1");
  CHECK(ClientAddress("[::1]:80") == "::1");
  CHECK(ClientAddress("127.0.0.1") == "127.0.0.1");
  CHECK(ClientAddress("") == "");
}

}  // namespace
}  // namespace ffsb::console
