// Routes libav* logging (av_log) into ffsb::Log under the tag "ffmpeg", one
// line per message, dropping messages below `min_level` (libx264's end-of-
// stream statistics are INFO and would flood the log otherwise).
//
// Thread-safety: installs a process-wide callback; call once from main()
// before pipelines start (tests call it from their setup). The callback
// itself may run on any thread.
#pragma once

#include "server/base/log.h"

namespace ffsb::cmaf {

void InstallFfmpegLogBridge(LogLevel min_level = LogLevel::kWarn);

}  // namespace ffsb::cmaf
