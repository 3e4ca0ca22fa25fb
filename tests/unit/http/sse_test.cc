// SseHub behind a real HttpServer: fan-out, replay, slow-subscriber drop.
#include <catch2/catch.hpp>

#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "server/http/server.h"
#include "server/http/sse.h"
#include "tests/unit/http/raw_client.h"

namespace ffsb::http {
namespace {

using test::RawClient;
using namespace std::chrono_literals;

bool WaitFor(const std::function<bool()>& cond) {
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!cond()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

struct SseFixture {
  explicit SseFixture(SseHub::Options ho = {}) : hub(ho) {
    router.Add("GET", "/v2/members/me/event-sources/{ch}",
               [this](Request& req) { return hub.Subscribe(req.params["ch"], req); });
    HttpServer::Options o;
    o.bind = "127.0.0.1";
    server = std::make_unique<HttpServer>(o, router);
    REQUIRE(hub.Start().ok());
    REQUIRE(server->Start().ok());
  }
  std::unique_ptr<RawClient> Subscribe(const std::string& ch, const std::string& extra = "") {
    auto c = std::make_unique<RawClient>(server->port());
    c->Send("GET /v2/members/me/event-sources/" + ch + " HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n" +
            extra + "\r\n");
    return c;
  }
  Router router;
  SseHub hub;
  std::unique_ptr<HttpServer> server;
};

TEST_CASE("sse: event formatting") {
  CHECK(FormatSseEvent(7, "room", "{\"a\":1}") == "id: 7\nevent: room\ndata: {\"a\":1}\n\n");
  CHECK(FormatSseEvent(8, "x", "a\nb\r\nc") == "id: 8\nevent: x\ndata: a\ndata: b\ndata: c\n\n");
}

TEST_CASE("sse: fan-out to several subscribers of a channel, not to others") {
  SseFixture f;
  std::vector<std::unique_ptr<RawClient>> subs;
  for (int i = 0; i < 3; ++i) subs.push_back(f.Subscribe("alice"));
  auto other = f.Subscribe("bob");
  REQUIRE(WaitFor([&] { return f.hub.SubscriberCount("alice") == 3; }));
  REQUIRE(WaitFor([&] { return f.hub.SubscriberCount("bob") == 1; }));
  for (auto& s : subs) {
    std::string head = s->ReadUntil("\r\n\r\n");
    CHECK(head.find("HTTP/1.1 200") == 0);
    CHECK(head.find("Content-Type: text/event-stream") != std::string::npos);
    CHECK(head.find("Cache-Control: no-cache") != std::string::npos);
  }
  f.hub.Publish("alice", "videoRoomStateChanged", R"({"videoRoomState":"LIVE"})");
  uint64_t id2 = f.hub.Publish("alice", "videoRoomStateChanged", R"({"videoRoomState":"ENDED"})");
  f.hub.Publish("bob", "other", "{}");
  for (auto& s : subs) {
    std::string got = s->ReadUntil("ENDED\"}\n\n");
    CHECK(got.find("event: videoRoomStateChanged\ndata: {\"videoRoomState\":\"LIVE\"}") != std::string::npos);
    CHECK(got.find("id: " + std::to_string(id2)) != std::string::npos);
    CHECK(got.find("other") == std::string::npos);
  }
  CHECK(other->ReadUntil("data: {}\n\n").find("event: other") != std::string::npos);

  // A client that goes away is removed.
  subs.pop_back();
  CHECK(WaitFor([&] { return f.hub.SubscriberCount("alice") == 2; }));

  // Reconnect with Last-Event-ID replays what was missed.
  uint64_t id3 = f.hub.Publish("alice", "e", "3");
  auto again = f.Subscribe("alice", "Last-Event-ID: " + std::to_string(id2) + "\r\n");
  std::string replay = again->ReadUntil("data: 3\n\n");
  CHECK(replay.find("id: " + std::to_string(id3)) != std::string::npos);
  CHECK(replay.find("ENDED") == std::string::npos);
}

TEST_CASE("sse: heartbeat comments keep the stream alive") {
  SseHub::Options ho;
  ho.heartbeat = 100ms;
  SseFixture f(ho);
  auto s = f.Subscribe("c");
  CHECK(s->ReadUntil(": heartbeat\n\n").find(": heartbeat") != std::string::npos);
}

TEST_CASE("sse: a subscriber that does not read is dropped when its queue is full") {
  SseHub::Options ho;
  ho.max_queued_events = 8;
  SseFixture f(ho);
  auto slow = f.Subscribe("s");
  auto fast = f.Subscribe("s");
  REQUIRE(WaitFor([&] { return f.hub.SubscriberCount("s") == 2; }));
  std::string big(64 * 1024, 'x');
  std::atomic<bool> stop{false};
  std::thread reader([&] {  // `fast` keeps reading
    while (!stop) fast->ReadUntil("\n\n");
  });
  for (int i = 0; i < 1000 && f.hub.dropped_slow_subscribers() == 0; ++i) {
    f.hub.Publish("s", "big", big);
    std::this_thread::sleep_for(1ms);
  }
  CHECK(f.hub.dropped_slow_subscribers() == 1);
  CHECK(WaitFor([&] { return f.hub.SubscriberCount("s") == 1; }));
  stop = true;
  f.hub.Publish("s", "end", "end");
  reader.join();
}

}  // namespace
}  // namespace ffsb::http
