// Splits RTMP messages into chunks (Adobe RTMP spec §5.3).
//
// ChunkWriter keeps per-csid state and compresses headers (fmt 1/2/3) like
// Flash does; EncodeChunked() is stateless (fmt 0 then fmt 3 continuations),
// so its bytes are identical for every receiver with the same chunk size and
// stream id: the fan-out path builds them once per message and shares them.
// Extended timestamps (>= 0xFFFFFF) are repeated on fmt-3 chunks, as Flash,
// ffmpeg and librtmp expect. See docs/rtmp.md.
//
// Thread-safety: ChunkWriter is per connection, one thread.
#pragma once

#include <cstdint>
#include <cstddef>
#include <map>
#include <vector>

#include "server/protocol/message.h"

namespace ffsb {

struct MessageHeader {
  uint32_t csid = rtmp::kCsidCommand;
  uint8_t type = 0;
  uint32_t timestamp = 0;
  uint32_t stream_id = 0;
};

// Appends the chunks of one message to *out: fmt 0 first chunk, fmt 3 after.
void EncodeChunked(const MessageHeader& h, const uint8_t* payload, size_t size,
                   uint32_t chunk_size, std::vector<uint8_t>* out);

class ChunkWriter {
 public:
  // REQUIRES: 1 <= size <= 2^31-1. The caller sends Set Chunk Size first.
  void SetChunkSize(uint32_t size) { chunk_size_ = size; }
  uint32_t chunk_size() const { return chunk_size_; }
  void Write(const MessageHeader& h, const uint8_t* payload, size_t size,
             std::vector<uint8_t>* out);
  void Write(const MessageHeader& h, const std::vector<uint8_t>& payload,
             std::vector<uint8_t>* out) {
    Write(h, payload.data(), payload.size(), out);
  }

 private:
  struct State {
    uint32_t timestamp, delta, length, stream_id;
    uint8_t type;
  };
  uint32_t chunk_size_ = rtmp::kDefaultChunkSize;
  std::map<uint32_t, State> states_;
};

}  // namespace ffsb
