#include <catch2/catch.hpp>

#include "emulator/publish/flap_schedule.h"

using namespace ffsb::emu;

TEST_CASE("fixed flapping: COUNT cycles then the final period") {
  auto f = FlapSchedule::ParseFixed("5:2:2");
  REQUIRE(f.ok());
  auto p = f->Next();
  CHECK(p.on == 5'000'000);
  CHECK(p.off == 2'000'000);
  CHECK_FALSE(p.last);
  CHECK_FALSE(f->Next().last);
  CHECK(f->Next().last);
  CHECK_FALSE(FlapSchedule::ParseFixed("5:2").ok());
  CHECK_FALSE(FlapSchedule::ParseFixed("0:2:1").ok());
  CHECK(FlapSchedule::None().Next().last);
}

TEST_CASE("random flapping is reproducible with a seed and within bounds") {
  auto a = FlapSchedule::ParseRandom("1:3:0.5:1:5", 7);
  auto b = FlapSchedule::ParseRandom("1:3:0.5:1:5", 7);
  REQUIRE(a.ok());
  for (int i = 0; i < 5; ++i) {
    auto x = a->Next(), y = b->Next();
    CHECK(x.on == y.on);
    CHECK(x.on >= 1'000'000);
    CHECK(x.on <= 3'000'000);
    CHECK(x.off >= 500'000);
    CHECK(x.off <= 1'000'000);
  }
  CHECK(a->Next().last);
  CHECK_FALSE(FlapSchedule::ParseRandom("3:1:0:1:2", 1).ok());
}

TEST_CASE("break kinds parse") {
  CHECK(*ParseBreakKind("abrupt") == BreakKind::kAbrupt);
  CHECK_FALSE(ParseBreakKind("nice").ok());
}
