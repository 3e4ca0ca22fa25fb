// One audio/video/script message of a live stream, shared (refcounted) by the
// hub's caches, every viewer queue and the sinks. Payload bytes are stored
// once; the RTMP wire form (fmt-0 chunks on stream id 1 at the server's
// output chunk size) and the FLV tag header/trailer are built once, on first
// use, and shared by every viewer. See docs/rtmp.md ("Fan-out").
//
// Thread-safety: media loop thread only (the lazy caches are not locked).
// Invariant: body never changes after construction.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <vector>

namespace ffsb {

struct Frame {
  uint8_t type = 0;  // rtmp::kAudio / kVideo / kDataAmf0 (= FLV tag types 8/9/18)
  uint32_t timestamp = 0;
  bool keyframe = false;    // video keyframe (sequence headers included)
  bool sequence_header = false;  // AVC/HEVC/AAC config or metadata: never dropped
  std::vector<uint8_t> body;

  // RTMP chunks for (chunk_size, stream_id); built on first call.
  const std::vector<uint8_t>& Rtmp(uint32_t chunk_size, uint32_t stream_id) const;
  // FLV tag header (11 bytes) and PreviousTagSize (4 bytes).
  const std::array<uint8_t, 11>& FlvHeader() const;
  const std::array<uint8_t, 4>& FlvTrailer() const;

 private:
  mutable std::vector<uint8_t> rtmp_;
  mutable uint32_t rtmp_chunk_size_ = 0, rtmp_stream_id_ = 0;
  mutable bool flv_built_ = false;
  mutable std::array<uint8_t, 11> flv_header_{};
  mutable std::array<uint8_t, 4> flv_trailer_{};
};

using FramePtr = std::shared_ptr<const Frame>;

}  // namespace ffsb
