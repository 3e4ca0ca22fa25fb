// Value types of the webhook dispatcher: where to deliver, and what became
// of one delivery (kept in a per-app ring and handed to the observer).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <string>

#include "server/base/clock.h"

namespace ffsb::notify {

// An app's callback (contract §1). access_password is a secret: it signs and
// authenticates deliveries and never appears in a log line or a record.
struct CallbackConfig {
  std::string url;
  std::string access_id;
  std::string access_password;
};

struct DeliveryRecord {
  std::string id;          // FlipFlop-Delivery-Id (uuid)
  int64_t app_id = 0;
  std::string event_type;  // "VIDEO_ROOM_LIVE"
  std::string entity_key;  // "VIDEO_ROOM:12"
  std::string url;
  int http_status = 0;     // 0: no HTTP response (see error)
  std::string error;       // empty when a response was read; else "timeout",
                           // "connect timeout", "http error: Connection" (httplib's
                           // name), "injected fault", "dropped: queue full",
                           // "dropped: dispatcher stopped"
  int64_t duration_ms = 0;
  Micros at = 0;           // wall time the attempt started (or the drop)

  bool ok() const { return error.empty() && http_status >= 200 && http_status < 300; }
};

}  // namespace ffsb::notify
