#include "server/vod/recorder.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <thread>

#include "fault_file_system.h"
#include "server/vod/archiver.h"
#include "server/vod/flv_file.h"
#include "vod_test_util.h"

namespace ffsb::vod {
namespace {

using testing::Feed;
using testing::Sample;
using testing::TempDir;

std::vector<FlvTag> ReadTags(const std::string& data) {
  std::vector<FlvTag> tags;
  FlvTagReader r(reinterpret_cast<const uint8_t*>(data.data()), data.size());
  FlvTag t;
  while (r.Next(&t)) tags.push_back(t);
  return tags;
}

// Appends stall, like a disk that is far too slow.
class SlowFileSystem final : public PosixFileSystem {
 public:
  Result<std::unique_ptr<WritableFile>> NewAppendableFile(const std::string& path) override {
    auto base = PosixFileSystem::NewAppendableFile(path);
    if (!base.ok()) return base;
    return std::unique_ptr<WritableFile>(new File(std::move(*base)));
  }

 private:
  class File final : public WritableFile {
   public:
    explicit File(std::unique_ptr<WritableFile> b) : b_(std::move(b)) {}
    Status Append(const void* d, size_t n) override {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      return b_->Append(d, n);
    }
    Result<int64_t> Seek(int64_t o, int w) override { return b_->Seek(o, w); }
    Status Sync() override { return b_->Sync(); }
    Status Close() override { return b_->Close(); }
    std::unique_ptr<WritableFile> b_;
  };
};

TEST_CASE("a part starts at a keyframe after the sequence headers", "[vod][recorder]") {
  TempDir tmp;
  const auto& flv = Sample();
  auto rec = Recorder::Open(RecorderOptions{.dir = tmp.path()});
  REQUIRE(rec.ok());
  Feed(rec->get(), flv, 0, 2000);  // not LIVE yet
  (*rec)->StartPart(flv.headers);
  Feed(rec->get(), flv, 2500, 4000);  // first keyframe at 3000
  (*rec)->OnEnd();
  (*rec)->StartPart(flv.headers);
  Feed(rec->get(), flv, 5000, 6000);
  REQUIRE((*rec)->Finish().ok());
  CHECK((*rec)->stats().parts == 2);

  std::string data = testing::ReadAll(tmp.Join("part-0001.flv"));
  auto tags = ReadTags(data);
  REQUIRE(tags.size() > 4);
  CHECK(tags[0].type == kFlvTagScript);
  CHECK(IsAvcSequenceHeader(tags[1].body, tags[1].size));
  CHECK(IsAacSequenceHeader(tags[2].body, tags[2].size));
  CHECK(tags[3].type == kFlvTagVideo);
  CHECK(IsVideoKeyframe(tags[3].body, tags[3].size));
  CHECK(tags[3].timestamp_ms == 0);
  CHECK(tags.back().timestamp_ms < 1000);  // 3000..3999 rebased to 0..999
  CHECK(std::filesystem::exists(tmp.Join("part-0002.flv")));
  CHECK(!std::filesystem::exists(tmp.Join("part-0003.flv")));

  auto manifest = LoadManifest(DefaultFileSystem(), tmp.path());
  REQUIRE(manifest.ok());
  CHECK(manifest->finished);
  REQUIRE(manifest->parts.size() == 2);
  CHECK(manifest->parts[0].closed);
  CHECK(manifest->parts[0].bytes == static_cast<int64_t>(data.size()));

  // A restarted server appends new parts after the old ones.
  auto again = Recorder::Open(RecorderOptions{.dir = tmp.path()});
  REQUIRE(again.ok());
  (*again)->StartPart(flv.headers);
  Feed(again->get(), flv, 0, 1000);
  REQUIRE((*again)->Finish().ok());
  CHECK(std::filesystem::exists(tmp.Join("part-0003.flv")));
}

TEST_CASE("new codec settings mid-part split the part", "[vod][recorder]") {
  TempDir tmp;
  const auto& small = Sample(10, "320x240");
  const auto& large = Sample(4, "640x360");
  auto rec = Recorder::Open(RecorderOptions{.dir = tmp.path()});
  REQUIRE(rec.ok());
  (*rec)->StartPart(small.headers);
  (*rec)->OnFlvTag(kFlvTagVideo, 0, small.headers.video.data(), small.headers.video.size());
  Feed(rec->get(), small, 0, 2000);
  (*rec)->OnFlvTag(kFlvTagVideo, 0, large.headers.video.data(), large.headers.video.size());
  Feed(rec->get(), large, 0, 2000);
  REQUIRE((*rec)->Finish().ok());
  CHECK((*rec)->stats().parts == 2);
  auto out = Archive(ArchiveRequest{tmp.path(), tmp.Join("out")}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->parts_used == 2);
  CHECK(out->reencoded);
  CHECK(out->duration_seconds == Approx(4.0).margin(0.3));
}

TEST_CASE("an audio-only ingest starts at its first audio tag", "[vod][recorder]") {
  TempDir tmp;
  const auto& flv = Sample();
  auto rec = Recorder::Open(RecorderOptions{.dir = tmp.path()});
  REQUIRE(rec.ok());
  SequenceHeaders audio_only{.audio = flv.headers.audio};
  (*rec)->StartPart(audio_only);
  for (const auto& t : flv.tags) {
    if (t.type == kFlvTagAudio && t.timestamp_ms >= 1500 && t.timestamp_ms < 3500) {
      (*rec)->OnFlvTag(t.type, t.timestamp_ms, t.body.data(), t.body.size());
    }
  }
  REQUIRE((*rec)->Finish().ok());
  auto out = Archive(ArchiveRequest{tmp.path(), tmp.Join("out")}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->duration_seconds == Approx(2.0).margin(0.3));
  CHECK(out->width == 0);
  CHECK(out->Find("THUMBNAIL") == nullptr);
}

TEST_CASE("a slow disk never blocks the media thread; memory stays bounded", "[vod][recorder]") {
  TempDir tmp;
  const auto& flv = Sample();
  SlowFileSystem slow;
  auto rec = Recorder::Open(
      RecorderOptions{.dir = tmp.path(), .fs = &slow, .max_buffered_bytes = 64 * 1024});
  REQUIRE(rec.ok());
  (*rec)->StartPart(flv.headers);
  auto t0 = std::chrono::steady_clock::now();
  Feed(rec->get(), flv, 0, 10000);
  auto elapsed = std::chrono::steady_clock::now() - t0;
  CHECK(elapsed < std::chrono::seconds(1));  // blocking would take ~100 ms per tag
  REQUIRE((*rec)->Finish().ok());
  auto stats = (*rec)->stats();
  CHECK(stats.dropped_tags > 0);
  CHECK(stats.tags_written > 0);
  // What was kept is still decodable (video resumed at keyframes).
  auto out = Archive(ArchiveRequest{tmp.path(), tmp.Join("out")}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(testing::ProbeVideo(tmp.Join("out/video.mp4")) == "h264,320,240");
}

TEST_CASE("a disk failure while recording is reported, not fatal", "[vod][recorder]") {
  TempDir tmp;
  const auto& flv = Sample();
  testing::FaultFileSystem fs;
  fs.fail_after_bytes = 50 * 1024;
  auto rec = Recorder::Open(RecorderOptions{.dir = tmp.path(), .fs = &fs});
  REQUIRE(rec.ok());
  (*rec)->StartPart(flv.headers);
  Feed(rec->get(), flv, 0, 10000);
  Status s = (*rec)->Finish();
  CHECK(!s.ok());
  CHECK(s.message().find("No space left") != std::string::npos);
  CHECK((*rec)->stats().dropped_tags > 0);
}

}  // namespace
}  // namespace ffsb::vod
