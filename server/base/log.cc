#include "server/base/log.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

#include "server/base/clock.h"

namespace ffsb {
namespace {
std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<int> g_file_fd{-1};
const char* LevelName(LogLevel l) {
  switch (l) {
    case LogLevel::kDebug: return "DEBUG";
    case LogLevel::kInfo: return "INFO ";
    case LogLevel::kWarn: return "WARN ";
    case LogLevel::kError: return "ERROR";
  }
  return "?";
}
}  // namespace

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }
LogLevel GetLogLevel() { return static_cast<LogLevel>(g_level.load()); }

void SetLogFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  int old = g_file_fd.exchange(fd);
  if (old >= 0) ::close(old);
}

void Log(LogLevel level, std::string_view tag, std::string_view message) {
  if (static_cast<int>(level) < g_level.load()) return;
  std::string line = FormatIso8601(SystemClock().Now());
  line += ' ';
  line += LevelName(level);
  line += " [";
  line += tag;
  line += "] ";
  for (char c : message) line += (c == '\n' || c == '\r') ? ' ' : c;  // one line per event
  line += '\n';
  ssize_t ignored = ::write(2, line.data(), line.size());
  int fd = g_file_fd.load();
  if (fd >= 0) ignored = ::write(fd, line.data(), line.size());
  (void)ignored;
}

std::string RedactKey(std::string_view key) {
  std::string out(key.substr(0, 4));
  out += "…(" + std::to_string(key.size()) + ")";
  return out;
}

}  // namespace ffsb
