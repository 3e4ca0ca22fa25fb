#include "server/vod/timeline.h"

#include <catch2/catch.hpp>

namespace ffsb::vod {
namespace {

TEST_CASE("timeline joins parts without the gaps", "[vod][timeline]") {
  Timeline t;
  t.BeginPart();
  for (int64_t ms = 0; ms < 4000; ms += 40) t.Map(0, ms * 1000, ms * 1000 + 80000, 0);
  for (int64_t ms = 0; ms < 4000; ms += 20) t.Map(1, ms * 1000, ms * 1000, 20000);
  t.EndPart();
  CHECK(t.duration_us() == 4'000'000);
  t.BeginPart();  // the second part's timestamps restart far away
  auto first = t.Map(0, 90'000'000, 90'080'000, 0);
  CHECK(first.dts_us == 4'000'000);
  CHECK(first.pts_us == 4'080'000);  // composition offset kept
  for (int64_t ms = 40; ms < 2000; ms += 40) t.Map(0, 90'000'000 + ms * 1000, 0, 0);
  t.EndPart();
  CHECK(t.duration_us() == 6'000'000);
}

TEST_CASE("timeline keeps DTS strictly increasing per stream", "[vod][timeline]") {
  Timeline t;
  t.BeginPart();
  auto a = t.Map(1, 1000, 1000, 0);
  auto b = t.Map(1, 1000, 1000, 0);
  auto c = t.Map(1, 500, 500, 0);
  CHECK(b.dts_us > a.dts_us);
  CHECK(c.dts_us > b.dts_us);
  t.EndPart();
  t.BeginPart();
  t.EndPart();  // an empty part adds nothing
  CHECK(t.duration_us() == 0);
}

}  // namespace
}  // namespace ffsb::vod
