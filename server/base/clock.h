// Time comes in through this seam so state-machine and timeout tests run in
// microseconds with FakeClock. Times are microseconds since the Unix epoch (UTC).
//
// Thread-safety: SystemClock is stateless; FakeClock is safe to read and
// advance from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ffsb {

using Micros = int64_t;  // microseconds since 1970-01-01T00:00:00Z

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Micros Now() const = 0;        // wall clock
  virtual Micros Monotonic() const = 0;  // for intervals and timeouts
};

class SystemClock final : public Clock {
 public:
  Micros Now() const override;
  Micros Monotonic() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Micros start = 1'700'000'000'000'000) : now_(start) {}
  Micros Now() const override { return now_.load(); }
  Micros Monotonic() const override { return now_.load(); }
  void Advance(Micros d) { now_ += d; }

 private:
  std::atomic<Micros> now_;
};

// "2022-10-19T06:41:09.865054Z" (contract §1: ISO-8601 UTC with Z, microseconds).
std::string FormatIso8601(Micros t);
// Accepts "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)". nullopt when malformed.
std::optional<Micros> ParseIso8601(std::string_view s);

}  // namespace ffsb
