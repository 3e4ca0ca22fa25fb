// `ffemu run SCENARIO.json`: runs a broadcast scenario against a server (see
// docs/emulator.md "run" for the file format). Server and credentials from
// --api/--app-key/--app-secret or FFSANDBOX_API/_APP_KEY/_APP_SECRET.
// Exit 0 when every step passed, 1 when one failed, 2 on usage errors.
#include <cstdio>
#include <cstdlib>
#include <fstream>

extern "C" {
#include <libavutil/log.h>
}

#include "emulator/cli/commands.h"
#include "emulator/cli/flags.h"
#include "emulator/common/pacing.h"
#include "emulator/rtmp/librtmp_connection.h"
#include "emulator/scenario/scenario_runner.h"

namespace ffsb::emu {
namespace {
const char kUsage[] =
    "usage: ffemu run SCENARIO.json [--api http://HOST:PORT] [--app-key KEY] [--app-secret SECRET]\n"
    "         [--report FILE] [--suffix S] [--max-wait S] [--quiet] [--verbose]\n"
    "       (defaults from FFSANDBOX_API, FFSANDBOX_APP_KEY, FFSANDBOX_APP_SECRET)\n";

std::string FlagOrEnv(const Flags& f, const char* flag, const char* env) {
  if (f.Has(flag)) return f.Get(flag);
  const char* v = std::getenv(env);
  return v ? v : "";
}
}  // namespace

int RunCommand(int argc, char** argv) {
  auto flags = Flags::Parse(argc, argv, {"api", "app-key", "app-secret", "report", "suffix", "max-wait"},
                            {"quiet", "verbose", "help"});
  if (!flags.ok() || flags->Has("help") || flags->positional().size() != 1) {
    if (!flags.ok()) std::fprintf(stderr, "ffemu run: %s\n", flags.status().message().c_str());
    std::fputs(kUsage, stderr);
    return 2;
  }
  SetLibrtmpVerbose(flags->Has("verbose"));
  av_log_set_level(flags->Has("verbose") ? AV_LOG_INFO : AV_LOG_FATAL);
  RunOptions ro;
  ro.api_base = FlagOrEnv(*flags, "api", "FFSANDBOX_API");
  ro.app_key = FlagOrEnv(*flags, "app-key", "FFSANDBOX_APP_KEY");
  ro.app_secret = FlagOrEnv(*flags, "app-secret", "FFSANDBOX_APP_SECRET");
  ro.suffix = flags->Get("suffix");
  auto max_wait = flags->GetDouble("max-wait", 0);
  if (!max_wait.ok()) {
    std::fprintf(stderr, "ffemu run: %s\n", max_wait.status().message().c_str());
    return 2;
  }
  ro.max_wait_s = *max_wait;
  if (ro.api_base.empty() || ro.app_key.empty() || ro.app_secret.empty()) {
    std::fputs("ffemu run: need the server and credentials (--api/--app-key/--app-secret or FFSANDBOX_*)\n", stderr);
    return 2;
  }
  auto scenario = Scenario::FromFile(flags->positional()[0]);
  if (!scenario.ok()) {
    std::fprintf(stderr, "ffemu run: %s\n", scenario.status().message().c_str());
    return 2;
  }
  InstallStopSignalHandlers();
  ro.stop = &ProcessStopFlag();
  ro.out = flags->Has("quiet") ? nullptr : stdout;
  ScenarioReport report = RunScenario(*scenario, ro);
  std::fputs(report.Table().c_str(), stdout);
  std::fflush(stdout);
  if (flags->Has("report")) {
    std::ofstream f(flags->Get("report"));
    f << report.ToJson().dump(2) << "\n";
    if (!f) std::fprintf(stderr, "ffemu run: cannot write %s\n", flags->Get("report").c_str());
  }
  return report.ok ? 0 : 1;
}

}  // namespace ffsb::emu
