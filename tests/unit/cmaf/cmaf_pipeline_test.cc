// End-to-end tests of CmafPipeline: FLV files made by the ffmpeg CLI are fed
// tag by tag as the RTMP media thread would, and the output is checked with
// ffprobe and by reading the manifests.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <regex>

#include "server/cmaf/ffmpeg_log.h"
#include "tests/unit/cmaf/pipeline_harness.h"

using namespace ffsb::cmaf;
using namespace ffsb::cmaf::testing;
namespace fs = std::filesystem;

namespace {

std::string Landscape1080p60() {  // B-frames, 60 fps, with audio
  return MakeFlv("l1080p60-bf2", "testsrc2=size=1920x1080:rate=60", "-preset ultrafast -bf 2 -g 120 -b:v 4M", 8, true);
}
std::string Portrait720x1280() {
  return MakeFlv("p720x1280", "testsrc2=size=720x1280:rate=30", "-preset ultrafast -g 60 -b:v 2M", 6, true);
}
std::string AudioLess720p() {
  return MakeFlv("l720p-noaudio", "testsrc2=size=1280x720:rate=30", "-preset ultrafast -bf 2 -g 60 -b:v 2M", 6, false);
}

LadderConfig Only360p() {
  LadderConfig c = DefaultLandscapeLadder();
  c.video.resize(1);
  return c;
}

std::vector<double> PlaylistDurations(const std::string& path) {
  std::string pl = ReadText(path);
  std::vector<double> out;
  std::regex re("#EXTINF:([0-9.]+),");
  for (auto it = std::sregex_iterator(pl.begin(), pl.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back(std::stod((*it)[1]));
  return out;
}

// Every segment but the last (the stream's tail) lasts segmentDuration ± 10%.
void CheckSegmentDurations(const std::string& playlist, double seg) {
  auto d = PlaylistDurations(playlist);
  REQUIRE(d.size() >= 2);
  for (size_t i = 0; i + 1 < d.size(); ++i) {
    INFO(playlist << " segment " << i);
    CHECK(d[i] >= seg * 0.9);
    CHECK(d[i] <= seg * 1.1);
  }
}

// codec/width/height of a track's first segment, read through its init segment.
void CheckTrack(const std::string& dir, const std::string& name, int w, int h) {
  std::string joined = JoinInitAndSegment(dir + "/" + name + "/init-1.mp4", dir + "/" + name + "/seg-1.m4s",
                                          dir + "/" + name + "-probe.mp4");
  auto j = FfprobeJson("-show_entries stream=codec_name,width,height '" + joined + "'");
  REQUIRE(j.is_object());
  REQUIRE(j["streams"].size() == 1);
  CHECK(j["streams"][0]["codec_name"] == "h264");
  CHECK(j["streams"][0]["width"] == w);
  CHECK(j["streams"][0]["height"] == h);
}

struct Variant {
  int64_t bandwidth;
  std::string resolution, uri;
};
std::vector<Variant> MasterVariants(const std::string& dir) {
  std::string m = ReadText(dir + "/master.m3u8");
  std::vector<Variant> out;
  std::regex re("#EXT-X-STREAM-INF:BANDWIDTH=([0-9]+),.*RESOLUTION=([0-9x]+).*\n(.*)\n");
  for (auto it = std::sregex_iterator(m.begin(), m.end(), re); it != std::sregex_iterator(); ++it)
    out.push_back({std::stoll((*it)[1]), (*it)[2], (*it)[3]});
  return out;
}

std::vector<Tag> MutateVideo(std::vector<Tag> tags, const std::function<void(Tag&)>& f) {
  for (Tag& t : tags)
    if (t.type == 9) f(t);
  return tags;
}

struct Init {
  Init() { InstallFfmpegLogBridge(); }
} init;

}  // namespace

TEST_CASE("1080p60 input with B-frames: aligned 360p+720p ladder, HLS and DASH", "[integration]") {
  std::string flv = Landscape1080p60();
  REQUIRE_FALSE(flv.empty());
  RunSpec spec;
  spec.tags = ReadFlvFile(flv);
  spec.dir = FreshDir("landscape");
  RunOutcome o = RunPipeline(spec);
  REQUIRE(o.start_ok);
  CHECK(o.error_calls == 0);
  CHECK(o.viewable_calls == 1);
  CHECK(o.viewable_saw_every_rendition);
  CHECK(o.finished_calls == 1);

  CheckTrack(spec.dir, "360p", 640, 360);
  CheckTrack(spec.dir, "720p", 1280, 720);
  CheckSegmentDurations(spec.dir + "/360p/playlist.m3u8", 2.0);
  CheckSegmentDurations(spec.dir + "/720p/playlist.m3u8", 2.0);
  CheckSegmentDurations(spec.dir + "/audio/playlist.m3u8", 2.0);
  // Aligned: the renditions' playlists list identical durations.
  CHECK(PlaylistDurations(spec.dir + "/360p/playlist.m3u8") == PlaylistDurations(spec.dir + "/720p/playlist.m3u8"));

  auto v = MasterVariants(spec.dir);
  REQUIRE(v.size() == 2);
  CHECK(v[0].resolution == "640x360");
  CHECK(v[0].uri == "360p/playlist.m3u8");
  CHECK(v[0].bandwidth >= 800000 + 128000);
  CHECK(v[1].resolution == "1280x720");
  CHECK(v[1].bandwidth >= 3000000 + 128000);
  CHECK(v[1].bandwidth > v[0].bandwidth);
  std::string master = ReadText(spec.dir + "/master.m3u8");
  CHECK(master.find("CODECS=\"avc1.64") != std::string::npos);
  CHECK(master.find("mp4a.40.2") != std::string::npos);
  CHECK(master.find("TYPE=AUDIO") != std::string::npos);

  std::string mpd = ReadText(spec.dir + "/manifest.mpd");
  CHECK(mpd.find("type=\"dynamic\"") != std::string::npos);
  CHECK(mpd.find("availabilityStartTime=") != std::string::npos);
  CHECK(mpd.find("<Representation id=\"360p\" bandwidth=\"800000\" codecs=\"avc1.64") != std::string::npos);
  CHECK(mpd.find("width=\"640\" height=\"360\"") != std::string::npos);
  CHECK(mpd.find("<Representation id=\"720p\" bandwidth=\"3000000\"") != std::string::npos);
  CHECK(mpd.find("width=\"1280\" height=\"720\"") != std::string::npos);
  CHECK(mpd.find("<Representation id=\"audio\"") != std::string::npos);

  // Both manifests open in ffprobe with both renditions and the audio.
  auto hls = FfprobeJson("-show_entries stream=codec_name,width,height '" + spec.dir + "/master.m3u8'");
  REQUIRE(hls.is_object());
  CHECK(hls["streams"].size() == 3);
  auto dash = FfprobeJson("-show_entries stream=codec_name,width,height '" + spec.dir + "/manifest.mpd'");
  REQUIRE(dash.is_object());
  CHECK(dash["streams"].size() == 3);
  // No temp files left behind.
  CHECK(ListFiles(spec.dir, ".tmp").empty());
}

TEST_CASE("Portrait 720x1280 input gives 360x640 and 720x1280", "[integration]") {
  std::string flv = Portrait720x1280();
  REQUIRE_FALSE(flv.empty());
  RunSpec spec;
  spec.tags = ReadFlvFile(flv);
  spec.ladder = DefaultPortraitLadder();
  spec.dir = FreshDir("portrait");
  RunOutcome o = RunPipeline(spec);
  CHECK(o.error_calls == 0);
  CHECK(o.viewable_calls == 1);
  CheckTrack(spec.dir, "360p", 360, 640);
  CheckTrack(spec.dir, "720p", 720, 1280);
  CheckSegmentDurations(spec.dir + "/720p/playlist.m3u8", 2.0);
  auto v = MasterVariants(spec.dir);
  REQUIRE(v.size() == 2);
  CHECK(v[0].resolution == "360x640");
  CHECK(v[1].resolution == "720x1280");
}

TEST_CASE("Audio-less input is viewable without an audio rendition", "[integration]") {
  std::string flv = AudioLess720p();
  REQUIRE_FALSE(flv.empty());
  RunSpec spec;
  spec.tags = ReadFlvFile(flv);
  spec.dir = FreshDir("noaudio");
  RunOutcome o = RunPipeline(spec);
  CHECK(o.error_calls == 0);
  CHECK(o.viewable_calls == 1);
  CheckSegmentDurations(spec.dir + "/360p/playlist.m3u8", 2.0);
  std::string master = ReadText(spec.dir + "/master.m3u8");
  CHECK(master.find("TYPE=AUDIO") == std::string::npos);
  CHECK(master.find("mp4a") == std::string::npos);
  CHECK(ReadText(spec.dir + "/manifest.mpd").find("audio") == std::string::npos);
}

TEST_CASE("HEVC (FLV codec 12 and Enhanced RTMP hvc1) is refused with OnError", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  for (int variant = 0; variant < 2; ++variant) {
    RunSpec spec;
    spec.tags = MutateVideo(tags, [&](Tag& t) {
      if (variant == 0) {
        t.body[0] = static_cast<uint8_t>((t.body[0] & 0xf0) | 12);
      } else {
        t.body = {0x91, 'h', 'v', 'c', '1', 0, 0, 0};
      }
    });
    spec.ladder = Only360p();
    spec.dir = FreshDir("hevc" + std::to_string(variant));
    RunOutcome o = RunPipeline(spec);
    CHECK(o.error_calls == 1);
    CHECK(o.error == PipelineError::kUnsupportedCodec);
    CHECK(o.error_message.find("hevc") != std::string::npos);
    CHECK(o.viewable_calls == 0);
    CHECK(o.finished_calls == 1);
  }
}

TEST_CASE("Garbage NAL units fail decoding persistently: OnError, no crash", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  std::mt19937 rng(7);
  RunSpec spec;
  spec.tags = MutateVideo(tags, [&](Tag& t) {
    if (t.body.size() > 5 && t.body[1] == 1)
      for (size_t i = 5; i < t.body.size(); ++i) t.body[i] = static_cast<uint8_t>(rng());
  });
  spec.ladder = Only360p();
  spec.dir = FreshDir("garbage");
  RunOutcome o = RunPipeline(spec);
  CHECK(o.error_calls == 1);
  CHECK(o.error == PipelineError::kUndecodable);
  CHECK(o.viewable_calls == 0);
  CHECK(o.finished_calls == 1);
}

TEST_CASE("Timestamp jumps keep the output timeline continuous", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  for (Tag& t : tags)
    if (t.timestamp_ms >= 3000) t.timestamp_ms += 600'000;  // encoder clock leaps 10 minutes
  RunSpec spec;
  spec.tags = tags;
  spec.ladder = Only360p();
  spec.dir = FreshDir("jump");
  RunOutcome o = RunPipeline(spec);
  CHECK(o.error_calls == 0);
  CHECK(o.stats.timestamp_jumps >= 1);
  auto d = PlaylistDurations(spec.dir + "/360p/playlist.m3u8");
  double total = 0;
  for (double x : d) total += x;
  CHECK(total == Approx(6.0).margin(0.5));
  CheckSegmentDurations(spec.dir + "/360p/playlist.m3u8", 2.0);
}

TEST_CASE("Resume: same URLs, discontinuity in HLS, new Period in DASH", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  RunSpec spec;
  spec.tags = tags;
  spec.ladder = Only360p();
  spec.dir = FreshDir("resume");
  RunOutcome first = RunPipeline(spec);
  REQUIRE(first.viewable_calls == 1);
  auto first_count = PlaylistDurations(spec.dir + "/360p/playlist.m3u8").size();
  spec.resume = true;
  RunOutcome second = RunPipeline(spec);
  CHECK(second.error_calls == 0);
  CHECK(second.viewable_calls == 1);
  std::string pl = ReadText(spec.dir + "/360p/playlist.m3u8");
  CHECK(pl.find("#EXT-X-MEDIA-SEQUENCE:1\n") != std::string::npos);
  CHECK(pl.find("#EXT-X-DISCONTINUITY\n#EXT-X-MAP:URI=\"init-2.mp4\"\n#EXTINF") != std::string::npos);
  CHECK(pl.find("seg-" + std::to_string(first_count + 1) + ".m4s") != std::string::npos);
  CHECK(fs::exists(spec.dir + "/360p/init-2.mp4"));
  std::string mpd = ReadText(spec.dir + "/manifest.mpd");
  CHECK(mpd.find("<Period id=\"1\"") != std::string::npos);
  CHECK(mpd.find("<Period id=\"2\"") != std::string::npos);
  CHECK(mpd.find("startNumber=\"" + std::to_string(first_count + 1) + "\"") != std::string::npos);

  // A fresh (non-resume) start in the same directory starts over.
  spec.resume = false;
  spec.tags.resize(spec.tags.size() / 2);
  RunPipeline(spec);
  CHECK(ReadText(spec.dir + "/360p/playlist.m3u8").find("DISCONTINUITY\n") == std::string::npos);
  CHECK_FALSE(fs::exists(spec.dir + "/360p/init-2.mp4"));
}

TEST_CASE("Queue overflow drops to the next keyframe without failing", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  RunSpec spec;
  spec.tags = tags;
  spec.ladder = Only360p();
  spec.dir = FreshDir("overflow");
  spec.max_queue_bytes = 300'000;  // far less than the file: pushing at once must overflow
  RunOutcome o = RunPipeline(spec);
  CHECK(o.error_calls == 0);
  CHECK(o.finished_calls == 1);
  CHECK(o.stats.tags_dropped > 0);
}

TEST_CASE("Stop mid-stream aborts cleanly; later tags are ignored", "[integration]") {
  auto tags = ReadFlvFile(AudioLess720p());
  REQUIRE_FALSE(tags.empty());
  ffsb::SystemClock clock;
  PipelineOptions o;
  o.ladder = Only360p();
  o.output_dir = FreshDir("stop");
  o.clock = &clock;
  int finished = 0, errors = 0;
  PipelineCallbacks cb;
  cb.on_finished = [&] { ++finished; };
  cb.on_error = [&](PipelineError, const std::string&) { ++errors; };
  auto p = CmafPipeline::Start(o, cb);
  REQUIRE(p.ok());
  for (size_t i = 0; i < tags.size() / 2; ++i)
    (*p)->OnFlvTag(tags[i].type, tags[i].timestamp_ms, tags[i].body.data(), tags[i].body.size());
  (*p)->Stop();
  (*p)->OnFlvTag(tags.back().type, tags.back().timestamp_ms, tags.back().body.data(), tags.back().body.size());
  (*p)->OnEnd();
  p->reset();
  CHECK(finished == 1);
  CHECK(errors == 0);
}
