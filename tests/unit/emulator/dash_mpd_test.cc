#include <catch2/catch.hpp>

#include "emulator/play/dash_mpd.h"

using namespace ffsb::emu;

TEST_CASE("MPD with an AdaptationSet-level SegmentTimeline ($Time$, like nginx-rtmp)") {
  const char* mpd = R"(<?xml version="1.0"?>
<MPD type="dynamic" xmlns="urn:mpeg:dash:schema:mpd:2011" minimumUpdatePeriod="PT2S" availabilityStartTime="2026-01-01T00:00:00Z">
  <Period start="PT0S" id="dash">
    <AdaptationSet id="1" segmentAlignment="true" maxWidth="1280" maxHeight="720">
      <Representation id="k_H264" mimeType="video/mp4" codecs="avc1.64001f" width="1280" height="720" bandwidth="2500000">
        <SegmentTemplate presentationTimeOffset="0" timescale="1000" media="k-$Time$.m4v" initialization="k-init.m4v">
          <SegmentTimeline>
            <S t="1000" d="2000"/>
            <S d="2000" r="2"/>
          </SegmentTimeline>
        </SegmentTemplate>
      </Representation>
    </AdaptationSet>
    <AdaptationSet id="2"><Representation id="a" mimeType="audio/mp4" bandwidth="128000"/></AdaptationSet>
  </Period>
</MPD>)";
  auto m = ParseDashMpd(mpd, "http://h/dash/k.mpd", 0);
  REQUIRE(m.ok());
  CHECK(m->dynamic);
  CHECK(m->min_update_period_s == 2);
  REQUIRE(m->video.size() == 1);
  const auto& r = m->video[0];
  CHECK(r.init_url == "http://h/dash/k-init.m4v");
  REQUIRE(r.segments.size() == 4);
  CHECK(r.segments[0].url == "http://h/dash/k-1000.m4v");
  CHECK(r.segments[3].url == "http://h/dash/k-7000.m4v");
  CHECK(r.segments[3].duration_s == 2);
}

TEST_CASE("$Number%05d$ templates with Representation ids (ffmpeg dash muxer style)") {
  CHECK(ExpandDashTemplate("chunk-stream$RepresentationID$-$Number%05d$.m4s", "0", 7, 0, 0) ==
        "chunk-stream0-00007.m4s");
  CHECK(ExpandDashTemplate("$Bandwidth$/$Time$.m4s", "x", 0, 90000, 800000) == "800000/90000.m4s");
  const char* mpd = R"(<MPD type="dynamic"><Period><AdaptationSet contentType="video">
    <SegmentTemplate timescale="90000" initialization="init-$RepresentationID$.m4s" media="c-$RepresentationID$-$Number$.m4s" startNumber="5">
      <SegmentTimeline><S t="0" d="180000" r="1"/></SegmentTimeline></SegmentTemplate>
    <Representation id="360p" width="640" height="360" bandwidth="800000"/>
    <Representation id="720p" width="1280" height="720" bandwidth="2500000"/>
  </AdaptationSet></Period></MPD>)";
  auto m = ParseDashMpd(mpd, "http://h/d/index.mpd", 0);
  REQUIRE(m.ok());
  REQUIRE(m->video.size() == 2);
  CHECK(PickDashRepresentation(m->video, "720p") == 1);
  CHECK(m->video[1].segments[1].url == "http://h/d/c-720p-6.m4s");
  CHECK(m->video[0].init_url == "http://h/d/init-360p.m4s");
}

TEST_CASE("ISO 8601 durations") {
  CHECK(ParseIsoDuration("PT2S") == 2);
  CHECK(ParseIsoDuration("PT1M0.5S") == 60.5);
  CHECK(ParseIsoDuration("P1DT1H") == 90000);
}
