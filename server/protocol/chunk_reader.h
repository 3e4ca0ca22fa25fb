// Reassembles RTMP messages from the chunk stream (Adobe RTMP spec §5.3).
// Handles all four chunk header formats, 1/2/3-byte basic headers, extended
// timestamps including the fmt-3 quirk (some senders repeat the extended
// timestamp on fmt-3 chunks as Flash does, some omit it: we peek and accept
// both, like SRS), per-csid state, Abort, and the receive chunk size.
// Refuses: fmt 1..3 on a csid never opened with fmt 0 (except fmt 1 on the
// control csid 2, which librtmp sends), a new header in the middle of a
// message, messages longer than the limit, too many csids. See docs/rtmp.md.
//
// Pure: bytes in, messages out. The caller applies Set Chunk Size between
// Next() calls, because it changes how the very next chunk is parsed.
// Thread-safety: one instance per connection, one thread.
#pragma once

#include <map>

#include "server/base/status.h"
#include "server/protocol/message.h"

namespace ffsb {

class ChunkReader {
 public:
  struct Limits {
    uint32_t max_message_length = rtmp::kMaxMessageLength;
    size_t max_chunk_streams = 64;
  };
  ChunkReader() = default;
  explicit ChunkReader(Limits limits) : limits_(limits) {}

  void Append(const uint8_t* data, size_t n);
  // true: *out holds a complete message. false: need more input.
  // Error: protocol violation (the connection must be closed).
  Result<bool> Next(RtmpMessage* out);

  // Spec §5.4.1: 1..2^31-1; 0 and values with the top bit set are errors.
  Status SetChunkSize(uint32_t size);
  uint32_t chunk_size() const { return chunk_size_; }
  // Spec §5.4.2: discard the partly received message on `csid`.
  void Abort(uint32_t csid);
  // Bytes consumed from the wire so far (for Acknowledgement, spec §5.4.3).
  uint64_t bytes_consumed() const { return consumed_; }
  size_t buffered() const { return buf_.size() - pos_; }

 private:
  struct ChunkStream {
    uint32_t timestamp = 0, delta = 0, length = 0, stream_id = 0;
    uint8_t type = 0;
    bool extended = false;  // last header carried an extended timestamp
    uint32_t extended_value = 0;
    std::vector<uint8_t> payload;  // partial message
    bool in_message = false;
  };
  Limits limits_;
  uint32_t chunk_size_ = rtmp::kDefaultChunkSize;
  std::map<uint32_t, ChunkStream> streams_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
  uint64_t consumed_ = 0;
};

}  // namespace ffsb
