// Integration: the real MediaServer against scripted raw RTMP clients:
// refusals, takeover, stall, force-terminate, slow viewers, hostile input,
// handshake floods. The server must stay up and other streams untouched.
#include <sys/resource.h>
#include <sys/socket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "server/protocol/byte_io.h"
#include "server/protocol/command.h"
#include "tests/unit/media/media_fixture.h"
#include "tests/unit/media/rtmp_test_client.h"

using namespace ffsb;
using namespace ffsb::testing;
using namespace std::chrono_literals;

namespace {

// Publishes fake H.264/AAC at ~30 fps on its own thread until stopped.
class RawPublisher {
 public:
  RawPublisher(int port, const std::string& key, size_t frame_size = 2000) : size_(frame_size) {
    ok_ = c_.Dial(port) && c_.Handshake(true) && c_.ConnectApp() == "_result" &&
          c_.CreateStream() != 0;
    if (ok_) code_ = c_.Publish(key);
  }
  bool Start() {
    if (code_ != "NetStream.Publish.Start") return false;
    c_.SendAvcHeader(0);
    c_.SendAacHeader(0);
    th_ = std::thread([this] {
      uint32_t ts = 0;
      for (int i = 0; run_; ++i, ts += 33) {
        if (!paused_) {
          if (!c_.SendVideo(ts, i % 30 == 0, i % 30 == 0 ? size_ * 5 : size_)) break;
          c_.SendAudio(ts);
          last_ts_ = ts;
        }
        std::this_thread::sleep_for(33ms);
      }
    });
    return true;
  }
  void Pause(bool p) { paused_ = p; }
  void Stop() {
    run_ = false;
    if (th_.joinable()) th_.join();
  }
  ~RawPublisher() { Stop(); }
  const std::string& code() const { return code_; }
  RtmpTestClient& client() { return c_; }
  uint32_t last_ts() const { return last_ts_; }

 private:
  RtmpTestClient c_;
  size_t size_;
  bool ok_ = false;
  std::string code_;
  std::thread th_;
  std::atomic<bool> run_{true}, paused_{false};
  std::atomic<uint32_t> last_ts_{0};
};

// A player that keeps reading on its own thread.
class RawPlayer {
 public:
  RawPlayer(int port, const std::string& play_id) {
    if (c_.Dial(port) && c_.Handshake() && c_.ConnectApp() == "_result" && c_.CreateStream()) {
      code_ = c_.Play(play_id);
    }
    th_ = std::thread([this] {
      RtmpMessage m;
      while (run_) {
        if (c_.Read(&m, 200)) {
          bytes_ = c_.media_bytes();
        } else {
          std::this_thread::sleep_for(20ms);  // timeout (skipping to a keyframe) or closed
        }
      }
    });
  }
  ~RawPlayer() {
    run_ = false;
    th_.join();
  }
  uint64_t bytes() const { return bytes_; }
  const std::string& code() const { return code_; }

 private:
  RtmpTestClient c_;
  std::string code_;
  std::thread th_;
  std::atomic<bool> run_{true};
  std::atomic<uint64_t> bytes_{0};
};

}  // namespace

TEST_CASE("unknown key and unknown app are refused with clear statuses", "[integration]") {
  ServerFixture fx;
  RtmpTestClient c;
  REQUIRE(c.Dial(fx.port()));
  REQUIRE(c.Handshake());
  REQUIRE(c.ConnectApp() == "_result");
  REQUIRE(c.CreateStream() == 1);
  CHECK(c.Publish("not-a-key") == "NetStream.Publish.BadName");
  CHECK(c.WaitClosed(2000));
  RtmpTestClient d;
  REQUIRE((d.Dial(fx.port()) && d.Handshake()));
  CHECK(d.ConnectApp("other") == "NetConnection.Connect.Rejected");
  RtmpTestClient e;
  REQUIRE((e.Dial(fx.port()) && e.Handshake() && e.ConnectApp() == "_result" && e.CreateStream()));
  CHECK(e.Publish(std::string(kKeyA) + "?mode=HLS") == "NetStream.Publish.BadName");
  RtmpTestClient p;
  REQUIRE((p.Dial(fx.port()) && p.Handshake() && p.ConnectApp() == "_result" && p.CreateStream()));
  CHECK(p.Play("playA") == "NetStream.Play.StreamNotFound");
  CHECK(p.WaitClosed(2000));
}

TEST_CASE("second publisher refused while the first streams; takeover after silence", "[integration]") {
  ServerFixture fx;
  RawPublisher first(fx.port(), kKeyA);
  REQUIRE(first.Start());
  REQUIRE(fx.gate.WaitFor([&] { return true; }, 10));
  std::this_thread::sleep_for(300ms);
  RawPlayer viewer(fx.port(), "playA");
  CHECK(viewer.code() == "NetStream.Play.Start");
  {
    RawPublisher second(fx.port(), kKeyA);
    CHECK(second.code() == "NetStream.Publish.BadName");
  }
  CHECK(fx.gate.ended(1).empty());
  CHECK(fx.server->ingest_count() == 1);
  // The first goes silent without closing (a half-dead connection).
  first.Pause(true);
  std::this_thread::sleep_for(700ms);  // the time a dropped encoder takes to reconnect
  auto t0 = std::chrono::steady_clock::now();
  RawPublisher third(fx.port(), kKeyA);  // waits for the takeover window
  double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(third.code() == "NetStream.Publish.Start");
  CHECK(waited < 4.0);
  CHECK(fx.gate.ended(1) == std::vector<std::string>{"takeover"});
  CHECK(first.client().WaitClosed(2000));
}

TEST_CASE("stall timeout and DropIngest end the ingest", "[integration]") {
  auto opts = ServerFixture::TestOptions();
  opts.stall_timeout = 1500ms;
  ServerFixture fx(opts);
  RawPublisher a(fx.port(), kKeyA);
  REQUIRE(a.Start());
  REQUIRE(fx.gate.WaitFor([&] { return true; }, 10));
  std::this_thread::sleep_for(500ms);
  CHECK(fx.gate.viewable(1) == 1);
  a.Pause(true);
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(fx.gate.WaitFor([&] { return true; }, 10));
  for (int i = 0; i < 40 && fx.gate.ended(1).empty(); ++i) std::this_thread::sleep_for(100ms);
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(fx.gate.ended(1) == std::vector<std::string>{"stall"});
  CHECK(s > 1.2);
  CHECK(s < 3.0);
  CHECK(a.client().WaitClosed(1000));

  RawPublisher b(fx.port(), kKeyB);
  REQUIRE(b.Start());
  std::this_thread::sleep_for(300ms);
  fx.server->DropIngest(2);
  CHECK(b.client().WaitClosed(2000));
  CHECK(fx.gate.ended(2) == std::vector<std::string>{"forced"});
  CHECK(fx.server->ingest_count() == 0);
}

TEST_CASE("a slow viewer does not slow the publisher or other viewers", "[integration]") {
  auto opts = ServerFixture::TestOptions();
  opts.viewer_queue_bytes = 256 << 10;
  ServerFixture fx(opts);
  RawPublisher pub(fx.port(), kKeyA, 20000);  // ~5 Mbit/s
  REQUIRE(pub.Start());
  std::this_thread::sleep_for(200ms);
  // Slow: plays, then never reads; tiny receive buffer.
  RtmpTestClient slow;
  REQUIRE((slow.Dial(fx.port()) && slow.Handshake() && slow.ConnectApp() == "_result" && slow.CreateStream()));
  int small = 4096;
  setsockopt(slow.fd(), SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
  CHECK(slow.Play("playA") == "NetStream.Play.Start");
  RawPlayer fast(fx.port(), "playA");
  REQUIRE(fast.code() == "NetStream.Play.Start");
  uint64_t b0 = fast.bytes();
  std::this_thread::sleep_for(4s);
  uint64_t got = fast.bytes() - b0;
  CHECK(got > 4 * 20000 * 30 * 0.7);  // kept up with ~4 s of 30 fps
  CHECK(fx.gate.ended(1).empty());
  // The slow one was dropped to keyframes, then disconnected (it reads
  // nothing, so we watch the server side).
  for (int i = 0; i < 150 && fx.server->viewer_count() > 1; ++i) std::this_thread::sleep_for(100ms);
  CHECK(fx.server->viewer_count() == 1);
  CHECK(fast.bytes() > got);  // and the fast one is still served
}

TEST_CASE("hostile input: the server stays up, other streams untouched", "[integration]") {
  auto opts = ServerFixture::TestOptions();
  opts.handshake_timeout = 1000ms;
  opts.idle_timeout = 2000ms;
  opts.max_message_length = 1 << 20;
  ServerFixture fx(opts);
  RawPublisher healthy(fx.port(), kKeyB);
  REQUIRE(healthy.Start());
  std::this_thread::sleep_for(200ms);
  RawPlayer watcher(fx.port(), "playB");
  REQUIRE(watcher.code() == "NetStream.Play.Start");

  auto connected = [&](RtmpTestClient& c) {
    return c.Dial(fx.port()) && c.Handshake() && c.ConnectApp() == "_result" && c.CreateStream();
  };
  {  // random bytes before the handshake
    RtmpTestClient c;
    REQUIRE(c.Dial(fx.port()));
    std::vector<uint8_t> junk(5000);
    for (size_t i = 0; i < junk.size(); ++i) junk[i] = uint8_t(i * 131 + 7);
    c.SendRaw(junk);
    CHECK(c.WaitClosed(2000));
  }
  {  // random bytes after the handshake
    RtmpTestClient c;
    REQUIRE((c.Dial(fx.port()) && c.Handshake()));
    std::vector<uint8_t> junk(20000);
    for (size_t i = 0; i < junk.size(); ++i) junk[i] = uint8_t(i * 97 + 3);
    c.SendRaw(junk);
    CHECK(c.WaitClosed(4000));
  }
  for (uint32_t bad : {0u, 0x80000000u, 0xFFFFFFFFu}) {  // Set Chunk Size 0 and > 2^31
    RtmpTestClient c;
    REQUIRE(connected(c));
    std::vector<uint8_t> p;
    ByteWriter(&p).U32(bad);
    c.Send(2, rtmp::kSetChunkSize, 0, 0, p);
    CHECK(c.WaitClosed(2000));
  }
  {  // a message longer than declared: the extra bytes are parsed as a bogus chunk
    RtmpTestClient c;
    REQUIRE(connected(c));
    std::vector<uint8_t> w = {0x03, 0, 0, 0, 0, 0, 10, 20, 0, 0, 0, 0};
    w.resize(w.size() + 10 + 50, 0xC7);  // 50 extra bytes: fmt3 on unknown csid 7
    c.SendRaw(w);
    CHECK(c.WaitClosed(2000));
  }
  {  // unknown csid with fmt 1
    RtmpTestClient c;
    REQUIRE(connected(c));
    c.SendRaw({0x49, 0, 0, 0, 0, 0, 4, 9, 1, 2, 3, 4});
    CHECK(c.WaitClosed(2000));
  }
  {  // message over the length limit
    RtmpTestClient c;
    REQUIRE(connected(c));
    c.SendRaw({0x08, 0, 0, 0, 0x7F, 0xFF, 0xFF, 9, 1, 0, 0, 0});
    CHECK(c.WaitClosed(2000));
  }
  {  // deeply nested AMF0 command
    RtmpTestClient c;
    REQUIRE(connected(c));
    std::vector<uint8_t> p;
    ByteWriter w(&p);
    Amf0Encode(Amf0Value::String("publish"), w);
    Amf0Encode(Amf0Value::Number(4), w);
    for (int i = 0; i < 5000; ++i) p.insert(p.end(), {0x03, 0, 1, 'a'});
    c.Send(3, rtmp::kCommandAmf0, 0, 1, p);
    CHECK(c.WaitClosed(2000));
  }
  {  // video before any sequence header, then vanish mid-message
    RawPublisher a(fx.port(), kKeyA);
    REQUIRE(a.code() == "NetStream.Publish.Start");
    a.client().SendVideo(0, true, 3000);
    a.client().SendVideo(33, false, 3000);
    std::this_thread::sleep_for(200ms);
    RawPlayer p(fx.port(), "playA");
    CHECK(p.code() == "NetStream.Play.Start");
    a.client().SendRaw({0x06, 0, 0, 66, 0, 0x10, 0, 9, 1, 0, 0, 0, 0x17, 1});  // 4 KiB declared, 2 sent
    a.client().Close();
    REQUIRE(fx.gate.WaitFor([&] { return true; }, 10));
    for (int i = 0; i < 30 && fx.gate.ended(1).empty(); ++i) std::this_thread::sleep_for(100ms);
    CHECK(fx.gate.ended(1) == std::vector<std::string>{"disconnected"});
  }
  {  // 1,000 connections that never finish the handshake
    size_t base = fx.server->connection_count();
    std::vector<std::unique_ptr<RtmpTestClient>> flood;
    for (int i = 0; i < 1000; ++i) {
      auto c = std::make_unique<RtmpTestClient>();
      if (!c->Dial(fx.port())) break;
      if (i % 2) c->SendRaw({3, 0, 0, 0});  // a partial C0C1
      flood.push_back(std::move(c));
    }
    CHECK(flood.size() == 1000);
    for (int i = 0; i < 20 && fx.server->connection_count() < base + 900; ++i) std::this_thread::sleep_for(100ms);
    CHECK(fx.server->connection_count() >= base + 900);
    RtmpTestClient ok;  // still serving
    CHECK(connected(ok));
    for (int i = 0; i < 40 && fx.server->connection_count() > base + 1; ++i) std::this_thread::sleep_for(100ms);
    CHECK(fx.server->connection_count() <= base + 1);
  }
  // The healthy stream never noticed.
  uint64_t before = watcher.bytes();
  std::this_thread::sleep_for(500ms);
  CHECK(watcher.bytes() > before);
  CHECK(fx.gate.ended(2).empty());
  CHECK(fx.server->ingest_count() == 1);
}
