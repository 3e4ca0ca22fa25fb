// ffemu: broadcaster and viewer emulator for ffsandbox (and any RTMP/HLS/DASH
// server). Usage: docs/emulator.md.
#include <cstdio>
#include <cstring>

#include "emulator/cli/commands.h"

int main(int argc, char** argv) {
  if (argc >= 2) {
    if (!std::strcmp(argv[1], "publish")) return ffsb::emu::PublishCommand(argc - 2, argv + 2);
    if (!std::strcmp(argv[1], "play")) return ffsb::emu::PlayCommand(argc - 2, argv + 2);
    if (!std::strcmp(argv[1], "load")) return ffsb::emu::LoadCommand(argc - 2, argv + 2);
    if (!std::strcmp(argv[1], "run")) return ffsb::emu::RunCommand(argc - 2, argv + 2);
  }
  std::fputs("usage: ffemu publish|play|load URL [options] | ffemu run SCENARIO.json   (ffemu SUBCOMMAND --help)\n", stderr);
  return 2;
}
