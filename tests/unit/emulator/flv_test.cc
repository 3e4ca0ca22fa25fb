#include <catch2/catch.hpp>

#include "emulator/media/flv_reader.h"
#include "emulator/media/flv_tag.h"
#include "server/protocol/amf0.h"

using namespace ffsb::emu;

TEST_CASE("video tag bodies round-trip with a negative composition offset") {
  MediaPacket p;
  p.kind = MediaKind::kVideo;
  p.keyframe = true;
  p.cts_ms = -40;
  p.payload = {0, 0, 0, 1, 0x65};
  auto body = BuildTagBody(p);
  CHECK(body[0] == 0x17);
  auto back = ParseTagBody(MediaKind::kVideo, 1234, body);
  REQUIRE(back.has_value());
  CHECK(back->cts_ms == -40);
  CHECK(back->keyframe);
  CHECK(back->dts_ms == 1234);
  CHECK(back->payload == p.payload);
}

TEST_CASE("FLV reader yields tags across arbitrary splits") {
  std::vector<uint8_t> s = {'F', 'L', 'V', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
  auto add_tag = [&](uint8_t type, uint32_t ts, std::vector<uint8_t> body) {
    uint32_t n = static_cast<uint32_t>(body.size());
    std::vector<uint8_t> h = {type, uint8_t(n >> 16), uint8_t(n >> 8), uint8_t(n), uint8_t(ts >> 16), uint8_t(ts >> 8),
                              uint8_t(ts), uint8_t(ts >> 24), 0, 0, 0};
    s.insert(s.end(), h.begin(), h.end());
    s.insert(s.end(), body.begin(), body.end());
    uint32_t prev = n + 11;
    for (int i = 3; i >= 0; --i) s.push_back(uint8_t(prev >> (8 * i)));
  };
  add_tag(9, 0, {0x17, 0, 0, 0, 0, 1});
  add_tag(8, 0x01000010, {0xaf, 1, 2});
  FlvReader r;
  std::vector<std::pair<uint8_t, int64_t>> tags;
  for (size_t i = 0; i < s.size(); i += 5)
    REQUIRE(r.Feed({s.data() + i, std::min<size_t>(5, s.size() - i)},
                   [&](const FlvTag& t) { tags.emplace_back(t.type, t.timestamp_ms); }).ok());
  REQUIRE(tags.size() == 2);
  CHECK(tags[1].second == 0x01000010);
  FlvReader bad;
  CHECK_FALSE(bad.Feed(std::vector<uint8_t>(20, 'x'), [](const FlvTag&) {}).ok());
}

TEST_CASE("metadata body decodes with the protocol layer's AMF0") {
  ffsb::emu::StreamInfo info;
  info.width = 640;
  info.height = 360;
  info.fps = 30;
  info.has_audio = true;
  info.sample_rate = 48000;
  info.channels = 2;
  auto body = ffsb::emu::BuildMetadataBody(info);
  auto v = ffsb::Amf0DecodeAll(body.data(), body.size());
  REQUIRE(v.ok());
  REQUIRE(v->size() == 3);
  CHECK((*v)[0].string == "@setDataFrame");
  CHECK((*v)[1].string == "onMetaData");
  CHECK((*v)[2].type == ffsb::Amf0Value::Type::kEcmaArray);
  CHECK((*v)[2].GetNumber("width") == 640);
  CHECK((*v)[2].GetNumber("audiosamplerate") == 48000);
  CHECK((*v)[2].Get("stereo")->boolean);
  CHECK((*v)[2].GetString("encoder") == "ffemu");
}
