// SseHub: Server-Sent Events fan-out for the member event stream
// (GET /v2/members/me/event-sources, contract §8) and the console.
//
// A handler answers `return hub.Subscribe(channel_key, req);`. The returned
// Response takes the socket over (Response::takeover): the hub adopts the fd
// into its own io_context, writes "HTTP/1.1 200", Content-Type:
// text/event-stream, Cache-Control: no-cache (and Access-Control-Allow-Origin:
// * when Options::cors), then streams events. A comment line is sent every
// Options::heartbeat (15 s) so proxies and clients see the stream alive.
//
// Publish(channel, event, data) may be called from any thread; every
// subscriber of the channel gets "id: N\nevent: E\ndata: ...\n\n" (a
// multi-line data is split into several data: lines). Ids increase across the
// hub. Each channel keeps its last Options::replay_events events: a client
// reconnecting with Last-Event-ID gets the ones it missed (best effort).
//
// Slow subscribers: each has a bounded queue (Options::max_queued_events);
// when it is full the subscriber is dropped (socket closed) rather than
// letting memory grow. A client that closes its side is noticed by a pending
// read and removed.
//
// Threading: one internal thread runs the hub's io_context; each subscriber
// lives on its own strand. The takeover closure keeps the hub's state alive,
// so a late takeover after Stop() just closes the fd.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "server/base/status.h"
#include "server/http/router.h"

namespace ffsb::http {

class SseHub {
 public:
  struct Options {
    std::chrono::milliseconds heartbeat{15'000};
    size_t max_queued_events = 256;  // per subscriber, beyond it: dropped
    size_t replay_events = 100;      // per channel, for Last-Event-ID
    int retry_ms = 3000;             // "retry:" hint sent on connect
    bool cors = true;                // Access-Control-Allow-Origin: *
  };

  SseHub();
  explicit SseHub(Options options);
  ~SseHub();  // Stop()
  SseHub(const SseHub&) = delete;
  SseHub& operator=(const SseHub&) = delete;

  Status Start();
  // Closes every subscriber and joins the thread.
  void Stop();

  // The Response a handler returns to subscribe the caller to channel_key.
  // Reads Last-Event-ID from req.
  Response Subscribe(std::string channel_key, const Request& req);

  // Returns the event's id.
  uint64_t Publish(const std::string& channel_key, std::string_view event_name,
                   std::string_view data);

  size_t SubscriberCount(const std::string& channel_key) const;
  size_t TotalSubscribers() const;
  uint64_t dropped_slow_subscribers() const;

  struct Impl;

 private:
  std::shared_ptr<Impl> impl_;
};

// "id: 7\nevent: x\ndata: a\ndata: b\n\n" (exposed for tests).
std::string FormatSseEvent(uint64_t id, std::string_view event_name, std::string_view data);

}  // namespace ffsb::http
