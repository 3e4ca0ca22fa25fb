// The live media server: RTMP ingest and play, HTTP-FLV viewers (fds handed
// over by the HTTP server), per-stream hubs with GOP cache and fan-out, and
// the IngestGate/MediaSink seams to the control plane. One Boost.Asio
// io_context, one thread; never a thread per connection.
// See docs/rtmp.md (protocol, limits, refusals) and docs/flv.md.
//
// Thread-safety: construct, SetSinkFactory() and Listen() before the loop
// runs (or on it). Stop(), DropIngest(), AttachHttpFlvViewer() and the
// counters are safe from any thread. Everything else runs on the loop.
// Lifetime: call Stop() and let the loop finish its handlers (or stop it)
// before destroying the server.
#pragma once

#include <atomic>
#include <utility>  // before asio: Boost 1.74 awaitable.hpp needs std::exchange under C++20
#include <boost/asio.hpp>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "server/base/random.h"
#include "server/base/status.h"
#include "server/media/ingest_gate.h"
#include "server/media/media_host.h"
#include "server/media/media_options.h"
#include "server/media/media_sink.h"

namespace ffsb {

class RtmpSession;
class StreamHub;

class MediaServer final : private MediaHost {
 public:
  using Options = MediaServerOptions;
  using SinkFactory = std::function<std::vector<std::shared_ptr<MediaSink>>(const PublishGrant&)>;

  MediaServer(boost::asio::io_context& io, Options options, IngestGate& gate);
  ~MediaServer() override;

  // Binds and starts accepting; port 0 picks a free port. Returns the port.
  Result<uint16_t> Listen(uint16_t port, const std::string& address = "0.0.0.0");
  // Closes the listener, every connection (publishers end with "shutdown").
  void Stop();
  // Closes the publisher of this key at once; Ended(id, "forced").
  void DropIngest(int64_t stream_key_id);
  // Adopts a connected TCP socket whose HTTP request for `play_id` has been
  // read; answers 200 + FLV, or 404 when no such live stream (RTMP output).
  void AttachHttpFlvViewer(int fd, std::string play_id);
  // Called when a publish is accepted; its sinks get every tag.
  void SetSinkFactory(SinkFactory factory) { sink_factory_ = std::move(factory); }

  // Counters, readable from any thread.
  size_t connection_count() const { return n_connections_.load(); }
  size_t ingest_count() const { return n_ingests_.load(); }
  size_t viewer_count() const { return n_viewers_.load(); }

 private:
  struct Ingest;
  // MediaHost.
  const Options& options() const override { return options_; }
  Random& random() override { return random_; }
  int64_t NowUs() const override;
  uint8_t* scratch() override { return scratch_.data(); }
  size_t scratch_size() const override { return scratch_.size(); }
  void RequestPublish(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t) override;
  void PublishEnded(RtmpSession* s, const std::string& reason) override;
  void FirstKeyframe(RtmpSession* s) override;
  std::shared_ptr<StreamHub> FindPlayable(const std::string& play_id) override;
  void ConnectionClosed(Connection* c) override;

  void Accept();
  void Tick();
  void Decide(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t, bool first);
  void StartIngest(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t, PublishGrant g);
  // Ends the ingest of `key_id` (hub, gate, log); closes its session unless it
  // is already closing.
  void EndIngest(int64_t key_id, const std::string& reason, bool close_session);
  void RecountViewers();

  boost::asio::io_context& io_;
  Options options_;
  IngestGate& gate_;
  SinkFactory sink_factory_;
  SecureRandom random_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer tick_;
  std::vector<uint8_t> scratch_;
  bool stopped_ = false;
  std::unordered_map<Connection*, std::shared_ptr<Connection>> connections_;
  std::unordered_map<int64_t, std::unique_ptr<Ingest>> ingests_;  // by stream key id
  std::unordered_map<std::string, int64_t> play_ids_;             // play id -> key id
  struct Pending {
    std::weak_ptr<RtmpSession> session;
    PublishTarget target;
  };
  std::vector<Pending> pending_;  // deferred takeover decisions
  std::atomic<size_t> n_connections_{0}, n_ingests_{0}, n_viewers_{0};
};

}  // namespace ffsb
