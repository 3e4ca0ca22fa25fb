#include "emulator/common/pacing.h"

#include <csignal>
#include <thread>

namespace ffsb::emu {

bool SleepUntil(const Clock& clock, Micros deadline, const std::atomic<bool>* stop) {
  for (;;) {
    if (stop && stop->load()) return false;
    Micros left = deadline - clock.Monotonic();
    if (left <= 0) return true;
    std::this_thread::sleep_for(std::chrono::microseconds(std::min<Micros>(left, 50'000)));
  }
}

std::atomic<bool>& ProcessStopFlag() {
  static std::atomic<bool> flag{false};
  return flag;
}

namespace {
extern "C" void OnStopSignal(int) { ProcessStopFlag().store(true); }
}  // namespace

void InstallStopSignalHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

}  // namespace ffsb::emu
