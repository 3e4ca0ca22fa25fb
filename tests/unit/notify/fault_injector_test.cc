#include "server/notify/fault_injector.h"

#include <catch2/catch.hpp>

using namespace ffsb::notify;

TEST_CASE("fault injector: count, duration, app scope", "[notify]") {
  ffsb::FakeClock clock;
  FaultInjector f(&clock);
  CHECK_FALSE(f.Add({}));  // neither count nor duration
  REQUIRE(f.Add({FaultSpec::Kind::kFail, 7, 2, 0, 0}));
  CHECK_FALSE(f.Next(8));
  CHECK(f.Next(7)->fail);
  CHECK(f.Next(7)->fail);
  CHECK_FALSE(f.Next(7));
  CHECK(f.ActiveCount() == 0);

  REQUIRE(f.Add({FaultSpec::Kind::kDelay, std::nullopt, 0, 1'000'000, 250}));
  for (int i = 0; i < 5; ++i) {
    auto a = f.Next(i);
    REQUIRE(a);
    CHECK_FALSE(a->fail);
    CHECK(a->delay_ms == 250);
  }
  clock.Advance(1'000'000);
  CHECK_FALSE(f.Next(1));
  REQUIRE(f.Add({FaultSpec::Kind::kFail, std::nullopt, 5, 0, 0}));
  f.Clear();
  CHECK_FALSE(f.Next(1));
}
