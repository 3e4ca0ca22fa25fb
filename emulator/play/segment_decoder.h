// Reads the capture stamps out of one HLS/DASH media segment (fMP4 with its
// init segment prepended, or MPEG-TS): the SEI stamp when the bitstream
// carries it, else the barcode read from the decoded picture (libavcodec
// H.264 decoder, luma plane only). This is how the emulator measures latency
// through a transcoder that re-encodes (CMAF renditions), where SEI is lost.
//
// Thread-safety: one thread. Ownership: holds no state between segments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/base/status.h"

namespace ffsb::emu {

struct SegmentFrame {
  int64_t pts_us = 0;             // presentation time within the stream
  std::optional<Micros> stamp;    // capture wall time, when found
  bool from_barcode = false;
};

struct SegmentContents {
  std::vector<SegmentFrame> video;  // in decode order
  int audio_frames = 0;
  double duration_s = 0;            // last pts - first pts + one frame
};

// bytes = init segment (may be empty) followed by the media segment.
Result<SegmentContents> DecodeSegment(const std::string& bytes, bool force_barcode);

}  // namespace ffsb::emu
