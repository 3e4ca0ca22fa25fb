// `ffemu play URL [options]`: see docs/emulator.md and the usage text below.
#include <cstdio>

extern "C" {
#include <libavutil/log.h>
}

#include "emulator/cli/commands.h"
#include "emulator/cli/flags.h"
#include "emulator/common/pacing.h"
#include "emulator/play/segmented_player.h"
#include "emulator/play/stream_player.h"
#include "emulator/rtmp/librtmp_connection.h"

namespace ffsb::emu {
namespace {
const char kUsage[] =
    "usage: ffemu play URL [--protocol rtmp|flv|hls|dash] [--duration S] [--timeout S]\n"
    "         [--rendition NAME|WxH|360p] [--barcode] [--json] [--quiet] [--verbose]\n";
}

int PlayCommand(int argc, char** argv) {
  auto flags = Flags::Parse(argc, argv, {"protocol", "duration", "timeout", "rendition"},
                            {"barcode", "json", "quiet", "verbose", "help"});
  if (!flags.ok() || flags->Has("help") || flags->positional().size() != 1) {
    if (!flags.ok()) std::fprintf(stderr, "ffemu play: %s\n", flags.status().message().c_str());
    std::fputs(kUsage, stderr);
    return 2;
  }
  SetLibrtmpVerbose(flags->Has("verbose"));
  av_log_set_level(flags->Has("verbose") ? AV_LOG_INFO : AV_LOG_FATAL);
  PlayOptions o;
  o.url_text = flags->positional()[0];
  auto url = ParseUrl(o.url_text);
  auto duration = flags->GetDouble("duration", 0);
  auto timeout = flags->GetDouble("timeout", 5);
  Result<PlayProtocol> proto = url.ok() ? (flags->Has("protocol") ? ParseProtocolName(flags->Get("protocol"))
                                                                  : GuessProtocol(*url))
                                        : Result<PlayProtocol>(url.status());
  for (const Status* st : {&url.status(), &duration.status(), &timeout.status(), &proto.status()}) {
    if (!st->ok()) {
      std::fprintf(stderr, "ffemu play: %s\n", st->message().c_str());
      return 2;
    }
  }
  o.url = *url;
  o.protocol = *proto;
  o.duration_s = *duration;
  o.media_timeout_s = *timeout;
  o.rendition = flags->Get("rendition");
  o.force_barcode = flags->Has("barcode");
  o.status_out = flags->Has("quiet") || flags->Has("json") ? nullptr : stdout;

  InstallStopSignalHandlers();
  SystemClock clock;
  PlayStats stats(clock);
  const std::atomic<bool>* stop = &ProcessStopFlag();
  Status st;
  switch (o.protocol) {
    case PlayProtocol::kRtmp: st = RunRtmpPlay(o, clock, stop, &stats); break;
    case PlayProtocol::kHttpFlv: st = RunHttpFlvPlay(o, clock, stop, &stats); break;
    case PlayProtocol::kHls: st = RunHlsPlay(o, clock, stop, &stats); break;
    case PlayProtocol::kDash: st = RunDashPlay(o, clock, stop, &stats); break;
  }
  if (flags->Has("json")) {
    std::printf("%s\n", stats.SummaryJson(st.ok(), st.message(), std::string(ProtocolName(o.protocol))).c_str());
  } else if (!flags->Has("quiet")) {
    std::printf("play %s: %s\n", st.ok() ? "done" : "FAILED", stats.SummaryText().c_str());
  }
  std::fflush(stdout);
  if (!st.ok()) {
    std::fprintf(stderr, "ffemu play: %s\n", st.message().c_str());
    return 1;
  }
  return 0;
}

}  // namespace ffsb::emu
