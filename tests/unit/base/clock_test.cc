// ISO-8601 format/parse (contract §1) and FakeClock.
#include "server/base/clock.h"

#include <catch2/catch.hpp>

namespace ffsb {
namespace {

TEST_CASE("FormatIso8601: the contract's shape", "[base][clock]") {
  CHECK(FormatIso8601(0) == "1970-01-01T00:00:00.000000Z");
  // The contract's example: 2022-10-19T06:41:09.865054Z.
  CHECK(FormatIso8601(1666161669'865054) == "2022-10-19T06:41:09.865054Z");
  CHECK(FormatIso8601(-1) == "1969-12-31T23:59:59.999999Z");
}

TEST_CASE("ParseIso8601: round trip", "[base][clock]") {
  for (Micros t : {Micros{0}, Micros{1}, Micros{1666161669'865054}, Micros{1'700'000'000'000'000},
                   Micros{4102444799'999999}, Micros{951782400'000000} /* 2000-02-29 */}) {
    INFO(t);
    auto p = ParseIso8601(FormatIso8601(t));
    REQUIRE(p);
    CHECK(*p == t);
  }
}

TEST_CASE("ParseIso8601: accepted spellings", "[base][clock]") {
  const Micros t = 1666161669'000000;  // 2022-10-19T06:41:09Z
  CHECK(ParseIso8601("2022-10-19T06:41:09Z") == t);
  CHECK(ParseIso8601("2022-10-19T06:41:09.5Z") == t + 500000);
  CHECK(ParseIso8601("2022-10-19T06:41:09.123456789Z") == t + 123456);  // extra digits truncated
  CHECK(ParseIso8601("2022-10-19T15:41:09+09:00") == t);
  CHECK(ParseIso8601("2022-10-19T15:41:09+0900") == t);
  CHECK(ParseIso8601("2022-10-19T01:41:09-05:00") == t);
  CHECK(ParseIso8601("2022-10-19t06:41:09z") == t);
}

TEST_CASE("ParseIso8601: refused spellings", "[base][clock]") {
  for (const char* bad : {"", "2022-10-19", "2022-10-19T06:41:09", "2022-10-19T06:41:09.Z",
                          "2022-13-19T06:41:09Z", "2022-10-19T24:00:00Z", "2022-10-19T06:41:09Zjunk",
                          "22-10-19T06:41:09Z", "2022/10/19T06:41:09Z", "2022-10-19T06:41:09+9"}) {
    INFO(bad);
    CHECK_FALSE(ParseIso8601(bad));
  }
}

TEST_CASE("FakeClock advances only when told", "[base][clock]") {
  FakeClock c(100);
  CHECK(c.Now() == 100);
  CHECK(c.Monotonic() == 100);
  c.Advance(50);
  CHECK(c.Now() == 150);
  SystemClock s;
  CHECK(s.Now() > 1'600'000'000'000'000);
}

}  // namespace
}  // namespace ffsb
