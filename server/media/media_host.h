// What a connection needs from the server that owns it. MediaServer
// implements it; keeping it an interface keeps sessions testable and the
// server header small.
//
// Media loop thread only.
#pragma once

#include <memory>
#include <string>

#include "server/base/random.h"
#include "server/media/media_options.h"
#include "server/media/publish_target.h"

namespace ffsb {

class RtmpSession;
class StreamHub;
class Connection;

class MediaHost {
 public:
  virtual ~MediaHost() = default;
  virtual const MediaServerOptions& options() const = 0;
  virtual Random& random() = 0;
  virtual int64_t NowUs() const = 0;  // monotonic
  // Shared read buffer: valid until the caller returns to the loop.
  virtual uint8_t* scratch() = 0;
  virtual size_t scratch_size() const = 0;
  // A client sent publish. The host answers with session->AcceptPublish()
  // or RefusePublish(), possibly later (deferred takeover).
  virtual void RequestPublish(const std::shared_ptr<RtmpSession>& session,
                              const PublishTarget& target) = 0;
  // The publisher stopped publishing (reason as in IngestGate::Ended).
  virtual void PublishEnded(RtmpSession* session, const std::string& reason) = 0;
  // The first video keyframe of this session's publish arrived.
  virtual void FirstKeyframe(RtmpSession* session) = 0;
  // The hub a player may watch, or nullptr (unknown, not live, no RTMP output).
  virtual std::shared_ptr<StreamHub> FindPlayable(const std::string& play_id) = 0;
  virtual void ConnectionClosed(Connection* c) = 0;
};

}  // namespace ffsb
