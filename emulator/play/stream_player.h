// `ffemu play` for streamed protocols: RTMP through librtmp, and HTTP-FLV
// through a streaming GET. Both deliver FLV-style messages (type, timestamp,
// tag body) to the same measuring sink, which reads the SEI capture stamps.
//
// Thread-safety: runs on the calling thread; stop may be raised anywhere.
#pragma once

#include <atomic>

#include "emulator/play/play_options.h"
#include "emulator/play/play_stats.h"

namespace ffsb::emu {

// Both return OK when the duration ran out or stop was raised, an error when
// the connection was refused or lost, or no media came for media_timeout_s.
Status RunRtmpPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats);
Status RunHttpFlvPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats);

}  // namespace ffsb::emu
