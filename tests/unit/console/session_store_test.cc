// Console sessions: tokens, idle and absolute expiry, revocation, the cap; cookies.
#include "server/console/session_store.h"

#include <catch2/catch.hpp>

namespace ffsb::console {
namespace {

constexpr Micros kSec = 1'000'000;

TEST_CASE("a session lives until idle expiry, and use refreshes it", "[console][session]") {
  FakeClock clock;
  SecureRandom random;
  SessionStore::Options o;
  o.idle_ttl = 60 * kSec;
  o.absolute_ttl = 1000 * kSec;
  SessionStore store(clock, random, o);
  std::string t = store.Create("operator");
  CHECK(t.size() == 64);
  REQUIRE(store.Touch(t));
  CHECK(store.Touch(t)->username == "operator");
  clock.Advance(59 * kSec);
  CHECK(store.Touch(t));  // refreshed
  clock.Advance(59 * kSec);
  CHECK(store.Touch(t));
  clock.Advance(61 * kSec);
  CHECK_FALSE(store.Touch(t));
  CHECK(store.size() == 0);
}

TEST_CASE("absolute expiry wins over use", "[console][session]") {
  FakeClock clock;
  SecureRandom random;
  SessionStore::Options o;
  o.idle_ttl = 60 * kSec;
  o.absolute_ttl = 100 * kSec;
  SessionStore store(clock, random, o);
  std::string t = store.Create("operator");
  for (int i = 0; i < 3; ++i) {
    clock.Advance(30 * kSec);
    CHECK(store.Touch(t));
  }
  clock.Advance(11 * kSec);
  CHECK_FALSE(store.Touch(t));
}

TEST_CASE("revoke, unknown tokens, and the cap", "[console][session]") {
  FakeClock clock;
  SecureRandom random;
  SessionStore::Options o;
  o.max_sessions = 3;
  SessionStore store(clock, random, o);
  CHECK_FALSE(store.Touch(""));
  CHECK_FALSE(store.Touch("nope"));
  std::string a = store.Create("operator");
  store.Revoke(a);
  CHECK_FALSE(store.Touch(a));
  std::string first = store.Create("operator");
  clock.Advance(1);
  for (int i = 0; i < 3; ++i) {
    store.Create("operator");
    clock.Advance(1);
  }
  CHECK(store.size() == 3);
  CHECK_FALSE(store.Touch(first));  // the oldest was evicted
}

TEST_CASE("CookieValue", "[console][session]") {
  CHECK(CookieValue("ffsb_console=abc", "ffsb_console") == "abc");
  CHECK(CookieValue("a=1; ffsb_console=abc; b=2", "ffsb_console") == "abc");
  CHECK(CookieValue("a=1;ffsb_console=x", "ffsb_console") == "x");
  CHECK_FALSE(CookieValue("xffsb_console=abc", "ffsb_console"));
  CHECK_FALSE(CookieValue("", "ffsb_console"));
  CHECK(CookieValue("ffsb_console=", "ffsb_console") == "");
}

}  // namespace
}  // namespace ffsb::console
