// An HTTP-FLV viewer on a TCP connection adopted from the HTTP server after
// it read "GET /live/{playId}.flv". Writes the response head, the FLV header,
// then tags (header/body/trailer gathered; bodies shared with every viewer).
// See docs/flv.md.
//
// Media loop thread only. Ownership as Connection.
#pragma once

#include "server/media/connection.h"
#include "server/media/media_host.h"
#include "server/media/stream_hub.h"
#include "server/media/viewer_policy.h"

namespace ffsb {

class HttpFlvViewer : public Connection, public Subscriber {
 public:
  HttpFlvViewer(tcp::socket socket, MediaHost* host);
  // Starts streaming `hub` (nullptr: answers 404 and closes).
  void Start(std::shared_ptr<StreamHub> hub);

  void Deliver(const FramePtr& frame) override;
  void FlushOut() override;
  void StreamEnded() override;

 private:
  void OnReadable() override;
  void OnClosed() override;
  MediaHost* host_;
  std::shared_ptr<StreamHub> hub_;
  ViewerPolicy policy_;
};

}  // namespace ffsb
