#include "server/vod/flv_file.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "vod_test_util.h"

namespace ffsb::vod {
namespace {

std::string TwoTags() {
  std::string f = FlvFileHeader(true, true);
  const uint8_t video[] = {0x17, 0x01, 0, 0, 0, 0xAA};
  const uint8_t audio[] = {0xAF, 0x01, 0x21};
  AppendFlvTag(&f, kFlvTagVideo, 0x01000005, video, sizeof video);  // extended timestamp
  AppendFlvTag(&f, kFlvTagAudio, 23, audio, sizeof audio);
  return f;
}

TEST_CASE("flv tags round-trip, torn tails stop the reader", "[vod][flv]") {
  std::string f = TwoTags();
  FlvTagReader r(reinterpret_cast<const uint8_t*>(f.data()), f.size());
  REQUIRE(r.header_ok());
  FlvTag tag;
  REQUIRE(r.Next(&tag));
  CHECK(tag.type == kFlvTagVideo);
  CHECK(tag.timestamp_ms == 0x01000005u);
  CHECK(IsVideoKeyframe(tag.body, tag.size));
  CHECK(!IsAvcSequenceHeader(tag.body, tag.size));
  REQUIRE(r.Next(&tag));
  CHECK(tag.size == 3);
  CHECK(!r.Next(&tag));
  CHECK(r.valid_end() == f.size());

  for (size_t cut = 1; cut < f.size() - 13; ++cut) {
    std::string torn = f.substr(0, f.size() - cut);
    FlvTagReader t(reinterpret_cast<const uint8_t*>(torn.data()), torn.size());
    int n = 0;
    while (t.Next(&tag)) ++n;
    CHECK(n == (cut <= 3 + 15 ? 1 : 0));
  }
}

TEST_CASE("ScanFlvFile finds the end of the last complete tag", "[vod][flv]") {
  testing::TempDir tmp;
  std::string f = TwoTags();
  std::ofstream(tmp.Join("a.flv"), std::ios::binary) << f.substr(0, f.size() - 2);
  auto scan = ScanFlvFile(DefaultFileSystem(), tmp.Join("a.flv"));
  REQUIRE(scan.ok());
  CHECK(scan->header_ok);
  CHECK(scan->video_tags == 1);
  CHECK(scan->audio_tags == 0);
  CHECK(scan->torn_tail());
  CHECK(scan->valid_end == 13 + 11 + 6 + 4);

  std::ofstream(tmp.Join("b.flv"), std::ios::binary) << "garbage";
  scan = ScanFlvFile(DefaultFileSystem(), tmp.Join("b.flv"));
  REQUIRE(scan.ok());
  CHECK(!scan->header_ok);
}

}  // namespace
}  // namespace ffsb::vod
