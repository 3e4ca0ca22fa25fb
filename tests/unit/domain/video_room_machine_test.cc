// Contract §5 video room and VOD machines: every legal edge, and every
// other (state, event) pair refused with its documented code.
#include "server/domain/video_room_machine.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <utility>

namespace ffsb::domain {
namespace {

using S = VideoRoomState;
using E = VideoRoomEvent;

const std::map<std::pair<S, E>, S>& ExpectedRoom() {
  static const std::map<std::pair<S, E>, S> m = {
      {{S::SCHEDULED, E::GO_LIVE}, S::LIVE},
      {{S::LIVE, E::INGEST_STOPPED}, S::LIVE_INACTIVE},
      {{S::LIVE_INACTIVE, E::INGEST_RESUMED}, S::LIVE},
      {{S::LIVE_INACTIVE, E::END}, S::ENDED},
      {{S::SCHEDULED, E::CANCEL}, S::CANCELLED},
      {{S::LIVE, E::FORCE_END}, S::ENDED},
      {{S::LIVE_INACTIVE, E::FORCE_END}, S::ENDED},
      {{S::ENDED, E::ARCHIVED}, S::ARCHIVED},
  };
  return m;
}

ErrorCode ExpectedRoomRefusal(E e) {
  switch (e) {
    case E::GO_LIVE:
    case E::CANCEL: return ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED;
    case E::ARCHIVED: return ErrorCode::VIDEO_POST_STATE_INVALID;
    default: return ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE;
  }
}

const std::map<std::pair<VodState, VodEvent>, VodState>& ExpectedVod() {
  static const std::map<std::pair<VodState, VodEvent>, VodState> m = {
      {{VodState::NOT_ARCHIVED, VodEvent::ARCHIVE_STARTED}, VodState::ARCHIVING},
      {{VodState::ARCHIVING, VodEvent::ARCHIVE_SUCCEEDED}, VodState::ARCHIVED},
      {{VodState::ARCHIVING, VodEvent::ARCHIVE_FAILED}, VodState::FAILED_ARCHIVING},
  };
  return m;
}

TEST_CASE("video room: every legal edge of contract §5", "[domain][video_room]") {
  for (const auto& [edge, to] : ExpectedRoom()) {
    INFO(ToString(edge.first) << " -" << ToString(edge.second) << "->");
    auto r = NextVideoRoomState(edge.first, edge.second);
    REQUIRE(r.ok());
    CHECK(*r == to);
  }
}

TEST_CASE("video room: every other (state, event) pair is refused with its code", "[domain][video_room]") {
  int refused = 0;
  for (S s : kAllVideoRoomStates) {
    for (E e : kAllVideoRoomEvents) {
      if (ExpectedRoom().count({s, e})) continue;
      INFO(ToString(s) << " " << ToString(e));
      auto r = NextVideoRoomState(s, e);
      REQUIRE_FALSE(r.ok());
      CHECK(r.status().code() == ExpectedRoomRefusal(e));
      CHECK_FALSE(r.status().message().empty());
      ++refused;
    }
  }
  CHECK(refused == 6 * 7 - 8);
}

TEST_CASE("video room: contract-named refusals", "[domain][video_room]") {
  CHECK(NextVideoRoomState(S::LIVE, E::GO_LIVE).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  CHECK(NextVideoRoomState(S::ENDED, E::CANCEL).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED);
  // End needs the ingest stopped first (contract §5 "the recommended way").
  CHECK(NextVideoRoomState(S::LIVE, E::END).status().code() == ErrorCode::VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE);
  // Decided: force end of a room that is not broadcasting is refused.
  CHECK_FALSE(NextVideoRoomState(S::SCHEDULED, E::FORCE_END).ok());
  // Decided: a failed archive leaves the room ENDED; ARCHIVED only from ENDED.
  CHECK_FALSE(NextVideoRoomState(S::CANCELLED, E::ARCHIVED).ok());
}

TEST_CASE("video room: the published table is exactly the legal edges", "[domain][video_room]") {
  auto table = VideoRoomTable();
  REQUIRE(table.size() == ExpectedRoom().size());
  for (const auto& row : table) {
    auto it = ExpectedRoom().find({row.from, row.event});
    REQUIRE(it != ExpectedRoom().end());
    CHECK(it->second == row.to);
  }
  for (S s : kAllVideoRoomStates) CHECK(IsBroadcasting(s) == (s == S::LIVE || s == S::LIVE_INACTIVE));
}

TEST_CASE("vod: legal edges, every other pair refused", "[domain][vod]") {
  for (VodState s : kAllVodStates) {
    for (VodEvent e : kAllVodEvents) {
      INFO(ToString(s) << " " << ToString(e));
      auto r = NextVodState(s, e);
      auto it = ExpectedVod().find({s, e});
      if (it != ExpectedVod().end()) {
        REQUIRE(r.ok());
        CHECK(*r == it->second);
      } else {
        REQUIRE_FALSE(r.ok());
        CHECK(r.status().code() == ErrorCode::VIDEO_POST_STATE_INVALID);
      }
    }
  }
  auto table = VodTable();
  REQUIRE(table.size() == ExpectedVod().size());
  for (const auto& row : table) CHECK(ExpectedVod().at({row.from, row.event}) == row.to);
}

TEST_CASE("video room: event names", "[domain][video_room]") {
  CHECK(ToString(E::INGEST_RESUMED) == "INGEST_RESUMED");
  CHECK(ToString(VodEvent::ARCHIVE_FAILED) == "ARCHIVE_FAILED");
  std::set<std::string_view> names;
  for (E e : kAllVideoRoomEvents) names.insert(ToString(e));
  CHECK(names.size() == kAllVideoRoomEvents.size());
}

}  // namespace
}  // namespace ffsb::domain
