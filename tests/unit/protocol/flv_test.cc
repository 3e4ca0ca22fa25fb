#include "server/protocol/flv.h"

#include <catch2/catch.hpp>

#include "server/protocol/flv_codec.h"

using namespace ffsb;

TEST_CASE("flv header and tags round trip through the reader", "[flv]") {
  std::vector<uint8_t> file;
  WriteFlvHeader(true, true, &file);
  REQUIRE(file.size() == 13);
  CHECK(file[4] == 5);
  std::vector<uint8_t> v = {0x17, 0, 0, 0, 0, 1, 2, 3}, a = {0xAF, 1, 9};
  WriteFlvTag(flv::kTagVideo, 0x01020304, v.data(), v.size(), &file);  // ts with extended byte
  WriteFlvTag(flv::kTagAudio, 40, a.data(), a.size(), &file);
  FlvReader r;
  std::vector<FlvTag> tags;
  for (size_t i = 0; i < file.size(); i += 5) {  // byte-dribbled
    r.Append(file.data() + i, std::min<size_t>(5, file.size() - i));
    FlvTag t;
    for (;;) {
      auto got = r.Next(&t);
      REQUIRE(got.ok());
      if (!*got) break;
      tags.push_back(t);
    }
  }
  REQUIRE(tags.size() == 2);
  CHECK(r.has_audio());
  CHECK(tags[0].timestamp == 0x01020304);
  CHECK(tags[0].body == v);
  CHECK(tags[1].type == flv::kTagAudio);
  CHECK(tags[1].body == a);
  // PreviousTagSize = 11 + body.
  CHECK(file[13 + 11 + v.size() + 3] == 11 + v.size());
}

TEST_CASE("flv reader refuses garbage", "[flv]") {
  FlvReader r;
  std::vector<uint8_t> junk = {'F', 'L', 'X', 1, 5, 0, 0, 0, 9, 0, 0, 0, 0};
  r.Append(junk.data(), junk.size());
  FlvTag t;
  CHECK_FALSE(r.Next(&t).ok());
  FlvReader r2(100);
  std::vector<uint8_t> f;
  WriteFlvHeader(false, true, &f);
  std::vector<uint8_t> body(200, 0);
  WriteFlvTag(9, 0, body.data(), body.size(), &f);
  r2.Append(f.data(), f.size());
  CHECK_FALSE(r2.Next(&t).ok());  // over the tag size limit
}

TEST_CASE("flv body classification", "[flv]") {
  uint8_t key_seq[] = {0x17, 0, 0, 0, 0};
  uint8_t inter[] = {0x27, 1, 0, 0, 0};
  uint8_t aac_seq[] = {0xAF, 0, 0x12, 0x10};
  CHECK(flv::IsVideoKeyframe(key_seq, 5));
  CHECK(flv::IsVideoSequenceHeader(key_seq, 5));
  CHECK_FALSE(flv::IsVideoKeyframe(inter, 5));
  CHECK_FALSE(flv::IsVideoSequenceHeader(inter, 5));
  CHECK(flv::IsAudioSequenceHeader(aac_seq, 4));
  CHECK(flv::VideoCodecName(key_seq, 5) == "h264");
  CHECK(flv::AudioCodecName(aac_seq, 4) == "aac");
  CHECK_FALSE(flv::IsVideoKeyframe(nullptr, 0));
}
