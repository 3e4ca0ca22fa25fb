// One line per event: "2026-11-25T14:00:00.000000Z INFO  [rtmp] publish accepted key=ab…(redacted) ..."
// Components log through a tagged Logger. Stream keys and secrets never go
// into a log line: pass them through RedactKey() first.
//
// Thread-safety: Log() may be called from any thread; each line is written
// with one write(2) so lines never interleave.
#pragma once

#include <string>
#include <string_view>

namespace ffsb {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

// Process-wide sink settings, set once by main() before threads start.
void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();
// Writes to stderr by default; a path appends to that file as well.
void SetLogFile(const std::string& path);

void Log(LogLevel level, std::string_view tag, std::string_view message);

class Logger {
 public:
  explicit Logger(std::string tag) : tag_(std::move(tag)) {}
  void Debug(std::string_view m) const { Log(LogLevel::kDebug, tag_, m); }
  void Info(std::string_view m) const { Log(LogLevel::kInfo, tag_, m); }
  void Warn(std::string_view m) const { Log(LogLevel::kWarn, tag_, m); }
  void Error(std::string_view m) const { Log(LogLevel::kError, tag_, m); }

 private:
  std::string tag_;
};

// "abcd…(24)" — the first 4 characters and the length; enough to tell keys
// apart in logs, useless for publishing.
std::string RedactKey(std::string_view key);

}  // namespace ffsb
