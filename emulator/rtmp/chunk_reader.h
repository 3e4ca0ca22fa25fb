// Sans-I/O RTMP chunk stream reader (RTMP spec 1.0 §5.3): feed received
// bytes, get whole messages back. Handles all four header formats, extended
// timestamps, and Set Chunk Size from the peer. Media payloads are counted,
// not copied, unless collect_media is set: that keeps 2,000 load viewers
// cheap. Written for the emulator before server/protocol existed; move to
// ffs_protocol's reader once it is committed.
//
// Thread-safety: one instance per connection, one thread.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

#include "server/base/status.h"

namespace ffsb::emu {

struct RtmpMessage {
  uint8_t type = 0;
  uint32_t stream_id = 0;
  uint32_t timestamp = 0;
  uint32_t length = 0;
  std::vector<uint8_t> payload;  // empty for media unless collect_media
};

class ChunkReader {
 public:
  using MessageFn = std::function<void(const RtmpMessage&)>;
  explicit ChunkReader(bool collect_media = false) : collect_media_(collect_media) {}

  Status Feed(std::span<const uint8_t> data, const MessageFn& on_message);
  uint32_t chunk_size() const { return chunk_size_; }

 private:
  struct ChunkStream {
    uint32_t timestamp = 0, delta = 0, length = 0, stream_id = 0;
    uint8_t type = 0;
    bool extended = false;
    uint32_t received = 0;  // bytes of the current message so far
    std::vector<uint8_t> payload;
  };
  // Parses a header from hdr_; returns false when more bytes are needed.
  Result<bool> ParseHeader();

  bool collect_media_;
  uint32_t chunk_size_ = 128;
  std::unordered_map<uint32_t, ChunkStream> streams_;
  std::vector<uint8_t> hdr_;      // partial chunk header
  ChunkStream* cur_ = nullptr;    // non-null while reading chunk payload
  uint32_t chunk_left_ = 0;
};

// Serializes one message as chunks (format 0 first, format 3 after) with
// the given outgoing chunk size.
std::vector<uint8_t> ChunkMessage(uint32_t csid, uint8_t type, uint32_t stream_id, uint32_t timestamp,
                                  std::span<const uint8_t> payload, uint32_t chunk_size = 128);

}  // namespace ffsb::emu
