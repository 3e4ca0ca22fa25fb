// Contract §4 stream key machine: every legal edge, and every other
// (state, event) pair refused with its documented code.
#include "server/domain/stream_key_machine.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <utility>

namespace ffsb::domain {
namespace {

using S = StreamKeyState;
using E = StreamKeyEvent;

// The contract §4 table, written out independently of the implementation.
const std::map<std::pair<S, E>, S>& Expected() {
  static const std::map<std::pair<S, E>, S> m = {
      {{S::INACTIVE, E::INGEST_ACCEPTED}, S::ACTIVE_PREP},
      {{S::ACTIVE_PREP, E::INGEST_STOPPED}, S::INACTIVE},
      {{S::ACTIVE_PREP, E::OUTPUT_VIEWABLE}, S::ACTIVE},
      {{S::ACTIVE, E::INGEST_STOPPED}, S::INACTIVE},
      {{S::ACTIVE, E::ROOM_WENT_LIVE}, S::ACTIVE_LIVE},
      {{S::ACTIVE_LIVE, E::INGEST_STOPPED}, S::INACTIVE_LIVE},
      {{S::INACTIVE_LIVE, E::INGEST_ACCEPTED}, S::ACTIVE_LIVE_PREP},
      {{S::ACTIVE_LIVE_PREP, E::INGEST_STOPPED}, S::INACTIVE_LIVE},
      {{S::ACTIVE_LIVE_PREP, E::OUTPUT_VIEWABLE}, S::ACTIVE_LIVE},
      {{S::INACTIVE_LIVE, E::ROOM_ENDED}, S::INACTIVE},
      {{S::INACTIVE, E::FORCE_TERMINATED}, S::INACTIVE},
      {{S::ACTIVE_PREP, E::FORCE_TERMINATED}, S::INACTIVE},
      {{S::ACTIVE, E::FORCE_TERMINATED}, S::INACTIVE},
      {{S::ACTIVE_LIVE, E::FORCE_TERMINATED}, S::INACTIVE},
      {{S::INACTIVE_LIVE, E::FORCE_TERMINATED}, S::INACTIVE},
      {{S::ACTIVE_LIVE_PREP, E::FORCE_TERMINATED}, S::INACTIVE},
  };
  return m;
}

ErrorCode ExpectedRefusal(E e) {
  switch (e) {
    case E::INGEST_ACCEPTED: return ErrorCode::STREAM_KEY_IN_USE;
    case E::ROOM_ENDED: return ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE;
    default: return ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE;
  }
}

TEST_CASE("stream key: every legal edge of contract §4", "[domain][stream_key]") {
  for (const auto& [edge, to] : Expected()) {
    INFO(ToString(edge.first) << " -" << ToString(edge.second) << "->");
    auto r = NextStreamKeyState(edge.first, edge.second);
    REQUIRE(r.ok());
    CHECK(*r == to);
  }
}

TEST_CASE("stream key: every other (state, event) pair is refused with its code", "[domain][stream_key]") {
  int refused = 0;
  for (S s : kAllStreamKeyStates) {
    for (E e : kAllStreamKeyEvents) {
      if (Expected().count({s, e})) continue;
      INFO(ToString(s) << " " << ToString(e));
      auto r = NextStreamKeyState(s, e);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code() == ExpectedRefusal(e));
      CHECK_FALSE(r.status().message().empty());
      ++refused;
    }
  }
  CHECK(refused == 6 * 6 - 16);
}

TEST_CASE("stream key: named refusals from the brief", "[domain][stream_key]") {
  CHECK(NextStreamKeyState(S::ACTIVE, E::INGEST_ACCEPTED).status().code() == ErrorCode::STREAM_KEY_IN_USE);
  CHECK(NextStreamKeyState(S::ACTIVE_LIVE_PREP, E::INGEST_ACCEPTED).status().code() ==
        ErrorCode::STREAM_KEY_IN_USE);
  CHECK(NextStreamKeyState(S::ACTIVE, E::OUTPUT_VIEWABLE).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  CHECK(NextStreamKeyState(S::ACTIVE_LIVE, E::OUTPUT_VIEWABLE).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  CHECK(NextStreamKeyState(S::INACTIVE_LIVE, E::INGEST_STOPPED).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  CHECK(NextStreamKeyState(S::ACTIVE_LIVE, E::ROOM_WENT_LIVE).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  CHECK(NextStreamKeyState(S::ACTIVE_LIVE, E::ROOM_ENDED).status().code() ==
        ErrorCode::STREAM_KEY_STATE_NOT_INACTIVE_LIVE);
}

TEST_CASE("stream key: the published table is exactly the legal edges", "[domain][stream_key]") {
  auto table = StreamKeyTable();
  REQUIRE(table.size() == Expected().size());
  std::set<std::pair<S, E>> seen;
  for (const auto& row : table) {
    auto it = Expected().find({row.from, row.event});
    REQUIRE(it != Expected().end());
    CHECK(it->second == row.to);
    CHECK(seen.insert({row.from, row.event}).second);  // no duplicates
  }
}

TEST_CASE("stream key: state predicates", "[domain][stream_key]") {
  CHECK_FALSE(IsIngesting(S::INACTIVE));
  CHECK(IsIngesting(S::ACTIVE_PREP));
  CHECK(IsIngesting(S::ACTIVE));
  CHECK(IsIngesting(S::ACTIVE_LIVE));
  CHECK_FALSE(IsIngesting(S::INACTIVE_LIVE));
  CHECK(IsIngesting(S::ACTIVE_LIVE_PREP));
  for (S s : kAllStreamKeyStates) {
    CHECK(IsViewable(s) == (s == S::ACTIVE || s == S::ACTIVE_LIVE));
    CHECK(IsLiveWithRoom(s) == (s == S::ACTIVE_LIVE || s == S::INACTIVE_LIVE || s == S::ACTIVE_LIVE_PREP));
  }
}

TEST_CASE("stream key: event names", "[domain][stream_key]") {
  CHECK(ToString(E::INGEST_ACCEPTED) == "INGEST_ACCEPTED");
  CHECK(ToString(E::FORCE_TERMINATED) == "FORCE_TERMINATED");
  std::set<std::string_view> names;
  for (E e : kAllStreamKeyEvents) names.insert(ToString(e));
  CHECK(names.size() == kAllStreamKeyEvents.size());
}

}  // namespace
}  // namespace ffsb::domain
