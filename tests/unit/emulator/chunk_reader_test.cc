#include <catch2/catch.hpp>

#include "emulator/rtmp/chunk_reader.h"

using namespace ffsb::emu;

TEST_CASE("chunked messages are reassembled, fed one byte at a time") {
  std::vector<uint8_t> payload(300);
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<uint8_t>(i);
  auto wire = ChunkMessage(3, 20, 0, 1000, payload);
  auto more = ChunkMessage(4, 18, 1, 0x1000000, std::vector<uint8_t>{1, 2, 3});  // extended timestamp
  wire.insert(wire.end(), more.begin(), more.end());
  ChunkReader r;
  std::vector<RtmpMessage> got;
  for (uint8_t b : wire) REQUIRE(r.Feed({&b, 1}, [&](const RtmpMessage& m) { got.push_back(m); }).ok());
  REQUIRE(got.size() == 2);
  CHECK(got[0].type == 20);
  CHECK(got[0].timestamp == 1000);
  CHECK(got[0].payload == payload);
  CHECK(got[1].timestamp == 0x1000000);
  CHECK(got[1].stream_id == 1);
}

TEST_CASE("Set Chunk Size applies to the following chunks; media is counted not copied") {
  std::vector<uint8_t> wire = ChunkMessage(2, 1, 0, 0, std::vector<uint8_t>{0, 0, 0x10, 0});  // 4096
  std::vector<uint8_t> video(5000, 7);
  auto v = ChunkMessage(6, 9, 1, 40, video, 4096);
  wire.insert(wire.end(), v.begin(), v.end());
  ChunkReader r;
  std::vector<RtmpMessage> got;
  REQUIRE(r.Feed(wire, [&](const RtmpMessage& m) { got.push_back(m); }).ok());
  REQUIRE(got.size() == 2);
  CHECK(r.chunk_size() == 4096);
  CHECK(got[1].type == 9);
  CHECK(got[1].length == 5000);
  CHECK(got[1].payload.empty());
}

TEST_CASE("format 1..3 headers reuse the previous message's fields") {
  // fmt0 then fmt2 (delta 33) then fmt3 (same delta) on csid 6.
  std::vector<uint8_t> wire = ChunkMessage(6, 9, 1, 100, std::vector<uint8_t>{9});
  std::vector<uint8_t> fmt2 = {0x86, 0, 0, 33, 9};
  std::vector<uint8_t> fmt3 = {0xc6, 9};
  wire.insert(wire.end(), fmt2.begin(), fmt2.end());
  wire.insert(wire.end(), fmt3.begin(), fmt3.end());
  ChunkReader r(/*collect_media=*/true);
  std::vector<uint32_t> ts;
  REQUIRE(r.Feed(wire, [&](const RtmpMessage& m) { ts.push_back(m.timestamp); }).ok());
  CHECK(ts == std::vector<uint32_t>{100, 133, 166});
}
