// One webhook POST attempt over httplib, no retries, no redirects, no
// keep-alive (a fresh connection per delivery, as most webhook senders do).
// The timeout bounds the connect, and each read and write: a receiver that
// accepts but never answers is cut after `timeout`.
//
// Thread-safety: reentrant; each call uses its own client.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "server/base/clock.h"
#include "server/notify/callback_url.h"

namespace ffsb::notify {

struct PostOutcome {
  int http_status = 0;  // 0 when no response was read
  std::string error;    // empty when a response was read; see DeliveryRecord::error
};

using HeaderList = std::vector<std::pair<std::string, std::string>>;

PostOutcome PostJson(const CallbackUrl& url, const HeaderList& headers, const std::string& body, Micros timeout);

}  // namespace ffsb::notify
