// Recorder -> Archiver end to end: parts joined without gaps, every format
// playable, thumbnail size, torn tails, failure paths.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "fault_file_system.h"
#include "server/vod/archiver.h"
#include "server/vod/recorder.h"
#include "vod_test_util.h"

namespace ffsb::vod {
namespace {

using testing::Feed;
using testing::ProbeDuration;
using testing::ProbeVideo;
using testing::Sample;
using testing::TempDir;

// Part 1 = [0, 4 s), a gap while the ingest is down, part 2 = [6 s, 10 s).
void RecordTwoParts(const std::string& dir) {
  const auto& flv = Sample();
  auto rec = Recorder::Open(RecorderOptions{.dir = dir});
  REQUIRE(rec.ok());
  Feed(rec->get(), flv, 0, 1000);  // before go-live: not recorded
  (*rec)->StartPart(flv.headers);
  Feed(rec->get(), flv, 1000, 5000);
  (*rec)->StopPart();
  Feed(rec->get(), flv, 5000, 6500);  // interruption: not recorded
  (*rec)->StartPart(flv.headers);
  Feed(rec->get(), flv, 6500, 10000);  // starts at the keyframe at 7 s
  REQUIRE((*rec)->Finish().ok());
}

TEST_CASE("two parts archive into one gapless timeline in every format", "[vod][archiver]") {
  TempDir tmp;
  std::string rec_dir = tmp.Join("rec"), out_dir = tmp.Join("out");
  RecordTwoParts(rec_dir);
  std::vector<double> progress;
  auto out = Archive(ArchiveRequest{rec_dir, out_dir}, [&](double f) { progress.push_back(f); },
                     nullptr);
  REQUIRE(out.ok());
  CHECK(out->parts_used == 2);
  CHECK(out->duration_seconds == Approx(4.0 + 3.0).margin(0.3));
  CHECK(out->width == 320);
  CHECK(out->height == 240);
  REQUIRE(!progress.empty());
  CHECK(progress.back() == 1.0);

  const ArchiveFile* mp4 = out->Find("MP4");
  REQUIRE(mp4 != nullptr);
  CHECK(mp4->path == out_dir + "/video.mp4");
  CHECK(mp4->content_type == "video/mp4");
  CHECK(mp4->size == static_cast<int64_t>(std::filesystem::file_size(mp4->path)));
  CHECK(ProbeDuration(mp4->path) == Approx(7.0).margin(0.3));
  CHECK(ProbeVideo(mp4->path) == "h264,320,240");
  // faststart: the moov box comes before mdat.
  std::string head = testing::ReadAll(mp4->path).substr(0, 4096);
  CHECK(head.find("moov") != std::string::npos);

  const ArchiveFile* hls = out->Find("CMAF_HLS");
  REQUIRE(hls != nullptr);
  CHECK(hls->path == out_dir + "/hls/master.m3u8");
  CHECK(ProbeDuration(hls->path) == Approx(7.0).margin(0.3));
  std::string media = testing::ReadAll(out_dir + "/hls/media.m3u8");
  CHECK(media.find("#EXT-X-PLAYLIST-TYPE:VOD") != std::string::npos);
  CHECK(media.find("#EXT-X-ENDLIST") != std::string::npos);
  CHECK(media.find("#EXT-X-MAP:URI=\"init.mp4\"") != std::string::npos);

  const ArchiveFile* dash = out->Find("CMAF_MPEG_DASH");
  REQUIRE(dash != nullptr);
  CHECK(dash->content_type == "application/dash+xml");
  CHECK(ProbeDuration(dash->path) == Approx(7.0).margin(0.3));
  CHECK(testing::ReadAll(dash->path).find("type=\"static\"") != std::string::npos);

  const ArchiveFile* thumb = out->Find("THUMBNAIL");
  REQUIRE(thumb != nullptr);
  CHECK(thumb->content_type == "image/jpeg");
  CHECK(ProbeVideo(thumb->path) == "mjpeg,640,360");
  CHECK(testing::ReadAll(thumb->path).substr(0, 2) == "\xFF\xD8");
  CHECK(!std::filesystem::exists(out_dir + ".partial"));
}

TEST_CASE("archiving again replaces the output (idempotent)", "[vod][archiver]") {
  TempDir tmp;
  std::string rec_dir = tmp.Join("rec"), out_dir = tmp.Join("out");
  RecordTwoParts(rec_dir);
  std::filesystem::create_directories(out_dir + ".partial/hls");  // a crashed earlier run
  std::ofstream(out_dir + ".partial/hls/junk.m4s") << "junk";
  auto first = Archive(ArchiveRequest{rec_dir, out_dir}, nullptr, nullptr);
  REQUIRE(first.ok());
  auto second = Archive(ArchiveRequest{rec_dir, out_dir + "/"}, nullptr, nullptr);
  REQUIRE(second.ok());
  CHECK(second->Find("MP4")->size == first->Find("MP4")->size);
  CHECK(!std::filesystem::exists(out_dir + "/hls/junk.m4s"));
  CHECK(!std::filesystem::exists(out_dir + ".partial"));
}

TEST_CASE("a part truncated mid-tag still archives", "[vod][archiver]") {
  TempDir tmp;
  std::string rec_dir = tmp.Join("rec"), out_dir = tmp.Join("out");
  RecordTwoParts(rec_dir);
  std::string part2 = rec_dir + "/part-0002.flv";
  auto size = std::filesystem::file_size(part2);
  std::filesystem::resize_file(part2, size - 777);  // SIGKILL mid-write
  auto out = Archive(ArchiveRequest{rec_dir, out_dir}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->parts_used == 2);
  CHECK(out->duration_seconds == Approx(7.0).margin(0.3));
  CHECK(ProbeDuration(out_dir + "/video.mp4") == Approx(out->duration_seconds).margin(0.3));
}

TEST_CASE("failure paths give a clear status", "[vod][archiver]") {
  TempDir tmp;
  SECTION("no parts") {
    std::filesystem::create_directories(tmp.Join("empty"));
    auto out = Archive(ArchiveRequest{tmp.Join("empty"), tmp.Join("out")}, nullptr, nullptr);
    REQUIRE(!out.ok());
    CHECK(out.status().message().rfind("no parts", 0) == 0);
  }
  SECTION("missing directory") {
    auto out = Archive(ArchiveRequest{tmp.Join("nope"), tmp.Join("out")}, nullptr, nullptr);
    REQUIRE(!out.ok());
    CHECK(out.status().message().rfind("no parts", 0) == 0);
  }
  SECTION("garbage and empty parts") {
    std::filesystem::create_directories(tmp.Join("rec"));
    std::ofstream(tmp.Join("rec/part-0001.flv")) << "this is not an flv file at all";
    std::ofstream(tmp.Join("rec/part-0002.flv")) << "";
    std::ofstream(tmp.Join("rec/part-0003.flv")) << std::string("FLV\x01\x05\0\0\0\x09\0\0\0\0", 13);
    auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out")}, nullptr, nullptr);
    REQUIRE(!out.ok());
    CHECK(out.status().message().rfind("no playable media", 0) == 0);
    CHECK(!std::filesystem::exists(tmp.Join("out")));
  }
  SECTION("unwritable out dir") {
    RecordTwoParts(tmp.Join("rec"));
    std::ofstream(tmp.Join("file")) << "x";  // a file where a directory must go
    auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("file/out")}, nullptr, nullptr);
    REQUIRE(!out.ok());
    CHECK(out.status().code() == ErrorCode::INTERNAL_SERVER_ERROR);
    CHECK(out.status().message().rfind("disk write failed", 0) == 0);
  }
  SECTION("disk fills up mid-archive") {
    RecordTwoParts(tmp.Join("rec"));
    testing::FaultFileSystem fs;
    fs.fail_after_bytes = 200 * 1024;
    auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out")}, nullptr, nullptr, &fs);
    REQUIRE(!out.ok());
    CHECK(out.status().message().rfind("disk write failed", 0) == 0);
    CHECK(out.status().message().find("No space left") != std::string::npos);
    CHECK(!std::filesystem::exists(tmp.Join("out")));
    CHECK(!std::filesystem::exists(tmp.Join("out.partial")));
  }
  SECTION("cancelled") {
    RecordTwoParts(tmp.Join("rec"));
    std::atomic<bool> cancel{true};
    auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out")}, nullptr, &cancel);
    REQUIRE(!out.ok());
    CHECK(out.status().message() == "cancelled");
    CHECK(!std::filesystem::exists(tmp.Join("out.partial")));
  }
  SECTION("bad profile") {
    auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out"), "{\"formats\":[\"AVI\"]}"},
                       nullptr, nullptr);
    REQUIRE(!out.ok());
    CHECK(out.status().code() == ErrorCode::INVALID_REQUEST_PARAMETER);
  }
}

TEST_CASE("a profile with sizes and bitrates re-encodes", "[vod][archiver]") {
  TempDir tmp;
  RecordTwoParts(tmp.Join("rec"));
  ArchiveRequest req{tmp.Join("rec"), tmp.Join("out"),
                     R"({"videoStreams":[{"name":"low","width":160,"height":120,"bitrate":200000}],)"
                     R"("audioStream":{"bitrate":64000},"formats":["MP4","CMAF_HLS"]})",
                     R"({"width":320,"height":180})"};
  auto out = Archive(req, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->reencoded);
  CHECK(out->Find("CMAF_MPEG_DASH") == nullptr);
  CHECK(ProbeVideo(tmp.Join("out/video.mp4")) == "h264,160,120");
  CHECK(ProbeDuration(tmp.Join("out/video.mp4")) == Approx(7.0).margin(0.3));
  CHECK(ProbeVideo(tmp.Join("out/thumbnail.jpg")) == "mjpeg,320,180");
}

TEST_CASE("parts with different resolutions are re-encoded to the first", "[vod][archiver]") {
  TempDir tmp;
  const auto& small = Sample(10, "320x240");
  const auto& large = Sample(4, "640x360");
  auto rec = Recorder::Open(RecorderOptions{.dir = tmp.Join("rec")});
  REQUIRE(rec.ok());
  (*rec)->StartPart(small.headers);
  Feed(rec->get(), small, 0, 3000);
  (*rec)->StopPart();
  (*rec)->StartPart(large.headers);
  Feed(rec->get(), large, 0, 4000);
  REQUIRE((*rec)->Finish().ok());
  auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out")}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->reencoded);
  CHECK(out->duration_seconds == Approx(7.0).margin(0.3));
  CHECK(ProbeVideo(tmp.Join("out/video.mp4")) == "h264,320,240");
}

}  // namespace
}  // namespace ffsb::vod
