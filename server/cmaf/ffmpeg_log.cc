#include "server/cmaf/ffmpeg_log.h"

#include <atomic>
#include <cstdarg>
#include <string>

extern "C" {
#include <libavutil/log.h>
}

namespace ffsb::cmaf {
namespace {

std::atomic<int> g_min_level{static_cast<int>(LogLevel::kWarn)};

LogLevel FromAv(int level) {
  if (level <= AV_LOG_ERROR) return LogLevel::kError;
  if (level <= AV_LOG_WARNING) return LogLevel::kWarn;
  if (level <= AV_LOG_INFO) return LogLevel::kInfo;
  return LogLevel::kDebug;
}

void Callback(void* avcl, int level, const char* fmt, va_list vl) {
  LogLevel l = FromAv(level);
  if (static_cast<int>(l) < g_min_level.load(std::memory_order_relaxed)) return;
  char line[1024];
  int print_prefix = 1;
  av_log_format_line2(avcl, level, fmt, vl, line, sizeof line, &print_prefix);
  std::string s(line);
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  if (!s.empty()) Log(l, "ffmpeg", s);
}

}  // namespace

void InstallFfmpegLogBridge(LogLevel min_level) {
  g_min_level = static_cast<int>(min_level);
  av_log_set_callback(&Callback);
}

}  // namespace ffsb::cmaf
