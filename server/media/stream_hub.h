// One live stream, keyed by play_id: one publisher, many subscribers (RTMP
// players, HTTP-FLV viewers) and the per-publish sinks. Caches the metadata
// and the AVC/AAC sequence headers, plus a GOP cache (frames since the last
// video keyframe) so a new viewer starts at the latest keyframe.
// Frames are shared (FramePtr) between the caches and every viewer queue.
//
// Media loop thread only. Ownership: MediaServer owns hubs (shared_ptr); the
// hub holds subscribers by shared_ptr until they unsubscribe or it ends.
// Invariant: the GOP cache, when non-empty, starts with a video keyframe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/media/frame.h"
#include "server/media/ingest_gate.h"
#include "server/media/media_sink.h"
#include "server/media/stats_meter.h"

namespace ffsb {

class Subscriber {
 public:
  virtual ~Subscriber() = default;
  // Queue the frame (never write synchronously here; Flush does).
  virtual void Deliver(const FramePtr& frame) = 0;
  virtual void FlushOut() = 0;
  // The publisher is gone: finish and close.
  virtual void StreamEnded() = 0;
};

class StreamHub {
 public:
  StreamHub(PublishGrant grant, std::string key_redacted, size_t gop_cache_bytes, int64_t start_us,
            std::vector<std::shared_ptr<MediaSink>> sinks);

  const PublishGrant& grant() const { return grant_; }
  const std::string& key_redacted() const { return key_redacted_; }
  // From the publisher, in arrival order. Returns true for the first video
  // keyframe (the stream became viewable).
  bool OnFrame(FramePtr frame);
  // After a batch of OnFrame calls: lets every subscriber write.
  void FlushSubscribers();
  // Sends metadata, sequence headers and the GOP cache, then live frames.
  void AddSubscriber(std::shared_ptr<Subscriber> s);
  void RemoveSubscriber(Subscriber* s);
  size_t subscriber_count() const;
  // Ends the stream for subscribers and sinks. Idempotent.
  void End();
  bool ended() const { return ended_; }

  StatsMeter& stats() { return stats_; }
  int64_t last_media_us() const { return last_media_us_; }
  void set_last_media_us(int64_t t) { last_media_us_ = t; }

 private:
  void Broadcast(const FramePtr& f);
  PublishGrant grant_;
  std::string key_redacted_;
  size_t gop_cache_limit_;
  std::vector<std::shared_ptr<MediaSink>> sinks_;
  std::vector<std::shared_ptr<Subscriber>> subscribers_;
  bool broadcasting_ = false;
  FramePtr metadata_, video_header_, audio_header_;
  std::vector<FramePtr> gop_;
  size_t gop_bytes_ = 0;
  bool gop_full_ = false, seen_keyframe_ = false, ended_ = false;
  StatsMeter stats_;
  int64_t last_media_us_;
};

}  // namespace ffsb
