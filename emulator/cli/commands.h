// The ffemu subcommands; each parses its own argv (after the subcommand
// name) and returns the process exit code. Run on the main thread.
#pragma once

namespace ffsb::emu {

int PublishCommand(int argc, char** argv);
int PlayCommand(int argc, char** argv);
int LoadCommand(int argc, char** argv);
int RunCommand(int argc, char** argv);

}  // namespace ffsb::emu
