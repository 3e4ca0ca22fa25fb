// `ffemu publish URL [options]`: see docs/emulator.md and the usage text below.
#include <cstdio>

extern "C" {
#include <libavutil/log.h>
}

#include "emulator/cli/commands.h"
#include "emulator/cli/flags.h"
#include "emulator/common/pacing.h"
#include "emulator/media/file_source.h"
#include "emulator/media/synthetic_source.h"
#include "emulator/publish/publish_session.h"
#include "emulator/rtmp/librtmp_connection.h"
#include "server/base/log.h"

namespace ffsb::emu {
namespace {
const char kUsage[] =
    "usage: ffemu publish URL [--key STREAM_KEY] [--source FILE] [--size WxH] [--fps N]\n"
    "         [--bitrate 2500k] [--gop 2s|60] [--no-audio] [--portrait] [--preset veryfast]\n"
    "         [--duration S] [--flap ON:OFF:COUNT | --flap-random MIN_ON:MAX_ON:MIN_OFF:MAX_OFF:COUNT]\n"
    "         [--seed N] [--break clean|abrupt|stall] [--timeout S] [--json] [--verbose]\n";

int Fail(const Status& st) {
  std::fprintf(stderr, "ffemu publish: %s\n", st.message().c_str());
  return 1;
}
}  // namespace

int PublishCommand(int argc, char** argv) {
  auto flags = Flags::Parse(argc, argv,
                            {"key", "source", "size", "fps", "bitrate", "gop", "preset", "duration", "flap",
                             "flap-random", "seed", "break", "timeout"},
                            {"no-audio", "portrait", "json", "verbose", "help"});
  if (!flags.ok()) return Fail(flags.status());
  if (flags->Has("help") || flags->positional().size() != 1) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  SetLibrtmpVerbose(flags->Has("verbose"));
  av_log_set_level(flags->Has("verbose") ? AV_LOG_INFO : AV_LOG_ERROR);
  std::string url_text = flags->positional()[0];
  if (flags->Has("key")) {  // OBS style: server URL + stream key (which may carry ?mode=...)
    while (!url_text.empty() && url_text.back() == '/') url_text.pop_back();
    url_text += "/" + flags->Get("key");
  }
  auto url = ParseUrl(url_text);
  if (!url.ok()) return Fail(url.status());
  if (url->scheme != "rtmp") return Fail(Status(ErrorCode::INVALID_REQUEST_PARAMETER, "publish needs an rtmp:// URL"));

  PublishOptions po;
  po.url = *url;
  auto duration = flags->GetDouble("duration", 0);
  auto timeout = flags->GetInt("timeout", 10);
  auto seed = flags->GetInt("seed", 1);
  if (!duration.ok()) return Fail(duration.status());
  if (!timeout.ok()) return Fail(timeout.status());
  if (!seed.ok()) return Fail(seed.status());
  po.duration_s = *duration;
  po.timeout_s = static_cast<int>(*timeout);
  if (flags->Has("break")) {
    auto b = ParseBreakKind(flags->Get("break"));
    if (!b.ok()) return Fail(b.status());
    po.break_kind = *b;
  }
  if (flags->Has("flap")) {
    auto f = FlapSchedule::ParseFixed(flags->Get("flap"));
    if (!f.ok()) return Fail(f.status());
    po.flap = *f;
  } else if (flags->Has("flap-random")) {
    auto f = FlapSchedule::ParseRandom(flags->Get("flap-random"), static_cast<uint64_t>(*seed));
    if (!f.ok()) return Fail(f.status());
    po.flap = *f;
  }

  InstallStopSignalHandlers();
  SystemClock clock;
  const std::atomic<bool>* stop = &ProcessStopFlag();
  Result<MediaSourcePtr> source = Status(ErrorCode::INTERNAL_SERVER_ERROR, "no source");
  if (flags->Has("source")) {
    source = FileSource::Create(flags->Get("source"), &clock, stop);
  } else {
    SyntheticOptions so;
    if (flags->Has("size")) {
      if (Status st = ParseSize(flags->Get("size"), &so.width, &so.height); !st.ok()) return Fail(st);
    }
    if (flags->Has("portrait")) std::swap(so.width, so.height);
    auto fps = flags->GetInt("fps", 30);
    if (!fps.ok()) return Fail(fps.status());
    so.fps = static_cast<int>(*fps);
    if (flags->Has("bitrate")) {
      auto br = ParseBitrate(flags->Get("bitrate"));
      if (!br.ok()) return Fail(br.status());
      so.video_bitrate = *br;
    }
    std::string gop = flags->Get("gop", "2s");
    double g = std::strtod(gop.c_str(), nullptr);
    so.gop_frames = gop.back() == 's' ? static_cast<int>(g * so.fps + 0.5) : static_cast<int>(g);
    so.audio = !flags->Has("no-audio");
    so.preset = flags->Get("preset", "veryfast");
    source = SyntheticSource::Create(so, &clock, stop);
  }
  if (!source.ok()) return Fail(source.status());

  PublishStats stats;
  Status st = RunPublish(**source, po, clock, stop, &stats);
  if (flags->Has("json")) {
    std::printf("{\"ok\":%s,\"frames\":%llu,\"bytes\":%llu,\"connections\":%d,\"breaks\":%d,\"seconds\":%.3f%s}\n",
                st.ok() ? "true" : "false", static_cast<unsigned long long>(stats.video_frames),
                static_cast<unsigned long long>(stats.bytes), stats.connections, stats.breaks, stats.seconds,
                st.ok() ? "" : (",\"error\":\"" + st.message() + "\"").c_str());
  }
  return st.ok() ? 0 : Fail(st);
}

}  // namespace ffsb::emu
