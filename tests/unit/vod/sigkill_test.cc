// A recorder process killed with SIGKILL leaves a recording that archives.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "server/vod/archiver.h"
#include "server/vod/recorder.h"
#include "vod_test_util.h"

namespace ffsb::vod {
namespace {

TEST_CASE("SIGKILL while recording keeps everything written so far", "[vod][crash]") {
  testing::TempDir tmp;
  const auto& flv = testing::Sample();  // generated before fork
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    auto rec = Recorder::Open(RecorderOptions{.dir = tmp.Join("rec")});
    if (!rec.ok()) ::_exit(2);
    (*rec)->StartPart(flv.headers);
    testing::Feed(rec->get(), flv, 0, 3000);
    (*rec)->StopPart();
    (*rec)->StartPart(flv.headers);
    testing::Feed(rec->get(), flv, 5000, 8000);
    size_t fed = 0;
    for (const auto& t : flv.tags) {
      fed += (t.timestamp_ms < 3000 || (t.timestamp_ms >= 5000 && t.timestamp_ms < 8000));
    }
    // Wait until the writer handed every queued tag to the kernel, then
    // keep "broadcasting" until killed.
    while ((*rec)->stats().tags_written + (*rec)->stats().dropped_tags <
           static_cast<int64_t>(fed) - 5) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    char c = 'r';
    if (::write(ready[1], &c, 1) != 1) ::_exit(3);
    for (;;) std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  ::close(ready[1]);
  char c = 0;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(ready[0]);
  REQUIRE(WIFSIGNALED(status));

  auto out = Archive(ArchiveRequest{tmp.Join("rec"), tmp.Join("out")}, nullptr, nullptr);
  REQUIRE(out.ok());
  CHECK(out->parts_used == 2);
  // Part 2 starts at its keyframe (5 s); both parts were fully written.
  CHECK(out->duration_seconds == Approx(6.0).margin(0.3));
  CHECK(testing::ProbeDuration(tmp.Join("out/video.mp4")) == Approx(6.0).margin(0.3));
}

}  // namespace
}  // namespace ffsb::vod
