// Integration: real clients against the in-process MediaServer. Publishers:
// ffmpeg, GStreamer rtmp2sink, librtmp (what OBS uses). Players: rtmpdump,
// ffprobe/ffmpeg over RTMP and HTTP-FLV.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <thread>

#include "tests/unit/media/media_fixture.h"

using namespace ffsb;
using namespace ffsb::testing;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> FfmpegPublish(const std::string& url, int seconds) {
  return {"ffmpeg", "-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i",
          "testsrc=size=640x360:rate=30", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
          "-t", std::to_string(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-tune",
          "zerolatency", "-pix_fmt", "yuv420p", "-g", "30", "-b:v", "600k", "-c:a", "aac",
          "-f", "flv", url};
}

bool WaitViewable(ServerFixture& fx, int64_t id, int n, int ms) {
  for (int t = 0; t < ms; t += 50) {
    if (fx.gate.viewable(id) >= n) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

bool WaitEnded(ServerFixture& fx, int64_t id, size_t n, int ms) {
  for (int t = 0; t < ms; t += 50) {
    if (fx.gate.ended(id).size() >= n) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

std::string HttpGet(int port, const std::string& path) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return "";
  std::string req = "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
  ::send(fd, req.data(), req.size(), 0);
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  char buf[4096];
  ssize_t n = ::recv(fd, buf, sizeof buf, 0);
  ::close(fd);
  return n > 0 ? std::string(buf, size_t(n)) : "";
}

}  // namespace

TEST_CASE("ffmpeg publishes; rtmpdump, ffprobe (RTMP, HTTP-FLV) and ffmpeg play", "[integration]") {
  ServerFixture fx;
  std::string dir = TempDir();
  Process pub(FfmpegPublish(fx.PublishUrl(kKeyA), 9), dir + "/ffmpeg.log");
  REQUIRE(WaitViewable(fx, 1, 1, 8000));

  Process dump({"timeout", "4", "rtmpdump", "-q", "-v", "-r", fx.PlayUrl("playA"), "-o",
                dir + "/dump.flv"}, dir + "/rtmpdump.log");
  Process rec({"timeout", "8", "ffmpeg", "-hide_banner", "-loglevel", "error", "-i",
               fx.FlvUrl("playA"), "-t", "3", "-c", "copy", "-y", dir + "/http.flv"}, dir + "/rec.log");
  Probe rtmp = RunProbe(fx.PlayUrl("playA"), 8);
  CHECK(rtmp.video_codec == "h264");
  CHECK(rtmp.audio_codec == "aac");
  CHECK(rtmp.width == 640);
  CHECK(rtmp.height == 360);
  Probe flv = RunProbe(fx.FlvUrl("playA"), 8);
  CHECK(flv.video_codec == "h264");
  CHECK(flv.audio_codec == "aac");
  CHECK(flv.width == 640);
  dump.Wait(6000);
  rec.Wait(10000);
  Probe dumped = RunProbe(dir + "/dump.flv", 5);
  CHECK(dumped.video_codec == "h264");
  CHECK(dumped.width == 640);
  CHECK(dumped.duration > 2.0);  // ~4 s of wall time
  Probe recorded = RunProbe(dir + "/http.flv", 5);
  CHECK(recorded.video_codec == "h264");
  CHECK(recorded.duration > 2.5);

  CHECK(HttpGet(fx.http_port(), "/live/nope.flv").rfind("HTTP/1.1 404", 0) == 0);
  std::string ok = HttpGet(fx.http_port(), "/live/playA.flv");
  CHECK(ok.rfind("HTTP/1.1 200 OK", 0) == 0);
  CHECK(ok.find("Content-Type: video/x-flv") != std::string::npos);
  CHECK(ok.find("Access-Control-Allow-Origin: *") != std::string::npos);
  CHECK_FALSE(RunProbe(fx.PlayUrl(kKeyA), 4).ok);  // the key is not a play id

  IngestStats st = fx.gate.last_stats(1);
  CHECK(st.video_codec == "h264");
  CHECK(st.audio_codec == "aac");
  CHECK(st.width == 640);
  CHECK(st.height == 360);
  CHECK(st.fps > 20);
  CHECK(st.bitrate_bps > 100000);
  CHECK(st.keyframe_interval_s == Approx(1.0).margin(0.1));
  CHECK(pub.Wait(15000) == 0);
  REQUIRE(WaitEnded(fx, 1, 1, 3000));
  CHECK(fx.gate.ended(1)[0] == "unpublish");
}

TEST_CASE("ffmpeg killed with -9 reconnects at once and is accepted", "[integration]") {
  ServerFixture fx;
  std::string dir = TempDir();
  auto first = std::make_unique<Process>(FfmpegPublish(fx.PublishUrl(kKeyA), 30), dir + "/a.log");
  REQUIRE(WaitViewable(fx, 1, 1, 8000));
  // A second publisher while the first streams is refused, the first untouched.
  Process second(FfmpegPublish(fx.PublishUrl(kKeyA), 5), dir + "/b.log");
  CHECK(second.Wait(8000) != 0);
  CHECK(fx.gate.ended(1).empty());
  first->Signal(SIGKILL);
  first->Wait(2000);
  auto t0 = std::chrono::steady_clock::now();
  Process again(FfmpegPublish(fx.PublishUrl(kKeyA), 4), dir + "/c.log");
  REQUIRE(WaitViewable(fx, 1, 2, 6000));
  double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(s < 4.0);
  CHECK(fx.gate.ended(1).size() == 1);
  CHECK(again.Wait(10000) == 0);
}

TEST_CASE("GStreamer rtmp2sink publishes (mode on the stream name)", "[integration]") {
  ServerFixture fx;
  std::string dir = TempDir();
  std::string url = fx.PublishUrl(std::string(kKeyB) + "?mode=RTMP_CMAF");
  Process gst({"gst-launch-1.0", "-q", "videotestsrc", "is-live=true", "num-buffers=180", "!",
               "video/x-raw,format=I420,width=640,height=360,framerate=30/1", "!", "x264enc",
               "tune=zerolatency", "key-int-max=30", "bitrate=600", "!", "h264parse", "!", "flvmux",
               "name=m", "streamable=true", "!", "rtmp2sink", "location=" + url, "audiotestsrc",
               "is-live=true", "!", "audioconvert", "!", "voaacenc", "!", "m."},
              dir + "/gst.log");
  for (int i = 0; i < 100 && fx.gate.authorized(2) == 0; ++i) std::this_thread::sleep_for(100ms);
  REQUIRE(fx.gate.authorized(2) == 1);
  CHECK(fx.gate.last_request().mode_param == "RTMP_CMAF");
  CHECK(fx.gate.last_request().stream_name == kKeyB);
  std::this_thread::sleep_for(1s);
  Probe p = RunProbe(fx.PlayUrl("playB"), 8);
  CHECK(p.video_codec == "h264");
  CHECK(p.width == 640);
  CHECK(p.height == 360);
  CHECK(fx.gate.viewable(2) == 0);  // CMAF modes: the CMAF pipeline reports viewable
  gst.Wait(15000);
  REQUIRE(WaitEnded(fx, 2, 1, 5000));
}

TEST_CASE("a librtmp publisher (as OBS) is accepted", "[integration]") {
  ServerFixture fx;
  std::string dir = TempDir();
  Process make({"ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                "testsrc=size=640x360:rate=30", "-f", "lavfi", "-i", "sine", "-t", "4", "-c:v",
                "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-c:a", "aac",
                "-y", dir + "/in.flv"});
  REQUIRE(make.Wait(30000) == 0);
  Process pub({FFSB_LIBRTMP_PUBLISH, dir + "/in.flv", fx.PublishUrl(kKeyA)}, dir + "/librtmp.log");
  REQUIRE(WaitViewable(fx, 1, 1, 6000));
  Probe p = RunProbe(fx.PlayUrl("playA"), 6);
  CHECK(p.video_codec == "h264");
  CHECK(p.audio_codec == "aac");
  CHECK(p.height == 360);
  CHECK(pub.Wait(10000) == 0);
  REQUIRE(WaitEnded(fx, 1, 1, 3000));
  // Unknown key: librtmp reports failure.
  Process bad({FFSB_LIBRTMP_PUBLISH, dir + "/in.flv", fx.PublishUrl("nope")}, dir + "/bad.log");
  CHECK(bad.Wait(10000) != 0);
}
