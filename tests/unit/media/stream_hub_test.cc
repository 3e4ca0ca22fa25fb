#include "server/media/stream_hub.h"

#include <catch2/catch.hpp>

#include "server/protocol/message.h"

using namespace ffsb;

namespace {
struct RecordingSub : Subscriber {
  std::vector<FramePtr> got;
  bool ended = false;
  void Deliver(const FramePtr& f) override { got.push_back(f); }
  void FlushOut() override {}
  void StreamEnded() override { ended = true; }
};
struct RecordingSink : MediaSink {
  std::vector<uint8_t> types;
  bool ended = false;
  void OnFlvTag(uint8_t t, uint32_t, const uint8_t*, size_t) override { types.push_back(t); }
  void OnEnd() override { ended = true; }
};
FramePtr F(uint8_t type, uint32_t ts, bool key, bool header = false) {
  auto f = std::make_shared<Frame>();
  f->type = type;
  f->timestamp = ts;
  f->keyframe = key;
  f->sequence_header = header;
  f->body = {uint8_t(key ? 0x17 : 0x27), 1, 0, 0, 0};
  if (type == rtmp::kAudio) f->body = {0xAF, uint8_t(header ? 0 : 1), 0x12, 0x10};
  return f;
}
}  // namespace

TEST_CASE("hub: a late viewer starts with headers and the latest GOP", "[media]") {
  auto sink = std::make_shared<RecordingSink>();
  StreamHub hub(PublishGrant{1, "p", true, false, "RTMP"}, "k…", 1 << 20, 0, {sink});
  CHECK_FALSE(hub.OnFrame(F(rtmp::kVideo, 0, true, true)));
  CHECK_FALSE(hub.OnFrame(F(rtmp::kAudio, 0, false, true)));
  CHECK_FALSE(hub.OnFrame(F(rtmp::kVideo, 0, false)));  // before any keyframe: not cached
  CHECK(hub.OnFrame(F(rtmp::kVideo, 33, true)));        // first keyframe -> viewable
  hub.OnFrame(F(rtmp::kVideo, 66, false));
  CHECK_FALSE(hub.OnFrame(F(rtmp::kVideo, 100, true)));  // new GOP
  hub.OnFrame(F(rtmp::kAudio, 110, false));
  auto sub = std::make_shared<RecordingSub>();
  hub.AddSubscriber(sub);
  REQUIRE(sub->got.size() == 4);  // video hdr, audio hdr, keyframe@100, audio@110
  CHECK(sub->got[0]->sequence_header);
  CHECK(sub->got[2]->timestamp == 100);
  CHECK(sub->got[2]->keyframe);
  hub.OnFrame(F(rtmp::kVideo, 133, false));
  CHECK(sub->got.size() == 5);
  CHECK(sink->types.size() == 8);
  CHECK(hub.subscriber_count() == 1);
  hub.End();
  CHECK(sub->ended);
  CHECK(sink->ended);
  CHECK(hub.subscriber_count() == 0);
}

TEST_CASE("hub: removing a subscriber during broadcast is safe", "[media]") {
  StreamHub hub(PublishGrant{1, "p", true, false, "RTMP"}, "k…", 1 << 20, 0, {});
  struct SelfRemoving : Subscriber {
    StreamHub* hub;
    int n = 0;
    void Deliver(const FramePtr&) override { ++n; hub->RemoveSubscriber(this); }
    void FlushOut() override {}
    void StreamEnded() override {}
  };
  auto a = std::make_shared<SelfRemoving>();
  a->hub = &hub;
  auto b = std::make_shared<RecordingSub>();
  hub.AddSubscriber(a);
  hub.AddSubscriber(b);
  hub.OnFrame(F(rtmp::kVideo, 0, true));
  hub.OnFrame(F(rtmp::kVideo, 33, false));
  CHECK(a->n == 1);
  CHECK(b->got.size() == 2);
  CHECK(hub.subscriber_count() == 1);
}

TEST_CASE("frame: shared RTMP and FLV encodings", "[media]") {
  auto f = F(rtmp::kVideo, 0x1000000, true);
  const auto& w = f->Rtmp(4096, 1);
  CHECK(w.size() == 12 + 4 + f->body.size());  // fmt0 + extended timestamp
  CHECK(&f->Rtmp(4096, 1) == &w);
  CHECK(f->FlvHeader()[0] == 9);
  CHECK(f->FlvHeader()[7] == 1);  // TimestampExtended
  CHECK(f->FlvTrailer()[3] == 11 + f->body.size());
}
