// When a flapping broadcaster is on air and off: parsed from --flap
// ON:OFF:COUNT (fixed seconds) or --flap-random MIN_ON:MAX_ON:MIN_OFF:MAX_OFF:COUNT
// (uniform draws from a seeded generator, so a run is reproducible with
// --seed). COUNT cycles of (on, off), then a final on period that lasts until
// --duration ends (or forever). Without flapping there is one endless on period.
//
// Thread-safety: value type; Next() mutates, one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string_view>

#include "server/base/clock.h"
#include "server/base/status.h"

namespace ffsb::emu {

enum class BreakKind { kClean, kAbrupt, kStall };
Result<BreakKind> ParseBreakKind(std::string_view s);
std::string_view BreakKindName(BreakKind k);

struct FlapPeriod {
  Micros on;   // how long to stay on air
  Micros off;  // how long to stay off afterwards; 0 for the last period
  bool last;   // the final on period (lasts until the duration ends)
};

class FlapSchedule {
 public:
  static FlapSchedule None() { return FlapSchedule(); }
  static Result<FlapSchedule> ParseFixed(std::string_view spec);
  static Result<FlapSchedule> ParseRandom(std::string_view spec, uint64_t seed);

  // The next period. After COUNT cycles returns {0, 0, last=true}.
  FlapPeriod Next();
  int cycles() const { return count_; }

 private:
  double Draw(double lo, double hi);
  bool random_ = false;
  double min_on_ = 0, max_on_ = 0, min_off_ = 0, max_off_ = 0;  // seconds
  int count_ = 0;
  int done_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace ffsb::emu
