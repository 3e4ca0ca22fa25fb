#include "server/media/viewer_policy.h"

#include <catch2/catch.hpp>

#include "server/protocol/message.h"

using namespace ffsb;
using A = ViewerPolicy::Action;

namespace {
Frame F(uint8_t type, bool key, size_t size, bool header = false) {
  Frame f;
  f.type = type;
  f.keyframe = key;
  f.sequence_header = header;
  f.body.assign(size, 0);
  return f;
}
}  // namespace

TEST_CASE("viewer policy: overflow drops to the next keyframe", "[media]") {
  ViewerPolicy p(1000);
  CHECK(p.Admit(F(rtmp::kVideo, false, 100), 0, 0) == A::kEnqueue);
  CHECK(p.Admit(F(rtmp::kVideo, false, 100), 950, 1) == A::kDropQueuedThenSkip);
  CHECK(p.waiting_keyframe());
  CHECK(p.Admit(F(rtmp::kAudio, false, 10), 0, 2) == A::kSkip);
  CHECK(p.Admit(F(rtmp::kVideo, false, 10), 0, 3) == A::kSkip);
  CHECK(p.Admit(F(rtmp::kVideo, true, 10, true), 0, 4) == A::kEnqueue);  // headers always pass
  CHECK(p.Admit(F(rtmp::kVideo, true, 10), 0, 5) == A::kEnqueue);
  CHECK_FALSE(p.waiting_keyframe());
  // A keyframe that overflows replaces the queue.
  CHECK(p.Admit(F(rtmp::kVideo, true, 500), 900, 6) == A::kDropQueuedThenEnqueue);
}

TEST_CASE("viewer policy: three overflows in 10 s disconnect", "[media]") {
  ViewerPolicy p(100);
  CHECK(p.Admit(F(rtmp::kVideo, false, 50), 90, 0) == A::kDropQueuedThenSkip);
  CHECK(p.Admit(F(rtmp::kVideo, false, 50), 90, 1'000'000) == A::kDropQueuedThenSkip);
  CHECK(p.Admit(F(rtmp::kVideo, false, 50), 90, 2'000'000) == A::kDisconnect);
  ViewerPolicy q(100);
  CHECK(q.Admit(F(rtmp::kVideo, false, 50), 90, 0) == A::kDropQueuedThenSkip);
  CHECK(q.Admit(F(rtmp::kVideo, false, 50), 90, 11'000'000) == A::kDropQueuedThenSkip);
  CHECK(q.Admit(F(rtmp::kVideo, false, 50), 90, 22'000'000) == A::kDropQueuedThenSkip);
}
