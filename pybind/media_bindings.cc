// ffsandbox.Broadcaster and ffsandbox.Viewer over emu::Broadcaster and
// emu::Viewer. Media flows on their own C++ threads; every blocking call
// (start, stop, wait) releases the GIL.
#include <chrono>
#include <thread>

#include "emulator/cli/flags.h"
#include "emulator/play/viewer.h"
#include "emulator/publish/broadcaster.h"
#include "pybind/bindings.h"
#include "pybind/errors.h"

namespace ffsb::py {
namespace {
using emu::BreakKind;

pyb::object Opt(const std::optional<double>& v) { return v ? pyb::object(pyb::float_(*v)) : pyb::object(pyb::none()); }

BreakKind Kind(const std::string& s) {
  auto k = emu::ParseBreakKind(s);
  if (!k.ok()) throw pyb::value_error("kind must be clean, abrupt or stall");
  return *k;
}

std::unique_ptr<emu::Broadcaster> MakeBroadcaster(const std::string& url, const std::string& size, int fps,
                                                  pyb::object bitrate, bool audio, bool portrait, double gop,
                                                  const std::string& preset, pyb::object source, int timeout) {
  emu::BroadcasterOptions o;
  o.url = url;
  if (Status st = emu::ParseSize(size, &o.media.width, &o.media.height); !st.ok()) throw pyb::value_error(st.message());
  if (portrait && o.media.width > o.media.height) std::swap(o.media.width, o.media.height);
  o.media.fps = fps;
  if (pyb::isinstance<pyb::int_>(bitrate)) {
    o.media.video_bitrate = bitrate.cast<long long>();
  } else {
    auto br = emu::ParseBitrate(pyb::str(bitrate));
    if (!br.ok()) throw pyb::value_error(br.status().message());
    o.media.video_bitrate = *br;
  }
  o.media.audio = audio;
  o.media.gop_frames = std::max(1, static_cast<int>(gop * fps + 0.5));
  o.media.preset = preset;
  if (!source.is_none()) o.source_file = pyb::str(source);
  o.timeout_s = timeout;
  return std::make_unique<emu::Broadcaster>(std::move(o));
}

pyb::dict BroadcasterStatsDict(const emu::Broadcaster& b) {
  emu::BroadcasterStats s = b.stats();
  pyb::dict d;
  d["state"] = s.state;
  d["video_frames"] = s.video_frames;
  d["bytes"] = s.bytes;
  d["connections"] = s.connections;
  d["breaks"] = s.breaks;
  d["seconds"] = s.seconds;
  d["error"] = s.error.empty() ? pyb::object(pyb::none()) : pyb::object(pyb::str(s.error));
  return d;
}

pyb::dict ViewerStatsDict(const emu::Viewer& v) {
  emu::ViewerStats s = v.stats();
  pyb::dict d, lat;
  d["protocol"] = s.protocol;
  d["running"] = s.running;
  d["startup_ms"] = Opt(s.startup_ms);
  d["video_frames"] = s.video_frames;
  d["audio_frames"] = s.audio_frames;
  d["frames"] = s.video_frames;
  d["bytes"] = s.bytes;
  d["stalls"] = s.stalls;
  d["stalled_s"] = s.stalled_s;
  lat["min"] = Opt(s.latency_min_ms);
  lat["p50"] = Opt(s.latency_p50_ms);
  lat["p95"] = Opt(s.latency_p95_ms);
  lat["max"] = Opt(s.latency_max_ms);
  lat["samples"] = s.latency_samples;
  d["latency_ms"] = lat;
  d["seconds"] = s.seconds;
  d["error"] = s.error.empty() ? pyb::object(pyb::none()) : pyb::object(pyb::str(s.error));
  return d;
}
}  // namespace

void BindMedia(pyb::module_& m) {
  pyb::class_<emu::Broadcaster> b(m, "Broadcaster", R"(An RTMP broadcaster (like OBS) on its own thread.

    cam = ffsandbox.Broadcaster(key["ingestUrl"] + "/" + key["streamKey"], size="640x360", bitrate="800k")
    cam.start()              # returns once the server accepted the publish
    cam.stall(3)             # keep the connection, send nothing for 3 s
    cam.stop()               # FCUnpublish + deleteStream + close

The picture is a synthetic test pattern (x264, zerolatency) with a 440 Hz tone
(AAC), every frame stamped with its capture time for latency measurement. Append
"?mode=CMAF" (or RTMP_CMAF) to the URL to choose the output mode. Usable as a
context manager (stops cleanly on exit).)");
  b.def(pyb::init(&MakeBroadcaster), pyb::arg("url"), pyb::arg("size") = "1280x720", pyb::arg("fps") = 30,
        pyb::arg("bitrate") = pyb::str("2500k"), pyb::arg("audio") = true, pyb::arg("portrait") = false,
        pyb::arg("gop") = 2.0, pyb::arg("preset") = "veryfast", pyb::arg("source") = pyb::none(),
        pyb::arg("timeout") = 10,
        "url: rtmp://host:port/app/STREAM_KEY[?mode=...]; size WxH (portrait swaps to 9:16); bitrate in bit/s "
        "or '2500k'/'2.5M'; gop in seconds; source: a media file to loop instead of the test pattern.");
  b.def("start", [](emu::Broadcaster& self) {
          Status st;
          {
            pyb::gil_scoped_release release;
            st = self.Start();
          }
          if (!st.ok()) RaiseMediaError(st);
        }, "Connects and publishes; returns when the server accepted (raises MediaError when refused).");
  b.def("stop", [](emu::Broadcaster& self, const std::string& kind) {
          BreakKind k = Kind(kind);
          if (k == BreakKind::kStall) throw pyb::value_error("stop kind must be clean or abrupt");
          pyb::gil_scoped_release release;
          self.Stop(k);
        }, pyb::arg("kind") = "clean",
        "Goes off air and ends: 'clean' (FCUnpublish + deleteStream + close) or 'abrupt' (TCP reset).");
  b.def("stall", [](emu::Broadcaster& self, double seconds) {
          Status st = self.GoOff(BreakKind::kStall, seconds);
          if (!st.ok()) RaiseMediaError(st);
        }, pyb::arg("seconds") = 0.0,
        "Keeps the connection but sends nothing for `seconds` (0: until resume()).");
  b.def("go_off", [](emu::Broadcaster& self, const std::string& kind, double seconds) {
          Status st = self.GoOff(Kind(kind), seconds);
          if (!st.ok()) RaiseMediaError(st);
        }, pyb::arg("kind") = "clean", pyb::arg("seconds") = 0.0,
        "Goes off air ('clean', 'abrupt' or 'stall') for `seconds` (0: until resume()), then reconnects "
        "(the same connection after a stall).");
  b.def("resume", &emu::Broadcaster::Resume, "Ends a stall or off-air period now.");
  b.def_property_readonly("running", &emu::Broadcaster::running,
                          "True from start() until stop() or until the connection failed.");
  b.def_property_readonly("stats", &BroadcasterStatsDict,
                          "{state (connecting|on|off|stalled|stopped|failed), video_frames, bytes, connections, "
                          "breaks, seconds, error}");
  b.def_property_readonly("url", &emu::Broadcaster::redacted_url, "The publish URL with the stream key redacted.");
  b.def("__enter__", [](emu::Broadcaster& self) -> emu::Broadcaster& {
    Status st;
    {
      pyb::gil_scoped_release release;
      st = self.Start();
    }
    if (!st.ok()) RaiseMediaError(st);
    return self;
  }, pyb::return_value_policy::reference);
  b.def("__exit__", [](emu::Broadcaster& self, pyb::args) {
    pyb::gil_scoped_release release;
    self.Stop(BreakKind::kClean);
  });

  pyb::class_<emu::Viewer> v(m, "Viewer", R"(A player on its own thread, measuring what a viewer sees.

    v = ffsandbox.Viewer(room["rtmpPlayUrl"])
    v.start(); time.sleep(5); print(v.stats["latency_ms"]["p50"]); v.stop()

Protocols: rtmp (rtmp://), flv (HTTP-FLV, *.flv), hls (*.m3u8), dash (*.mpd);
guessed from the URL unless given. Usable as a context manager.)");
  v.def(pyb::init([](const std::string& url, pyb::object protocol, double timeout) {
          auto r = emu::Viewer::Create(url, protocol.is_none() ? "" : std::string(pyb::str(protocol)), timeout);
          if (!r.ok()) throw pyb::value_error(r.status().message());
          return std::move(*r);
        }),
        pyb::arg("url"), pyb::arg("protocol") = pyb::none(), pyb::arg("timeout") = 10.0,
        "timeout: seconds without media after which playing counts as broken and ends.");
  v.def("start", [](emu::Viewer& self) {
          Status st = self.Start();
          if (!st.ok()) RaiseMediaError(st);
        }, "Starts playing in the background; returns at once (startup is measured from here).");
  v.def("stop", [](emu::Viewer& self) {
          pyb::gil_scoped_release release;
          self.Stop();
        }, "Stops playing (idempotent).");
  v.def("wait", [](emu::Viewer& self, double timeout) {
          pyb::gil_scoped_release release;
          return self.Wait(timeout);
        }, pyb::arg("timeout"), "Waits up to timeout s for playing to end by itself; True when it ended.");
  v.def("wait_for_frames", [](emu::Viewer& self, uint64_t frames, double timeout) {
          pyb::gil_scoped_release release;
          auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
          while (self.stats().video_frames < frames && self.running() && std::chrono::steady_clock::now() < end)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
          return self.stats().video_frames >= frames;
        }, pyb::arg("frames") = 1, pyb::arg("timeout") = 10.0,
        "Waits until at least `frames` video frames arrived; False on timeout or when playing ended.");
  v.def_property_readonly("running", &emu::Viewer::running, "True while playing.");
  v.def_property_readonly("stats", &ViewerStatsDict,
                          "{protocol, running, startup_ms, video_frames (= frames), audio_frames, bytes, stalls, "
                          "stalled_s, latency_ms {min, p50, p95, max, samples}, seconds, error}");
  v.def_property_readonly("error", [](const emu::Viewer& self) -> pyb::object {
    if (self.running()) return pyb::none();
    std::string e = self.result().message();
    return e.empty() ? pyb::object(pyb::none()) : pyb::object(pyb::str(e));
  }, "Why playing ended early (None while playing or after a clean stop).");
  v.def("__enter__", [](emu::Viewer& self) -> emu::Viewer& {
    Status st = self.Start();
    if (!st.ok()) RaiseMediaError(st);
    return self;
  }, pyb::return_value_policy::reference);
  v.def("__exit__", [](emu::Viewer& self, pyb::args) {
    pyb::gil_scoped_release release;
    self.Stop();
  });
}

}  // namespace ffsb::py
