// Sends a source's packets over one librtmp publish connection: metadata
// and sequence headers first, then media with timestamps rebased so each
// connection starts at 0 (as OBS does after a reconnect). Audio goes on chunk
// stream 4, video on 6, metadata on 5; the first message on each uses a full
// header and librtmp compresses the following ones.
//
// Thread-safety: one thread. Ownership: owns its connection.
#pragma once

#include <array>
#include <memory>

#include "emulator/media/media_source.h"
#include "emulator/rtmp/librtmp_connection.h"

namespace ffsb::emu {

class RtmpPublisher {
 public:
  RtmpPublisher(const Url& url, int timeout_s) : conn_(url, /*publish=*/true, timeout_s) {}

  // Connects, publishes, raises the chunk size and sends metadata and the
  // sequence headers. ts_base_ms: source timestamp that maps to 0.
  Status Start(const StreamInfo& info, int64_t ts_base_ms);
  Status Send(const MediaPacket& p);
  void CloseClean() { conn_.CloseClean(); }
  void CloseAbrupt() { conn_.CloseAbrupt(); }

  uint64_t bytes_sent() const { return bytes_; }
  uint64_t video_frames() const { return video_frames_; }

 private:
  Status SendBody(uint8_t type, int channel, int64_t ts_ms, const std::vector<uint8_t>& body);

  LibrtmpConnection conn_;
  int64_t ts_base_ms_ = 0;
  std::array<bool, 8> channel_used_{};
  uint64_t bytes_ = 0;
  uint64_t video_frames_ = 0;
};

}  // namespace ffsb::emu
