// TrackSegmenter: cuts one track's encoded packets into CMAF segments at
// segment boundaries of the output timeline, muxing through an Fmp4Writer.
//
// Boundaries are origin + k * segment length (track timescale). A video
// track cuts only before a keyframe at or past the next boundary (the
// encoders force exactly those, so every rendition cuts at the same frame);
// the audio track cuts before the first packet at or past it. Each packet is
// held until the next one arrives so its duration is exact.
//
// Thread-safety: owned by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "server/base/status.h"
#include "server/cmaf/av_util.h"
#include "server/cmaf/fmp4_writer.h"

namespace ffsb::cmaf {

struct CompletedSegment {
  std::vector<uint8_t> bytes;
  int64_t start = 0;     // earliest presentation time, track timescale
  int64_t duration = 0;  // track timescale
};

class TrackSegmenter {
 public:
  // Packets handed to Add are in the writer's input time base, which must
  // equal the track timescale (1/timescale).
  TrackSegmenter(std::unique_ptr<Fmp4Writer> writer, bool video, int64_t origin, int64_t segment_length,
                 int64_t default_duration)
      : writer_(std::move(writer)), video_(video), origin_(origin), seg_len_(segment_length),
        default_duration_(default_duration) {}

  const Fmp4Writer& writer() const { return *writer_; }
  uint64_t packets() const { return packets_; }

  Status Add(const AVPacket* pkt, std::optional<CompletedSegment>* done);
  // Writes the held packet and cuts the last (possibly short) segment.
  Status Finish(std::optional<CompletedSegment>* done);

 private:
  int64_t NextBoundaryAfter(int64_t start) const;
  Status WriteHeld(int64_t duration);
  Status Cut(int64_t end, std::optional<CompletedSegment>* done);

  std::unique_ptr<Fmp4Writer> writer_;
  bool video_;
  int64_t origin_, seg_len_, default_duration_;
  PacketPtr held_ = MakePacket();
  bool has_held_ = false;
  bool in_segment_ = false;
  int64_t seg_start_ = 0;
  int64_t next_boundary_ = 0;
  int64_t seg_max_end_ = 0;  // max(pts + duration) written into the segment
  int64_t last_duration_ = 0;
  uint64_t packets_ = 0;
};

}  // namespace ffsb::cmaf
