// FLV file/stream format (Adobe FLV spec v10.1, Annex E): the 9-byte header,
// tags (11-byte header + body) and PreviousTagSize fields. The writer is used
// by HTTP-FLV viewers (headers only: bodies are shared buffers written with
// scatter/gather); the reader by tests, the librtmp publisher and fuzzing.
// See docs/flv.md.
//
// Thread-safety: stateless functions; FlvReader is single-threaded.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "server/base/status.h"

namespace ffsb {

namespace flv {
inline constexpr uint8_t kTagAudio = 8;
inline constexpr uint8_t kTagVideo = 9;
inline constexpr uint8_t kTagScript = 18;
inline constexpr size_t kHeaderSize = 9;
inline constexpr size_t kTagHeaderSize = 11;
}  // namespace flv

// "FLV", version 1, flags, header size 9, then PreviousTagSize0 = 0 (13 bytes).
void WriteFlvHeader(bool has_audio, bool has_video, std::vector<uint8_t>* out);
// The 11-byte tag header (E.4.1): type, 24-bit size, 24+8-bit timestamp, stream id 0.
std::array<uint8_t, flv::kTagHeaderSize> FlvTagHeader(uint8_t type, uint32_t timestamp_ms,
                                                      uint32_t body_size);
// PreviousTagSize after a tag: 11 + body size, big-endian.
std::array<uint8_t, 4> FlvPreviousTagSize(uint32_t body_size);
// Header + body + PreviousTagSize in one buffer.
void WriteFlvTag(uint8_t type, uint32_t timestamp_ms, const uint8_t* body, size_t size,
                 std::vector<uint8_t>* out);

struct FlvTag {
  uint8_t type = 0;
  uint32_t timestamp = 0;
  std::vector<uint8_t> body;
};

// Incremental reader: Append() bytes, then Next() until it returns false.
class FlvReader {
 public:
  explicit FlvReader(uint32_t max_tag_size = 16 << 20) : max_tag_size_(max_tag_size) {}
  void Append(const uint8_t* data, size_t n);
  Result<bool> Next(FlvTag* out);
  bool has_audio() const { return flags_ & 4; }
  bool has_video() const { return flags_ & 1; }

 private:
  uint32_t max_tag_size_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
  bool header_done_ = false;
  uint8_t flags_ = 0;
};

}  // namespace ffsb
