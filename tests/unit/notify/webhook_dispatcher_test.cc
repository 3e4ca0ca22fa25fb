// WebhookDispatcher against a real loopback receiver: exact bodies and
// headers, ordering, no retry, timeouts, app isolation, Stop().
#include "server/notify/webhook_dispatcher.h"

#include <chrono>
#include <map>

#include <catch2/catch.hpp>

#include "server/notify/signature.h"
#include "tests/unit/notify/test_receiver.h"

using namespace ffsb::notify;
using namespace ffsb::domain;
using ffsb::notify::testing::TestReceiver;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

CallbackConfig Cb(const TestReceiver& r, const std::string& path) { return {r.Url(path), "hook-id", "hook-pw"}; }

int64_t MsSince(Clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t).count();
}

}  // namespace

TEST_CASE("delivery: exact body, type header, Basic auth, signature", "[notify][dispatcher]") {
  TestReceiver rx;
  ffsb::FakeClock clock(1'700'000'000'000'000);
  WebhookDispatcher d({.clock = &clock});
  auto ev = *VideoRoomWebhook(12, VideoRoomState::LIVE);
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), ev).ok());
  REQUIRE(rx.WaitFor(1));
  REQUIRE(d.WaitIdle(5'000'000));
  auto got = rx.Got().at(0);
  CHECK(got.body == R"({"data":{"videoRoomId":12,"videoRoomVideoRoomState":"LIVE"},"type":"VIDEO_ROOM_LIVE"})");
  CHECK(json::parse(got.body) == json{{"type", "VIDEO_ROOM_LIVE"},
                                      {"data", {{"videoRoomId", 12}, {"videoRoomVideoRoomState", "LIVE"}}}});
  CHECK(got.Header("Content-Type") == "application/json");
  CHECK(got.Header("Authorization") == "Basic aG9vay1pZDpob29rLXB3");  // hook-id:hook-pw
  CHECK(got.Header("FlipFlop-Event-Type") == "VIDEO_ROOM_LIVE");
  std::string sig = got.Header("FlipFlop-Signature");
  CHECK(sig.starts_with("t=1700000000,v1="));
  CHECK(Verify(sig, got.body, "hook-pw", 1'700'000'005) == VerifyResult::kOk);
  CHECK(Verify(sig, got.body + "x", "hook-pw", 1'700'000'005) == VerifyResult::kMismatch);
  CHECK(Verify(sig, got.body, "hook-pw", 1'700'001'000) == VerifyResult::kOutOfWindow);

  auto recent = d.RecentDeliveries(1);
  REQUIRE(recent.size() == 1);
  CHECK(recent[0].id == got.Header("FlipFlop-Delivery-Id"));
  CHECK(recent[0].id.size() == 36);
  CHECK(recent[0].event_type == "VIDEO_ROOM_LIVE");
  CHECK(recent[0].entity_key == "VIDEO_ROOM:12");
  CHECK(recent[0].http_status == 200);
  CHECK(recent[0].ok());
  CHECK(recent[0].at == 1'700'000'000'000'000);
}

TEST_CASE("order per entity under a burst of 200", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d({.threads = 4});
  const StreamKeyState cycle[] = {StreamKeyState::ACTIVE_PREP, StreamKeyState::ACTIVE, StreamKeyState::INACTIVE};
  std::vector<std::string> sent;
  for (int i = 0; i < 200; ++i) {
    // Two apps, four entities interleaved; body order = enqueue order.
    int64_t app = 1 + i % 2;
    WebhookEvent ev = StreamKeyWebhook(10 + i % 4, cycle[i % 3]);
    ev.body["data"]["streamKeyId"] = 10 + i % 4;
    std::string body = ev.BodyJson();
    body.insert(body.size() - 1, ",\"seq\":" + std::to_string(i));  // receiver-side sequence marker
    sent.push_back(body);
    REQUIRE(d.Enqueue(app, Cb(rx, "/ok"), ev.entity_key, body).ok());
  }
  REQUIRE(rx.WaitFor(200, 20000));
  REQUIRE(d.WaitIdle(5'000'000));
  std::map<int64_t, int> last_seq;
  for (const auto& g : rx.Got()) {
    json j = json::parse(g.body);
    int64_t key = j["data"]["streamKeyId"];
    int seq = j["seq"];
    CHECK(seq > last_seq.try_emplace(key, -1).first->second);
    last_seq[key] = seq;
    CHECK(g.body == sent[seq]);
  }
  CHECK(rx.Count() == 200);
  CHECK(d.RecentDeliveries(1).size() == 100);
}

TEST_CASE("a 500 answer is recorded and not retried", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d;
  REQUIRE(d.Enqueue(1, Cb(rx, "/fail"), VideoPostWebhook(3, VideoPostState::PROCESSED)).ok());
  REQUIRE(d.WaitIdle(5'000'000));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(rx.Count() == 1);
  auto r = d.RecentDeliveries(1).at(0);
  CHECK(r.http_status == 500);
  CHECK(r.error.empty());
  CHECK_FALSE(r.ok());
}

TEST_CASE("connection refused is an error, not retried", "[notify][dispatcher]") {
  int port;
  {
    TestReceiver gone;
    port = std::stoi(gone.Url("").substr(17));
  }
  WebhookDispatcher d({.timeout = 1'000'000});
  REQUIRE(d.Enqueue(1, {"http://127.0.0.1:" + std::to_string(port) + "/ok", "", ""},
                    StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  REQUIRE(d.WaitIdle(5'000'000));
  auto r = d.RecentDeliveries(1).at(0);
  CHECK(r.http_status == 0);
  CHECK_FALSE(r.error.empty());
}

TEST_CASE("a hanging receiver is cut at the timeout; later deliveries still go", "[notify][dispatcher]") {
  TestReceiver rx;
  WebhookDispatcher d({.timeout = 300'000});
  auto t0 = Clock::now();
  REQUIRE(d.Enqueue(1, Cb(rx, "/hang"), StreamKeyWebhook(1, StreamKeyState::ACTIVE_PREP)).ok());
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  REQUIRE(rx.WaitFor(2, 5000));
  REQUIRE(d.WaitIdle(5'000'000));
  CHECK(MsSince(t0) < 2000);
  auto recent = d.RecentDeliveries(1);
  REQUIRE(recent.size() == 2);
  CHECK(recent[1].event_type == "STREAM_KEY_ACTIVE_PREP");
  CHECK(recent[1].http_status == 0);
  CHECK(recent[1].error == "timeout");
  CHECK(recent[1].duration_ms >= 250);
  CHECK(recent[1].duration_ms < 1500);
  CHECK(recent[0].event_type == "STREAM_KEY_ACTIVE");
  CHECK(recent[0].ok());
}

TEST_CASE("a slow app does not delay another app", "[notify][dispatcher]") {
  TestReceiver slow, fast;
  slow.slow_ms = 1500;
  WebhookDispatcher d({.threads = 2});
  for (int i = 0; i < 3; ++i) REQUIRE(d.Enqueue(1, Cb(slow, "/slow"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  REQUIRE(slow.WaitFor(1));
  auto t0 = Clock::now();
  for (int i = 0; i < 5; ++i) REQUIRE(d.Enqueue(2, Cb(fast, "/ok"), StreamKeyWebhook(2, StreamKeyState::ACTIVE)).ok());
  REQUIRE(fast.WaitFor(5, 5000));
  CHECK(MsSince(t0) < 1200);  // well under the slow receiver's 1500 ms
  CHECK(d.Pending(1) == 2);  // app 1 still waits behind its slow receiver
  d.Stop();
}

TEST_CASE("observer sees every record in order; Stop finishes in-flight and refuses new work",
          "[notify][dispatcher]") {
  TestReceiver rx;
  rx.slow_ms = 300;
  WebhookDispatcher d({.threads = 1});
  std::mutex mu;
  std::vector<DeliveryRecord> seen;
  d.SetObserver([&](const DeliveryRecord& r) {
    std::lock_guard<std::mutex> l(mu);
    seen.push_back(r);
  });
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::ACTIVE_PREP)).ok());
  REQUIRE(d.Enqueue(1, Cb(rx, "/slow"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).ok());
  REQUIRE(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::INACTIVE)).ok());
  REQUIRE(rx.WaitFor(2));
  d.Stop();  // the slow one is in flight: it completes; the third is dropped
  CHECK(rx.Count() == 2);
  std::lock_guard<std::mutex> l(mu);
  REQUIRE(seen.size() == 3);
  CHECK(seen[0].event_type == "STREAM_KEY_ACTIVE_PREP");
  CHECK(seen[1].event_type == "STREAM_KEY_ACTIVE");
  CHECK(seen[1].http_status == 200);
  CHECK(seen[2].error == "dropped: dispatcher stopped");
  CHECK(d.Enqueue(1, Cb(rx, "/ok"), StreamKeyWebhook(1, StreamKeyState::ACTIVE)).code() ==
        ffsb::ErrorCode::SERVICE_UNAVAILABLE);
}

TEST_CASE("enqueue validation", "[notify][dispatcher]") {
  WebhookDispatcher d;
  auto ev = StreamKeyWebhook(1, StreamKeyState::ACTIVE);
  CHECK(d.Enqueue(1, {"", "", ""}, ev).ok());  // no callback: nothing to do
  CHECK(d.Pending(1) == 0);
  CHECK(d.Enqueue(1, {"ftp://h/", "", ""}, ev).code() == ffsb::ErrorCode::INVALID_REQUEST_PARAMETER);
  CHECK(d.Enqueue(1, {"http://h/", "", ""}, "k", "not json").code() == ffsb::ErrorCode::INVALID_REQUEST_PARAMETER);
  CHECK(d.Enqueue(1, {"http://h/", "", ""}, "k", R"({"data":{}})").code() ==
        ffsb::ErrorCode::INVALID_REQUEST_PARAMETER);
}
