#include "server/media/http_flv_viewer.h"

#include <string_view>

#include "server/base/log.h"
#include "server/protocol/flv.h"

namespace ffsb {
namespace {
const Logger kLog("httpflv");
std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }
}  // namespace

HttpFlvViewer::HttpFlvViewer(tcp::socket socket, MediaHost* host)
    : Connection(std::move(socket)), host_(host), policy_(host->options().viewer_queue_bytes) {}

void HttpFlvViewer::Start(std::shared_ptr<StreamHub> hub) {
  if (!hub) {
    PushOwned(Bytes("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n"
                    "Access-Control-Allow-Origin: *\r\nContent-Length: 17\r\n"
                    "Connection: close\r\n\r\nstream not found\n"));
    CloseAfterFlush();
    return;
  }
  std::vector<uint8_t> head = Bytes(
      "HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nAccess-Control-Allow-Origin: *\r\n"
      "Cache-Control: no-cache\r\nConnection: close\r\n\r\n");
  WriteFlvHeader(true, true, &head);
  PushOwned(std::move(head));
  hub_ = hub;
  hub->AddSubscriber(std::static_pointer_cast<HttpFlvViewer>(shared_from_this()));
  WaitReadable();
}

void HttpFlvViewer::Deliver(const FramePtr& f) {
  if (closed()) return;
  switch (policy_.Admit(*f, queued_bytes(), host_->NowUs())) {
    case ViewerPolicy::Action::kSkip:
      return;
    case ViewerPolicy::Action::kDisconnect:
      kLog.Info("viewer " + remote() + " too slow, disconnecting");
      Close();
      return;
    case ViewerPolicy::Action::kDropQueuedThenSkip:
      DropQueued();
      return;
    case ViewerPolicy::Action::kDropQueuedThenEnqueue:
      DropQueued();
      break;
    case ViewerPolicy::Action::kEnqueue:
      break;
  }
  bool droppable = !f->sequence_header;
  const auto& h = f->FlvHeader();
  const auto& t = f->FlvTrailer();
  PushShared(f, h.data(), h.size(), droppable);
  PushShared(f, f->body.data(), f->body.size(), droppable, true);
  PushShared(f, t.data(), t.size(), droppable, true);
}

void HttpFlvViewer::FlushOut() { Flush(); }

void HttpFlvViewer::StreamEnded() {
  hub_.reset();
  CloseAfterFlush();
}

void HttpFlvViewer::OnReadable() {
  // The request was read by the HTTP server; anything more is ignored until EOF.
  for (;;) {
    long n = ReadSome(host_->scratch(), host_->scratch_size());
    if (n < 0) return;
    if (n == 0) break;
  }
  WaitReadable();
}

void HttpFlvViewer::OnClosed() {
  if (hub_) hub_->RemoveSubscriber(this);
  hub_.reset();
  host_->ConnectionClosed(this);
}

}  // namespace ffsb
