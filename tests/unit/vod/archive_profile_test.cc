#include "server/vod/archive_profile.h"

#include <catch2/catch.hpp>

namespace ffsb::vod {
namespace {

TEST_CASE("the default VIDEO profile remuxes to all formats", "[vod][profile]") {
  auto p = ParseArchiveProfile("", "");
  REQUIRE(p.ok());
  CHECK(!p->reencode());
  CHECK((p->mp4 && p->hls && p->dash));
  CHECK(p->thumbnail_width == 640);
  CHECK(p->thumbnail_height == 360);
  auto same = ParseArchiveProfile(kDefaultVideoProfileJson, kDefaultThumbnailProfileJson);
  REQUIRE(same.ok());
  CHECK(!same->reencode());
}

TEST_CASE("sizes or bitrates re-encode; bad recipes are rejected", "[vod][profile]") {
  auto p = ParseArchiveProfile(
      R"({"segmentDuration":2,"videoStreams":[{"name":"720p","width":1280,"height":720,"bitrate":3000000}],)"
      R"("audioStream":{"name":"audio","type":"audio","bitrate":128000}})", "");
  REQUIRE(p.ok());
  CHECK(p->reencode());
  CHECK(p->width == 1280);
  CHECK(p->video_bitrate == 3000000);
  CHECK(p->segment_seconds == 2.0);
  CHECK(!ParseArchiveProfile("not json", "").ok());
  CHECK(!ParseArchiveProfile(R"({"videoStreams":[]})", "").ok());
  CHECK(!ParseArchiveProfile(R"({"videoStreams":[{"width":100}]})", "").ok());
  CHECK(!ParseArchiveProfile(R"({"formats":["MP4","WEBM"]})", "").ok());
  CHECK(!ParseArchiveProfile("", R"({"width":-1})").ok());
  auto only_mp4 = ParseArchiveProfile(R"({"formats":["MP4"]})", "");
  REQUIRE(only_mp4.ok());
  CHECK((only_mp4->mp4 && !only_mp4->hls && !only_mp4->dash));
}

}  // namespace
}  // namespace ffsb::vod
