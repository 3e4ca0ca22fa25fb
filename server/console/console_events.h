// Live updates for the console: the app's domain events (stream key, room and
// video post state changes) pushed to the open console pages over
// Server-Sent Events (GET /console/api/apps/{appId}/events), plus a short
// per-app history so a page opened later can still draw the recent
// transitions (GET /console/api/apps/{appId}/events/recent).
//
// The lead's event fan-out calls Publish() with the same {type, data} body
// the app's webhook gets (contract §8), e.g.
//   {"type":"STREAM_KEY_ACTIVE","data":{"streamKeyId":3,"streamKeyStreamKeyState":"ACTIVE"}}
// The console adds "sentAt". Never put a stream key string or a secret in it.
//
// Threading: Publish/Recent/Subscribe from any thread. The SSE sockets are
// served by the SseHub's own thread. Ownership: main() owns it (shared_ptr,
// handed to RegisterConsole through ConsoleConfig), Start() before serving.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <mutex>
#include <vector>

#include <nlohmann/json.hpp>

#include "server/base/clock.h"
#include "server/domain/entities.h"
#include "server/http/router.h"
#include "server/http/sse.h"

namespace ffsb::console {

class ConsoleEvents {
 public:
  static constexpr size_t kHistoryPerApp = 200;
  // SSE event name of every message; data is the JSON event.
  static constexpr const char* kEventName = "change";

  explicit ConsoleEvents(const Clock& clock);
  Status Start();
  void Stop();

  void Publish(domain::Id app_id, nlohmann::json event);
  // Oldest first, at most `limit` of the latest.
  std::vector<nlohmann::json> Recent(domain::Id app_id, size_t limit) const;
  // The takeover Response that subscribes the caller (already authorized).
  http::Response Subscribe(domain::Id app_id, const http::Request& req);

 private:
  const Clock& clock_;
  http::SseHub hub_;
  mutable std::mutex mu_;
  std::map<domain::Id, std::deque<nlohmann::json>> history_;  // guarded by mu_
};

}  // namespace ffsb::console
