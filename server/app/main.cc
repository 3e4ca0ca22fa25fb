// ffsandbox: the command line. See README.md and `ffsandbox help`.
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "server/app/apps_cli.h"
#include "server/app/config.h"
#include "server/app/serve.h"

extern char** environ;

namespace {

const char kUsage[] =
    "ffsandbox - a local stand-in for the FlipFlop Cloud live-broadcast service\n"
    "\n"
    "usage:\n"
    "  ffsandbox serve [options]        run the server (see `ffsandbox serve --help`)\n"
    "  ffsandbox apps create NAME [--data-dir D]   create an app; prints its key and secret once\n"
    "  ffsandbox apps list [--data-dir D]          list the apps\n"
    "  ffsandbox version\n";

std::map<std::string, std::string> Environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    const char* eq = strchr(*e, '=');
    if (eq && strncmp(*e, "FFSANDBOX_", 10) == 0) env.emplace(std::string(*e, static_cast<size_t>(eq - *e)), std::string(eq + 1));
  }
  return env;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  std::string cmd = args[0];
  args.erase(args.begin());
  if (cmd == "version" || cmd == "--version") {
    puts("ffsandbox 0.1.0");
    return 0;
  }
  if (cmd == "serve") {
    for (const auto& a : args)
      if (a == "--help" || a == "-h") {
        fputs(ffsb::app::ServeUsage().c_str(), stdout);
        return 0;
      }
    auto config = ffsb::app::ParseServeConfig(args, Environment());
    if (!config.ok()) {
      fprintf(stderr, "ffsandbox serve: %s\n\n%s", config.status().message().c_str(),
              ffsb::app::ServeUsage().c_str());
      return 2;
    }
    return ffsb::app::RunServe(*config);
  }
  if (cmd == "apps") return ffsb::app::RunAppsCommand(args);
  fprintf(stderr, "ffsandbox: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
  return 2;
}
