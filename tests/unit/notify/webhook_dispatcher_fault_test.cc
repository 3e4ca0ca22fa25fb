// WebhookDispatcher: the recent-deliveries ring, the fault hook, the bounded
// queue.
#include <chrono>

#include <catch2/catch.hpp>

#include "server/notify/webhook_dispatcher.h"
#include "tests/unit/notify/test_receiver.h"

using namespace ffsb::notify;
using namespace ffsb::domain;
using ffsb::notify::testing::TestReceiver;

namespace {
CallbackConfig Cb(const TestReceiver& r, const std::string& path) { return {r.Url(path), "id", "pw"}; }
}  // namespace

TEST_CASE("recent deliveries: last 100 per app, newest first, apps apart", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d;
  for (int i = 1; i <= 120; ++i) REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), VideoPostWebhook(i, VideoPostState::QUEUED)).ok());
  REQUIRE(d.Enqueue(2, Cb(rx, "/fail"), VideoPostWebhook(999, VideoPostState::QUEUED)).ok());
  REQUIRE(d.WaitIdle(20'000'000));
  auto r1 = d.RecentDeliveries(1);
  REQUIRE(r1.size() == 100);
  CHECK(r1.front().entity_key == "VIDEO_POST:120");
  CHECK(r1.back().entity_key == "VIDEO_POST:21");
  CHECK(r1.front().url == rx.Url("/ok"));
  auto r2 = d.RecentDeliveries(2);
  REQUIRE(r2.size() == 1);
  CHECK(r2[0].http_status == 500);
  CHECK(d.RecentDeliveries(3).empty());
}

TEST_CASE("fault hook: fail the next N, then deliver", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d;
  REQUIRE(d.faults().Add({FaultSpec::Kind::kFail, 1, 2, 0, 0}));
  for (int i = 1; i <= 3; ++i) REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(i, StreamKeyState::ACTIVE)).ok());
  REQUIRE(d.Enqueue(2, Cb(rx, "/ok"), StreamKeyWebhook(9, StreamKeyState::ACTIVE)).ok());  // other app unaffected
  REQUIRE(d.WaitIdle(5'000'000));
  CHECK(rx.Count() == 2);
  auto r = d.RecentDeliveries(1);
  REQUIRE(r.size() == 3);
  CHECK(r[2].error == "injected fault");
  CHECK(r[1].error == "injected fault");
  CHECK(r[0].ok());
  CHECK(d.RecentDeliveries(2).at(0).ok());
}

TEST_CASE("fault hook: delay every delivery for a duration", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d;
  REQUIRE(d.faults().Add({FaultSpec::Kind::kDelay, std::nullopt, 0, 60'000'000, 300}));
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  REQUIRE(d.WaitIdle(5'000'000));
  auto r = d.RecentDeliveries(1).at(0);
  CHECK(r.ok());
  CHECK(r.duration_ms >= 300);
  d.faults().Clear();
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::INACTIVE)).ok());
  REQUIRE(d.WaitIdle(5'000'000));
  CHECK(d.RecentDeliveries(1).at(0).duration_ms < 300);
}

TEST_CASE("fault hook: Stop cuts an injected delay short", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d;
  REQUIRE(d.faults().Add({FaultSpec::Kind::kDelay, std::nullopt, 1, 0, 60'000}));
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  auto t0 = std::chrono::steady_clock::now();
  d.Stop();
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  CHECK(rx.Count() == 0);
  CHECK(d.RecentDeliveries(1).at(0).error == "dropped: dispatcher stopped");
}

TEST_CASE("bounded queue drops the oldest while the receiver is down", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d({.threads = 1, .timeout = 2'000'000, .max_queue_per_app = 5});
  REQUIRE(d.Enqueue(1, Cb(rx, "/hang"), StreamKeyWebhook(0, StreamKeyState::ACTIVE)).ok());
  REQUIRE(rx.WaitFor(1));  // the worker is stuck on it
  for (int i = 1; i <= 20; ++i) REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(i, StreamKeyState::ACTIVE)).ok());
  CHECK(d.Pending(1) == 5);
  auto r = d.RecentDeliveries(1);
  REQUIRE(r.size() == 15);
  CHECK(r.front().entity_key == "STREAM_KEY:15");
  CHECK(r.front().error == "dropped: queue full");
  CHECK(r.back().entity_key == "STREAM_KEY:1");
  rx.Release();
  REQUIRE(d.WaitIdle(10'000'000));
  auto got = rx.Got();
  REQUIRE(got.size() == 6);
  CHECK(got[1].body.find("\"streamKeyId\":16") != std::string::npos);
  CHECK(got[5].body.find("\"streamKeyId\":20") != std::string::npos);
}
