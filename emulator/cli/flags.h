// Command-line parsing for ffemu subcommands: "--name value", "--name=value"
// and bare boolean "--name"; everything else is positional. Each subcommand
// declares which flags take values so "--no-audio URL" parses right.
//
// Thread-safety: value type.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "server/base/status.h"

namespace ffsb::emu {

class Flags {
 public:
  // valued: flag names (without "--") that take a value; boolean: the others allowed.
  static Result<Flags> Parse(int argc, char** argv, const std::set<std::string>& valued,
                             const std::set<std::string>& boolean);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& def = "") const;
  Result<double> GetDouble(const std::string& name, double def) const;
  Result<long long> GetInt(const std::string& name, long long def) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

// "2500k", "2.5M", "800000" -> bits per second.
Result<long long> ParseBitrate(const std::string& s);
// "1280x720" -> width, height.
Status ParseSize(const std::string& s, int* w, int* h);

}  // namespace ffsb::emu
