// `ffemu play` for HLS and DASH, the way a live player does it: load the
// master playlist / MPD, pick a rendition (--rendition or the first), start
// three segments behind the live edge, then poll the media playlist / MPD and
// fetch each new segment in order (init segment once per URL). Every segment
// is read by segment_decoder.h for frames and capture stamps.
//
// Thread-safety: runs on the calling thread; stop may be raised anywhere.
#pragma once

#include <atomic>

#include "emulator/play/play_options.h"
#include "emulator/play/play_stats.h"

namespace ffsb::emu {

Status RunHlsPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats);
Status RunDashPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats);

}  // namespace ffsb::emu
