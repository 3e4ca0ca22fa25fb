// IngestBridge: the app's implementation of the two seams between the media
// plane and the control plane.
//  - media -> control (IngestGate): authorize a publish, report viewable /
//    ended / stats. Calls go straight into Control on the media loop thread:
//    they are rare, short SQLite transactions, and running them in line keeps
//    them ordered (an old ingest's Ended always commits before a takeover's
//    Authorize).
//  - control -> media (IngestDropper): force-terminate closes the ingest.
// It also remembers each running ingest's grant (profile, room) for the sink
// factory, and offers ViewableFromWorker() for the CMAF pipeline, whose
// worker thread learns "viewable" off the loop.
//
// Threading: IngestGate methods on the media loop; DropIngest and
// ViewableFromWorker from any thread (they post to the loop).
// Ownership: borrows Control, the io_context and the MediaServer (set once
// with SetMediaServer before the loop runs).
#pragma once

#include <boost/asio/io_context.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>

#include "server/base/log.h"
#include "server/control/control.h"
#include "server/media/ingest_gate.h"

namespace ffsb {
class MediaServer;
}

namespace ffsb::app {

class IngestBridge final : public IngestGate, public control::IngestDropper {
 public:
  IngestBridge(control::Control& control, boost::asio::io_context& media_io);
  void SetMediaServer(MediaServer* media) { media_ = media; }
  // Sandbox chaos hook (--sandbox-api): ms to hold back the next "viewable".
  void SetViewableDelay(std::function<int()> delay_ms) { viewable_delay_ms_ = std::move(delay_ms); }

  // IngestGate (media loop).
  Result<PublishGrant> Authorize(const PublishRequest& request) override;
  void Viewable(int64_t stream_key_id) override;
  void Ended(int64_t stream_key_id, std::string_view reason) override;
  void Stats(int64_t stream_key_id, const IngestStats& stats) override;

  // IngestDropper (any thread).
  void DropIngest(domain::Id stream_key_id) override;

  // The control grant of the running ingest of a key (media loop only).
  const control::IngestGrant* Grant(int64_t stream_key_id) const;
  // The serial of the running ingest of a key; 0 when none (media loop only).
  uint64_t Serial(int64_t stream_key_id) const;
  // From a CMAF worker thread: the ingest `serial` of `key` became viewable.
  // Ignored if that ingest has ended meanwhile.
  void ViewableFromWorker(int64_t stream_key_id, uint64_t serial);
  // From a CMAF worker thread: the ingest cannot be handled (key.error).
  void ErrorFromWorker(int64_t stream_key_id, uint64_t serial, std::string code, std::string message);

 private:
  struct Running {
    control::IngestGrant grant;
    uint64_t serial = 0;
    std::shared_ptr<void> viewable_delay;  // sandbox: a pending steady_timer, cancelled with the ingest
  };
  control::Control& control_;
  boost::asio::io_context& io_;
  MediaServer* media_ = nullptr;
  std::map<int64_t, Running> running_;  // media loop only
  uint64_t next_serial_ = 1;
  std::function<int()> viewable_delay_ms_;
  // Media loop: true when the sandbox delays this viewable (it then applies later).
  bool DelayViewable(int64_t stream_key_id, uint64_t serial);
  Logger log_{"ingest"};
};

}  // namespace ffsb::app
