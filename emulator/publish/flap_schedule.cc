#include "emulator/publish/flap_schedule.h"

#include <string>
#include <vector>

namespace ffsb::emu {
namespace {
std::optional<std::vector<double>> SplitNumbers(std::string_view s, size_t n) {
  std::vector<double> out;
  std::string str(s);
  size_t pos = 0;
  while (pos <= str.size()) {
    size_t c = str.find(':', pos);
    std::string part = str.substr(pos, c == std::string::npos ? std::string::npos : c - pos);
    char* end = nullptr;
    double v = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || v < 0) return std::nullopt;
    out.push_back(v);
    if (c == std::string::npos) break;
    pos = c + 1;
  }
  if (out.size() != n) return std::nullopt;
  return out;
}
Status Bad(std::string_view what) { return Status(ErrorCode::INVALID_REQUEST_PARAMETER, std::string(what)); }
}  // namespace

Result<BreakKind> ParseBreakKind(std::string_view s) {
  if (s == "clean") return BreakKind::kClean;
  if (s == "abrupt") return BreakKind::kAbrupt;
  if (s == "stall") return BreakKind::kStall;
  return Bad("--break must be clean, abrupt or stall");
}

std::string_view BreakKindName(BreakKind k) {
  switch (k) {
    case BreakKind::kClean: return "clean";
    case BreakKind::kAbrupt: return "abrupt";
    case BreakKind::kStall: return "stall";
  }
  return "?";
}

Result<FlapSchedule> FlapSchedule::ParseFixed(std::string_view spec) {
  auto v = SplitNumbers(spec, 3);
  if (!v || (*v)[0] <= 0 || (*v)[2] < 1) return Bad("--flap wants ON:OFF:COUNT, e.g. 5:2:3");
  FlapSchedule f;
  f.min_on_ = f.max_on_ = (*v)[0];
  f.min_off_ = f.max_off_ = (*v)[1];
  f.count_ = static_cast<int>((*v)[2]);
  return f;
}

Result<FlapSchedule> FlapSchedule::ParseRandom(std::string_view spec, uint64_t seed) {
  auto v = SplitNumbers(spec, 5);
  if (!v || (*v)[0] <= 0 || (*v)[1] < (*v)[0] || (*v)[3] < (*v)[2] || (*v)[4] < 1)
    return Bad("--flap-random wants MIN_ON:MAX_ON:MIN_OFF:MAX_OFF:COUNT, e.g. 2:6:1:3:10");
  FlapSchedule f;
  f.random_ = true;
  f.min_on_ = (*v)[0];
  f.max_on_ = (*v)[1];
  f.min_off_ = (*v)[2];
  f.max_off_ = (*v)[3];
  f.count_ = static_cast<int>((*v)[4]);
  f.rng_.seed(seed);
  return f;
}

double FlapSchedule::Draw(double lo, double hi) {
  if (!random_ || hi <= lo) return lo;
  return std::uniform_real_distribution<double>(lo, hi)(rng_);
}

FlapPeriod FlapSchedule::Next() {
  if (done_ >= count_) return {0, 0, true};
  ++done_;
  double on = Draw(min_on_, max_on_);
  double off = Draw(min_off_, max_off_);
  return {static_cast<Micros>(on * 1e6), static_cast<Micros>(off * 1e6), false};
}

}  // namespace ffsb::emu
