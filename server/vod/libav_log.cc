#include "server/vod/libav_log.h"

#include <atomic>
#include <cstdarg>
#include <string_view>

#include "server/base/log.h"

namespace ffsb::vod {
namespace {

std::atomic<int> g_min_level{AV_LOG_WARNING};  // set once by InstallLibavLogBridge

void Callback(void* avcl, int level, const char* fmt, va_list args) {
  if (level > g_min_level.load()) return;
  char line[1024];
  int print_prefix = 1;
  av_log_format_line2(avcl, level, fmt, args, line, sizeof line, &print_prefix);
  std::string_view text(line);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (text.empty()) return;
  Log(level <= AV_LOG_ERROR ? LogLevel::kError : level <= AV_LOG_WARNING ? LogLevel::kWarn
                                                                         : LogLevel::kInfo,
      "libav", text);
}

}  // namespace

void InstallLibavLogBridge(int min_level) {
  g_min_level = min_level;
  av_log_set_callback(&Callback);
}

}  // namespace ffsb::vod
