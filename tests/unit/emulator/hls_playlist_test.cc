#include <catch2/catch.hpp>

#include "emulator/play/hls_playlist.h"

using namespace ffsb::emu;

TEST_CASE("master playlist variants and rendition choice") {
  const char* m =
      "#EXTM3U\n#EXT-X-VERSION:7\n"
      "#EXT-X-STREAM-INF:BANDWIDTH=3000000,RESOLUTION=1280x720,CODECS=\"avc1.64001f,mp4a.40.2\"\n720p/index.m3u8\n"
      "#EXT-X-STREAM-INF:BANDWIDTH=800000,RESOLUTION=640x360,NAME=\"low\"\n360p/index.m3u8\n";
  REQUIRE(IsHlsMasterPlaylist(m));
  auto v = ParseHlsMaster(m, "http://h/hls/k/master.m3u8");
  REQUIRE(v.ok());
  REQUIRE(v->size() == 2);
  CHECK((*v)[0].url == "http://h/hls/k/720p/index.m3u8");
  CHECK((*v)[1].height == 360);
  CHECK(PickHlsVariant(*v, "") == 0);
  CHECK(PickHlsVariant(*v, "360p") == 1);
  CHECK(PickHlsVariant(*v, "low") == 1);
  CHECK(PickHlsVariant(*v, "1280x720") == 0);
  CHECK(PickHlsVariant(*v, "1080p") == -1);
}

TEST_CASE("media playlist segments carry sequence numbers and the init map") {
  const char* p =
      "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:41\n#EXT-X-MAP:URI=\"init.mp4\"\n"
      "#EXTINF:2.000,\nseg41.m4s\n#EXTINF:1.967,\nseg42.m4s\n";
  auto pl = ParseHlsMedia(p, "http://h/a/index.m3u8");
  REQUIRE(pl.ok());
  CHECK(pl->target_duration_s == 2);
  REQUIRE(pl->segments.size() == 2);
  CHECK(pl->segments[1].sequence == 42);
  CHECK(pl->segments[1].duration_s == Approx(1.967));
  CHECK(pl->segments[0].init_url == "http://h/a/init.mp4");
  CHECK_FALSE(pl->ended);
  CHECK_FALSE(ParseHlsMedia("garbage", "http://h/").ok());
}
