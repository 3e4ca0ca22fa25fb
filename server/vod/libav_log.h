// Routes libav* diagnostics (av_log) into ffsb::Log, tag "libav", one line
// per event, dropping everything below `min_level` (default warnings).
// libav keeps one process-wide log callback, so only main() (or a test
// main) should call this, once, before threads start.
//
// Thread-safety: the installed callback may run on any thread.
#pragma once

extern "C" {
#include <libavutil/log.h>
}

namespace ffsb::vod {

void InstallLibavLogBridge(int min_level = AV_LOG_WARNING);

}  // namespace ffsb::vod
