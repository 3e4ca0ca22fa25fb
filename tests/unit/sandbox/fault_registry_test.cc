#include "server/sandbox/fault_registry.h"

#include <catch2/catch.hpp>

using namespace ffsb::sandbox;

TEST_CASE("path globs: * within a segment, ** across", "[sandbox]") {
  CHECK(PathGlobMatch("/v2/apps/me/video-rooms/*/rtmp-broadcast/state/live",
                      "/v2/apps/me/video-rooms/17/rtmp-broadcast/state/live"));
  CHECK_FALSE(PathGlobMatch("/v2/apps/me/video-rooms/*/rtmp-broadcast/state/live",
                            "/v2/apps/me/video-rooms/17/rtmp-broadcast/state/ended"));
  CHECK_FALSE(PathGlobMatch("/v2/apps/me/members/*", "/v2/apps/me/members/a/stream-key"));
  CHECK(PathGlobMatch("/v2/apps/me/members/**", "/v2/apps/me/members/a/stream-key"));
  CHECK(PathGlobMatch("**", "/anything/at/all"));
  CHECK(PathGlobMatch("/v2/apps/me/members", "/v2/apps/me/members"));
  CHECK_FALSE(PathGlobMatch("/v2/apps/me/members", "/v2/apps/me/members/x"));
}

TEST_CASE("api faults match method and path, and run out after count", "[sandbox]") {
  FaultRegistry r;
  r.AddApiFault({"POST", "/v2/apps/me/members", "REQUEST_LOCKED", 400, 2});
  CHECK_FALSE(r.MatchApi("GET", "/v2/apps/me/members"));
  auto e = r.MatchApi("POST", "/v2/apps/me/members");
  REQUIRE(e);
  CHECK(e->status == 400);
  CHECK(e->error_code == "REQUEST_LOCKED");
  CHECK(r.MatchApi("POST", "/v2/apps/me/members"));
  CHECK_FALSE(r.MatchApi("POST", "/v2/apps/me/members"));
  CHECK(r.List().empty());

  int64_t id = r.AddApiFault({"*", "/v2/**", "INTERNAL_SERVER_ERROR", 500, 0});
  for (int i = 0; i < 5; ++i) CHECK(r.MatchApi("DELETE", "/v2/apps/me/members/x"));
  CHECK(r.Remove(id));
  CHECK_FALSE(r.Remove(id));
  CHECK_FALSE(r.MatchApi("DELETE", "/v2/apps/me/members/x"));
}

TEST_CASE("publish delays are taken one use at a time; deviations stay until removed", "[sandbox]") {
  FaultRegistry r;
  CHECK(r.TakePublishDelayMs() == 0);
  r.AddPublishDelay(1500, 2);
  CHECK(r.TakePublishDelayMs() == 1500);
  CHECK(r.TakePublishDelayMs() == 1500);
  CHECK(r.TakePublishDelayMs() == 0);

  CHECK_FALSE(r.Deviation(kSkipActiveLivePrep));
  int64_t a = r.AddDeviation(std::string(kSkipActiveLivePrep));
  CHECK(r.AddDeviation(std::string(kSkipActiveLivePrep)) == a);  // idempotent
  CHECK(r.Deviation(kSkipActiveLivePrep));
  CHECK(r.List().size() == 1);
  CHECK(r.List()[0]["mode"] == "skip_active_live_prep");
  r.Clear();
  CHECK_FALSE(r.Deviation(kSkipActiveLivePrep));
}
