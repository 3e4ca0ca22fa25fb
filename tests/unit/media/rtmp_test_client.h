// A blocking, scriptable RTMP client for integration tests, built on the
// protocol library: it can behave well (connect/publish/play) or badly
// (garbage, bad chunk sizes, vanishing mid-message). Loopback only.
#pragma once

#include <string>
#include <vector>

#include "server/protocol/amf0.h"
#include "server/protocol/chunk_reader.h"
#include "server/protocol/chunk_writer.h"
#include "server/protocol/message.h"

namespace ffsb::testing {

class RtmpTestClient {
 public:
  ~RtmpTestClient();
  bool Dial(int port);
  bool Handshake(bool digest = false);
  bool SendRaw(const std::vector<uint8_t>& bytes);
  bool Send(uint32_t csid, uint8_t type, uint32_t ts, uint32_t stream_id,
            const std::vector<uint8_t>& payload);
  bool SendCommand(const std::string& name, double tx, const std::vector<Amf0Value>& args,
                   uint32_t stream_id = 0);
  // Full sequences; return the onStatus/_result code or "" on timeout/close.
  std::string ConnectApp(const std::string& app = "live");
  uint32_t CreateStream();
  std::string Publish(const std::string& name);
  std::string Play(const std::string& name);
  // Media helpers (stream id from CreateStream). Uses a real 640x360 SPS.
  bool SendAvcHeader(uint32_t ts);
  bool SendVideo(uint32_t ts, bool keyframe, size_t size = 2000);
  bool SendAudio(uint32_t ts, size_t size = 200);
  bool SendAacHeader(uint32_t ts);
  // Next message (protocol control applied); false on timeout or close.
  bool Read(RtmpMessage* m, int timeout_ms);
  // Waits for an onStatus or _result; returns its code (or "_result").
  std::string WaitStatus(int timeout_ms);
  // true if the server closes the connection within timeout.
  bool WaitClosed(int timeout_ms);
  void Close();
  int fd() const { return fd_; }
  uint64_t media_bytes() const { return media_bytes_; }
  uint32_t last_media_ts() const { return last_media_ts_; }

 private:
  int fd_ = -1;
  ChunkReader reader_;
  ChunkWriter writer_;
  uint32_t stream_id_ = 1;
  uint64_t media_bytes_ = 0;
  uint32_t last_media_ts_ = 0;
};

}  // namespace ffsb::testing
