// Incremental FLV file/stream parser (Adobe FLV spec v10.1, annex E.2-E.3)
// for HTTP-FLV playback: feed bytes as they arrive, get whole tags back.
// Bounds-checked; a tag larger than max_tag_size is a protocol error.
//
// Thread-safety: one instance per stream, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "server/base/status.h"

namespace ffsb::emu {

struct FlvTag {
  uint8_t type;          // 8 audio, 9 video, 18 script data
  int64_t timestamp_ms;  // 32-bit with the extended byte
  std::span<const uint8_t> body;
};

class FlvReader {
 public:
  explicit FlvReader(size_t max_tag_size = 16 << 20) : max_tag_size_(max_tag_size) {}
  // Calls on_tag for every complete tag in the bytes seen so far.
  Status Feed(std::span<const uint8_t> bytes, const std::function<void(const FlvTag&)>& on_tag);
  bool header_seen() const { return header_done_; }

 private:
  size_t max_tag_size_;
  bool header_done_ = false;
  std::vector<uint8_t> buf_;
};

}  // namespace ffsb::emu
