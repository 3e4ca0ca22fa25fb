// `ffemu load URL --viewers N [options]`: see docs/emulator.md.
#include <sys/resource.h>

#include <cstdio>

#include "emulator/cli/commands.h"
#include "emulator/cli/flags.h"
#include "emulator/common/pacing.h"
#include "emulator/load/load_runner.h"

namespace ffsb::emu {
namespace {
const char kUsage[] =
    "usage: ffemu load URL --viewers N [--duration S] [--ramp R/s] [--protocol rtmp|flv] [--json]\n";
}

int LoadCommand(int argc, char** argv) {
  auto flags = Flags::Parse(argc, argv, {"viewers", "duration", "ramp", "protocol"}, {"json", "help"});
  if (!flags.ok() || flags->Has("help") || flags->positional().size() != 1) {
    if (!flags.ok()) std::fprintf(stderr, "ffemu load: %s\n", flags.status().message().c_str());
    std::fputs(kUsage, stderr);
    return 2;
  }
  LoadOptions o;
  auto url = ParseUrl(flags->positional()[0]);
  auto viewers = flags->GetInt("viewers", 1);
  auto duration = flags->GetDouble("duration", 0);
  std::string ramp_text = flags->Get("ramp", "100");
  if (ramp_text.size() > 2 && ramp_text.substr(ramp_text.size() - 2) == "/s") ramp_text.resize(ramp_text.size() - 2);
  double ramp = std::strtod(ramp_text.c_str(), nullptr);
  Result<PlayProtocol> proto = url.ok() ? (flags->Has("protocol") ? ParseProtocolName(flags->Get("protocol"))
                                                                  : GuessProtocol(*url))
                                        : Result<PlayProtocol>(url.status());
  for (const Status* st : {&url.status(), &viewers.status(), &duration.status(), &proto.status()}) {
    if (!st->ok()) {
      std::fprintf(stderr, "ffemu load: %s\n", st->message().c_str());
      return 2;
    }
  }
  if (*viewers < 1 || ramp <= 0) {
    std::fputs("ffemu load: --viewers and --ramp must be positive\n", stderr);
    return 2;
  }
  // Each viewer is one socket: raise the descriptor limit as far as allowed.
  rlimit rl{};
  if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
    rl.rlim_cur = rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
  }
  o.url = *url;
  o.protocol = *proto;
  o.viewers = static_cast<int>(*viewers);
  o.duration_s = *duration;
  o.ramp_per_s = ramp;
  InstallStopSignalHandlers();
  LoadResult r;
  Status st = RunLoad(o, &ProcessStopFlag(), &r);
  if (!st.ok()) {
    std::fprintf(stderr, "ffemu load: %s\n", st.message().c_str());
    return 1;
  }
  if (flags->Has("json")) {
    std::printf("{\"viewers\":%d,\"connected\":%d,\"failed\":%d,\"bytes\":%llu,\"video_frames\":%llu,"
                "\"seconds\":%.2f,\"cpu_seconds\":%.2f,\"cpu_percent\":%.1f}\n",
                r.counters.started, r.counters.connected, r.counters.failed,
                static_cast<unsigned long long>(r.counters.bytes),
                static_cast<unsigned long long>(r.counters.video_frames), r.seconds, r.cpu_seconds,
                r.cpu_seconds / std::max(0.001, r.seconds) * 100);
  }
  return r.counters.failed > 0 ? 1 : 0;
}

}  // namespace ffsb::emu
