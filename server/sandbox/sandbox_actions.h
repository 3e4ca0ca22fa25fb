// SandboxActions: what the /_sandbox/ routes ask of the rest of the server,
// implemented by the app's wiring (server/app/sandbox_wiring.cc), so this
// library depends only on http and base.
//
// Threading: called from HTTP worker threads; implementations are thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/base/status.h"

namespace ffsb::sandbox {

struct WebhookFault {
  bool fail = true;                // false: delay
  int delay_ms = 0;
  int count = 0;                   // next N deliveries (0: no count limit)
  int duration_ms = 0;             // for this long (0: no time limit)
  std::optional<int64_t> app_id;   // nullopt: every app
};

class SandboxActions {
 public:
  virtual ~SandboxActions() = default;
  // Empties all data but the apps and system profiles; answers counts of what went.
  virtual Result<nlohmann::json> Reset() = 0;
  // Drops the running ingest of a key (by id) or of a member (appUserId in
  // app_id, or in any app when app_id is absent). STREAM_KEY_NOT_FOUND /
  // MEMBER_NOT_FOUND when unknown.
  virtual Status DropIngest(std::optional<int64_t> stream_key_id, std::optional<std::string> app_user_id,
                            std::optional<int64_t> app_id) = 0;
  // SERVICE_UNAVAILABLE when archiving is not wired.
  virtual Status FailNextArchive() = 0;
  virtual Status AddWebhookFault(const WebhookFault& fault) = 0;
  virtual void ClearWebhookFaults() = 0;
  // {"archiving": bool, ...}: what this server can inject.
  virtual nlohmann::json Capabilities() = 0;
};

}  // namespace ffsb::sandbox
