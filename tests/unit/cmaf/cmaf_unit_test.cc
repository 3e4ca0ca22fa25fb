// Unit tests for the pure parts of server/cmaf: recipe parsing, box fitting,
// FLV tag parsing, the overflow policy of the tag queue, the timeline, the
// state file and the manifests.
#include <catch2/catch.hpp>

#include "server/cmaf/flv_tag.h"
#include "server/cmaf/ladder_config.h"
#include "server/cmaf/manifests.h"
#include "server/cmaf/stream_state.h"
#include "server/cmaf/tag_queue.h"
#include "server/cmaf/timeline.h"
#include "server/cmaf/video_encoder.h"

using namespace ffsb;
using namespace ffsb::cmaf;

TEST_CASE("ParseLadderConfig reads the contract's BROADCAST_RTMP recipe") {
  auto c = ParseLadderConfig(R"({"segmentDuration": 2, "videoStreams":
    [{"name":"360p","type":"video","width":640,"height":360,"bitrate":800000},
     {"name":"720p","type":"video","width":1280,"height":720,"bitrate":3000000}],
    "audioStream":{"name":"audio","type":"audio","bitrate":128000}, "drm": false})");
  REQUIRE(c.ok());
  CHECK(c->segment_duration_s == 2);
  REQUIRE(c->video.size() == 2);
  CHECK(c->video[0].name == "360p");
  CHECK(c->video[1].width == 1280);
  CHECK(c->video[1].bitrate == 3000000);
  CHECK(c->audio_bitrate == 128000);
  CHECK(c->audio_name == "audio");
}

TEST_CASE("ParseLadderConfig refuses malformed recipes with a field name") {
  const char* bad[] = {
      "not json", "[]", R"({"videoStreams":[]})",
      R"({"segmentDuration":0,"videoStreams":[{"name":"a","width":640,"height":360,"bitrate":800000}]})",
      R"({"segmentDuration":2,"videoStreams":[{"name":"../x","width":640,"height":360,"bitrate":800000}]})",
      R"({"segmentDuration":2,"videoStreams":[{"name":"a","width":641,"height":360,"bitrate":800000}]})",
      R"({"segmentDuration":2,"videoStreams":[{"name":"a","width":640,"height":360}]})",
      R"({"segmentDuration":2,"videoStreams":[{"name":"a","width":640,"height":360,"bitrate":8e5},
                                            {"name":"a","width":640,"height":360,"bitrate":8e5}]})",
      R"({"segmentDuration":"2","videoStreams":[{"name":"a","width":640,"height":360,"bitrate":800000}]})",
      R"({"segmentDuration":2,"videoStreams":[{"name":"a","width":640,"height":360,"bitrate":800000}],
          "audioStream":{"bitrate":"x"}})",
  };
  for (const char* j : bad) {
    auto c = ParseLadderConfig(j);
    CHECK_FALSE(c.ok());
    CHECK(c.status().code() == ErrorCode::INVALID_REQUEST_PARAMETER);
  }
}

TEST_CASE("Portrait ladder swaps sizes; FitInBox keeps the input aspect") {
  auto p = DefaultPortraitLadder();
  CHECK(p.video[0].width == 360);
  CHECK(p.video[0].height == 640);
  int w = 0, h = 0;
  FitInBox(720, 1280, 360, 640, &w, &h);
  CHECK((w == 360 && h == 640));
  FitInBox(1920, 1080, 1280, 720, &w, &h);
  CHECK((w == 1280 && h == 720));
  FitInBox(1920, 1080, 720, 1280, &w, &h);  // landscape into a portrait box: fit the width
  CHECK((w == 720 && h == 406));
  FitInBox(1440, 1080, 1280, 720, &w, &h);  // 4:3 into 16:9: fit the height
  CHECK((w == 960 && h == 720));
}

TEST_CASE("FLV video tags: AVC header, composition time, foreign codecs") {
  const uint8_t avc_nalu[] = {0x17, 0x01, 0xff, 0xff, 0xdf, 0, 0, 0, 1, 0x65};  // cts = -33
  FlvVideo v;
  REQUIRE(ParseFlvVideo(avc_nalu, sizeof avc_nalu, &v));
  CHECK(v.is_avc);
  CHECK(v.keyframe);
  CHECK(v.kind == FlvVideo::Kind::kNalus);
  CHECK(v.composition_ms == -33);
  CHECK(v.payload_size == 5);
  const uint8_t hevc[] = {0x1c, 0x00, 0, 0, 0};
  REQUIRE(ParseFlvVideo(hevc, sizeof hevc, &v));
  CHECK_FALSE(v.is_avc);
  CHECK(v.codec_name == "hevc");
  const uint8_t ex_hevc[] = {0x90, 'h', 'v', 'c', '1', 0};
  REQUIRE(ParseFlvVideo(ex_hevc, sizeof ex_hevc, &v));
  CHECK(v.codec_name == "hevc");
  const uint8_t vp6[] = {0x14, 0x00};
  REQUIRE(ParseFlvVideo(vp6, sizeof vp6, &v));
  CHECK(v.codec_name == "vp6");
  const uint8_t short_avc[] = {0x17, 0x01};
  CHECK_FALSE(ParseFlvVideo(short_avc, sizeof short_avc, &v));
  FlvAudio a;
  const uint8_t aac_hdr[] = {0xaf, 0x00, 0x11, 0x90};
  REQUIRE(ParseFlvAudio(aac_hdr, sizeof aac_hdr, &a));
  CHECK(a.is_aac);
  CHECK(a.sequence_header);
}

TEST_CASE("TagQueue drops to the next keyframe on overflow and keeps headers") {
  TagQueue q(1000);
  std::vector<uint8_t> inter(400, 0), key(400, 0), hdr = {0x17, 0x00, 0, 0, 0};
  inter[0] = 0x27;
  inter[1] = 1;
  key[1] = 1;
  key[0] = 0x17;
  q.Push(9, 0, key.data(), key.size());
  q.Push(9, 33, inter.data(), inter.size());
  q.Push(9, 66, inter.data(), inter.size());  // overflow: dropping begins
  q.Push(9, 99, inter.data(), inter.size());  // still dropping
  q.Push(9, 100, hdr.data(), hdr.size());     // headers are kept
  q.Push(9, 132, key.data(), key.size());     // queue too full (> half): still dropping
  FlvTag t;
  uint64_t episodes = 0;
  REQUIRE(q.Pop(&t, &episodes));
  CHECK(episodes == 1);
  REQUIRE(q.Pop(&t, &episodes));
  CHECK(t.timestamp_ms == 33);
  q.Push(9, 166, key.data(), key.size());  // now at most half full: accepted
  q.Push(9, 200, inter.data(), inter.size());
  q.Close();
  std::vector<uint32_t> rest;
  while (q.Pop(&t, &episodes)) rest.push_back(t.timestamp_ms);
  CHECK(rest == std::vector<uint32_t>{100, 166, 200});
  CHECK(q.dropped_tags() == 3);
}

TEST_CASE("Timeline anchors at the origin and re-bases on jumps") {
  Timeline tl(10'000);
  tl.Start(5'000);
  bool j = false;
  CHECK(tl.MapVideo(5'000, &j) == 10'000);
  CHECK(tl.MapVideo(5'033, &j) == 10'033);
  CHECK_FALSE(j);
  CHECK(tl.MapVideo(90'000, &j) == 10'066);  // forward jump
  CHECK(j);
  CHECK(tl.MapAudio(90'010, &j) == 10'076);
  CHECK_FALSE(j);
  CHECK(tl.MapVideo(1'000, &j) == 10'099);  // backward jump (encoder restart)
  CHECK(j);
  CHECK(tl.jumps() == 2);
}

namespace {
StreamState TwoPeriodState() {
  StreamState s;
  s.segment_duration_s = 2;
  s.window = 3;
  s.availability_start = 1'700'000'000'000'000;
  s.periods = {{1, s.availability_start, 10'000}, {2, s.availability_start + 60'000'000, 16'000}};
  TrackState v;
  v.name = "720p";
  v.width = 1280;
  v.height = 720;
  v.frame_rate = 30;
  v.bitrate = 3'000'000;
  v.codecs = "avc1.64001f";
  v.active = true;
  s.tracks.push_back(v);
  TrackState* t = &s.tracks[0];
  for (int i = 0; i < 3; ++i) s.Append(t, {0, 900'000 + i * 180'000, 180'000, 750'000, 1, false});
  s.Append(t, {0, 1'440'000, 180'000, 750'000, 2, true});
  return s;
}
}  // namespace

TEST_CASE("Media playlist: window, discontinuity, map per period") {
  StreamState s = TwoPeriodState();
  std::string pl = RenderMediaPlaylist(s, s.tracks[0]);
  CHECK(pl.find("#EXT-X-MEDIA-SEQUENCE:2\n") != std::string::npos);
  CHECK(pl.find("#EXT-X-DISCONTINUITY-SEQUENCE:0\n") != std::string::npos);
  CHECK(pl.find("#EXT-X-MAP:URI=\"init-1.mp4\"\n#EXTINF:2.000,\nseg-2.m4s") != std::string::npos);
  CHECK(pl.find("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init-2.mp4\"\n#EXTINF:2.000,\nseg-4.m4s") !=
        std::string::npos);
  // Slide the discontinuity out of the window: the sequence counts it.
  for (int i = 0; i < 3; ++i) s.Append(&s.tracks[0], {0, 1'620'000 + i * 180'000, 180'000, 750'000, 2, false});
  pl = RenderMediaPlaylist(s, s.tracks[0]);
  CHECK(pl.find("#EXT-X-DISCONTINUITY-SEQUENCE:1\n") != std::string::npos);
  CHECK(pl.find("#EXT-X-DISCONTINUITY\n") == std::string::npos);
  CHECK(s.tracks[0].segments.size() == static_cast<size_t>(s.window + kGraceSegments));
}

TEST_CASE("MPD: one Period per ingest with timelines; state round-trips") {
  StreamState s = TwoPeriodState();
  std::string mpd = RenderMpd(s, s.availability_start + 70'000'000);
  CHECK(mpd.find("type=\"dynamic\"") != std::string::npos);
  CHECK(mpd.find("availabilityStartTime=\"2023-11-14T22:13:20.000000Z\"") != std::string::npos);
  CHECK(mpd.find("minimumUpdatePeriod=\"PT2.000S\"") != std::string::npos);
  CHECK(mpd.find("timeShiftBufferDepth=\"PT6.000S\"") != std::string::npos);
  CHECK(mpd.find("<Period id=\"1\" start=\"PT0.000S\">") != std::string::npos);
  CHECK(mpd.find("<Period id=\"2\" start=\"PT60.000S\">") != std::string::npos);
  CHECK(mpd.find("<S t=\"1080000\" d=\"180000\" r=\"1\"/>") != std::string::npos);
  CHECK(mpd.find("presentationTimeOffset=\"1440000\"") != std::string::npos);
  CHECK(mpd.find("initialization=\"720p/init-2.mp4\"") != std::string::npos);

  auto back = StreamState::FromJson(s.ToJson());
  REQUIRE(back.ok());
  CHECK(back->ToJson() == s.ToJson());
  CHECK_FALSE(StreamState::FromJson("{\"version\": \"x\"}").ok());
  CHECK_FALSE(StreamState::FromJson("garbage").ok());
}

TEST_CASE("Master playlist lists variants with bandwidth, resolution and codecs") {
  StreamState s = TwoPeriodState();
  TrackState a;
  a.name = "audio";
  a.is_audio = true;
  a.timescale = 48000;
  a.bitrate = 128000;
  a.codecs = "mp4a.40.2";
  a.active = true;
  s.tracks.push_back(a);
  std::string m = RenderMasterPlaylist(s);
  CHECK(m.find("#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\"") != std::string::npos);
  CHECK(m.find("BANDWIDTH=3890800,AVERAGE-BANDWIDTH=3128000,RESOLUTION=1280x720,FRAME-RATE=30.000,"
               "CODECS=\"avc1.64001f,mp4a.40.2\",AUDIO=\"audio\"\n720p/playlist.m3u8\n") != std::string::npos);
}
