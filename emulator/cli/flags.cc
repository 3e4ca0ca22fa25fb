#include "emulator/cli/flags.h"

#include <cstdlib>

namespace ffsb::emu {
namespace {
Status Bad(const std::string& m) { return Status(ErrorCode::INVALID_REQUEST_PARAMETER, m); }
}

Result<Flags> Flags::Parse(int argc, char** argv, const std::set<std::string>& valued,
                           const std::set<std::string>& boolean) {
  Flags f;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      f.positional_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    size_t eq = name.find('=');
    bool has_value = eq != std::string::npos;
    if (has_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (valued.count(name)) {
      if (!has_value) {
        if (i + 1 >= argc) return Bad("--" + name + " needs a value");
        value = argv[++i];
      }
    } else if (boolean.count(name)) {
      if (has_value) return Bad("--" + name + " takes no value");
      value = "1";
    } else {
      return Bad("unknown option --" + name);
    }
    f.values_[name] = value;
  }
  return f;
}

std::string Flags::Get(const std::string& name, const std::string& def) const {
  auto it = values_.find(name);
  return it == values_.end() ? def : it->second;
}

Result<double> Flags::GetDouble(const std::string& name, double def) const {
  if (!Has(name)) return def;
  std::string v = Get(name);
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end) return Bad("--" + name + ": not a number: " + v);
  return d;
}

Result<long long> Flags::GetInt(const std::string& name, long long def) const {
  if (!Has(name)) return def;
  std::string v = Get(name);
  char* end = nullptr;
  long long d = std::strtoll(v.c_str(), &end, 10);
  if (v.empty() || *end) return Bad("--" + name + ": not an integer: " + v);
  return d;
}

Result<long long> ParseBitrate(const std::string& s) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  std::string unit(end);
  if (s.empty() || end == s.c_str() || v <= 0) return Bad("bad bitrate " + s);
  if (unit == "k" || unit == "K") v *= 1e3;
  else if (unit == "m" || unit == "M") v *= 1e6;
  else if (!unit.empty()) return Bad("bad bitrate unit in " + s);
  return static_cast<long long>(v);
}

Status ParseSize(const std::string& s, int* w, int* h) {
  if (std::sscanf(s.c_str(), "%dx%d", w, h) != 2 || *w <= 0 || *h <= 0) return Bad("bad size " + s + " (want WxH)");
  return Status::Ok();
}

}  // namespace ffsb::emu
