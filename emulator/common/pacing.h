// Real-time pacing helpers shared by the sources and the players: sleeping
// until a monotonic deadline in short steps so a stop request (SIGINT,
// SIGTERM, a scenario's cancel) is honoured within ~50 ms.
//
// Thread-safety: functions only; the stop flag is read atomically.
#pragma once

#include <atomic>

#include "server/base/clock.h"

namespace ffsb::emu {

// Sleeps until clock.Monotonic() >= deadline or *stop becomes true (stop
// may be null). Returns false when stopped early.
bool SleepUntil(const Clock& clock, Micros deadline, const std::atomic<bool>* stop);

// Process-wide stop flag set by the SIGINT/SIGTERM handler ffemu installs.
std::atomic<bool>& ProcessStopFlag();
void InstallStopSignalHandlers();

}  // namespace ffsb::emu
