// One RTMP connection: handshake, chunk stream, protocol control and the
// NetConnection/NetStream commands (connect, releaseStream, FCPublish,
// createStream, publish, play, deleteStream, FCUnpublish, closeStream, ...).
// A session is a publisher (feeding a StreamHub) or a player (a Subscriber
// of one). See docs/rtmp.md for the command flow and what we refuse.
//
// Media loop thread only. Ownership: MediaServer holds a shared_ptr until
// ConnectionClosed(); async operations hold one too.
#pragma once

#include <memory>
#include <string>

#include "server/media/connection.h"
#include "server/media/media_host.h"
#include "server/media/stream_hub.h"
#include "server/media/viewer_policy.h"
#include "server/protocol/chunk_reader.h"
#include "server/protocol/chunk_writer.h"
#include "server/protocol/command.h"
#include "server/protocol/handshake.h"

namespace ffsb {

class RtmpSession : public Connection, public Subscriber {
 public:
  enum class Role { kNone, kPendingPublish, kPublisher, kPlayer };
  RtmpSession(tcp::socket socket, MediaHost* host);
  void Start();

  // Host answers to RequestPublish().
  void AcceptPublish(std::shared_ptr<StreamHub> hub);
  void RefusePublish(const std::string& description);
  // Host ends this publisher (stall, takeover, forced): the reason is
  // reported by the host; the connection is closed at once.
  void Terminate(const std::string& reason);

  Role role() const { return role_; }
  bool handshake_done() const { return handshake_.done(); }
  int64_t created_us() const { return created_us_; }
  uint64_t bytes_in() const { return reader_.bytes_consumed() + kHandshakeSize * 2 + 1; }
  const std::shared_ptr<StreamHub>& hub() const { return hub_; }
  const PublishTarget& target() const { return target_; }
  // Why the connection closed ("disconnected", "protocol_error", ...).
  const std::string& close_reason() const { return close_reason_; }

  // Subscriber (player role).
  void Deliver(const FramePtr& frame) override;
  void FlushOut() override;
  void StreamEnded() override;

 private:
  void OnReadable() override;
  void OnClosed() override;
  void Fail(const std::string& reason, const std::string& detail);
  bool Consume(const uint8_t* data, size_t n);
  bool HandleMessage(RtmpMessage& m);
  bool HandleCommand(const RtmpMessage& m, size_t skip);
  void HandleMedia(RtmpMessage& m);
  void HandleAggregate(const RtmpMessage& m);
  void IngestFrame(uint8_t type, uint32_t ts, std::vector<uint8_t> body);
  void ScheduleViewerFlush();
  // Commands (rtmp_session_commands.cc).
  void OnConnect(const RtmpCommand& c);
  void OnCreateStream(const RtmpCommand& c);
  void OnPublish(const RtmpCommand& c, uint32_t stream_id);
  void OnPlay(const RtmpCommand& c, uint32_t stream_id);
  void OnUnpublish();
  void SendCommand(uint32_t stream_id, const std::string& name, double tx, const Amf0Value& obj,
                   const std::vector<Amf0Value>& args = {});
  void SendStatus(uint32_t stream_id, const std::string& level, const std::string& code,
                  const std::string& description);
  void SendControl(const std::vector<uint8_t>& bytes) { PushOwned(bytes); }

  MediaHost* host_;
  HandshakeServer handshake_;
  ChunkReader reader_;
  ChunkWriter writer_;
  Role role_ = Role::kNone;
  bool connected_ = false;
  std::string app_;  // as sent in connect (may carry ?mode=)
  PublishTarget target_;
  uint32_t stream_id_ = 0;  // of the publish/play
  uint32_t next_stream_id_ = 1;
  uint32_t peer_window_ = 0;
  uint64_t last_ack_ = 0;
  ViewerPolicy policy_;
  int64_t created_us_;
  std::shared_ptr<StreamHub> hub_;
  std::string close_reason_ = "disconnected";
  bool got_media_ = false;
  // Publisher only: batches viewer flushes (MediaServerOptions::merge_write).
  std::unique_ptr<boost::asio::steady_timer> flush_timer_;
  bool flush_armed_ = false;
};

}  // namespace ffsb
