// Contract §6 video post machine: every legal edge, every other pair refused.
#include "server/domain/video_post_machine.h"

#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <utility>

namespace ffsb::domain {
namespace {

using S = VideoPostState;
using E = VideoPostEvent;

const std::map<std::pair<S, E>, S>& Expected() {
  static const std::map<std::pair<S, E>, S> m = {
      {{S::CREATED, E::UPLOAD_COMPLETED}, S::UPLOADED},
      {{S::CREATED, E::UPLOAD_FAILED}, S::FAILED_UPLOAD},
      {{S::UPLOADED, E::QUEUED}, S::QUEUED},
      {{S::UPLOADED, E::QUEUE_FAILED}, S::FAILED_QUEUING},
      {{S::QUEUED, E::PROCESSING_STARTED}, S::PROCESSING},
      {{S::PROCESSING, E::PROCESSING_SUCCEEDED}, S::PROCESSED},
      {{S::PROCESSING, E::PROCESSING_FAILED}, S::FAILED_PROCESSING},
      {{S::PROCESSING, E::REQUEUED}, S::QUEUED},
  };
  return m;
}

TEST_CASE("video post: every legal edge and every refusal", "[domain][video_post]") {
  int legal = 0, refused = 0;
  for (S s : kAllVideoPostStates) {
    for (E e : kAllVideoPostEvents) {
      INFO(ToString(s) << " " << ToString(e));
      auto r = NextVideoPostState(s, e);
      auto it = Expected().find({s, e});
      if (it != Expected().end()) {
        REQUIRE(r.ok());
        CHECK(*r == it->second);
        ++legal;
      } else {
        REQUIRE_FALSE(r.ok());
        CHECK(r.status().code() == ErrorCode::VIDEO_POST_STATE_INVALID);
        ++refused;
      }
    }
  }
  CHECK(legal == 8);
  CHECK(refused == 8 * 8 - 8);
}

TEST_CASE("video post: table, initial states, terminal states", "[domain][video_post]") {
  auto table = VideoPostTable();
  REQUIRE(table.size() == Expected().size());
  for (const auto& row : table) CHECK(Expected().at({row.from, row.event}) == row.to);

  CHECK(InitialVideoPostState(VideoPostType::PRE_RECORDED) == S::CREATED);
  CHECK(InitialVideoPostState(VideoPostType::LIVE_RECORDED) == S::UPLOADED);

  // A terminal state has no outgoing edge; every other state has one.
  for (S s : kAllVideoPostStates) {
    bool has_edge = false;
    for (const auto& row : table) has_edge |= row.from == s;
    CHECK(IsTerminal(s) == !has_edge);
  }
}

TEST_CASE("video post: a recording's life, with a restart mid-processing", "[domain][video_post]") {
  S s = InitialVideoPostState(VideoPostType::LIVE_RECORDED);
  for (E e : {E::QUEUED, E::PROCESSING_STARTED, E::REQUEUED, E::PROCESSING_STARTED, E::PROCESSING_SUCCEEDED}) {
    auto r = NextVideoPostState(s, e);
    REQUIRE(r.ok());
    s = *r;
  }
  CHECK(s == S::PROCESSED);
  std::set<std::string_view> names;
  for (E e : kAllVideoPostEvents) names.insert(ToString(e));
  CHECK(names.size() == kAllVideoPostEvents.size());
}

}  // namespace
}  // namespace ffsb::domain
