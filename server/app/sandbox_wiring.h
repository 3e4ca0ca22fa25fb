// SandboxWiring: connects the sandbox control API (server/sandbox,
// docs/sandbox-api.md) to this server's parts when `--sandbox-api` is on.
//  - owns the FaultRegistry the hooks consult;
//  - implements SandboxActions with Control (reset, key lookups), the media
//    server (drop an ingest), the webhook dispatcher's FaultInjector and the
//    archive queue (FailNextArchive, when archiving is wired);
//  - installs the Router hooks (API-error injection before dispatch, the
//    deviation modes' rewriting after it);
//  - wraps an EventListener so deviation modes can suppress events.
//
// Threading: everything may be called from any thread. Ownership: borrows
// Control, MediaServer and WebhookDispatcher, which must outlive it; the
// router and the wrapped listeners must not outlive it.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "server/control/control.h"
#include "server/http/router.h"
#include "server/media/media_server.h"
#include "server/notify/webhook_dispatcher.h"
#include "server/sandbox/fault_registry.h"
#include "server/sandbox/sandbox_actions.h"

namespace ffsb::app {

class SandboxWiring final : public sandbox::SandboxActions {
 public:
  SandboxWiring(control::Control& control, MediaServer& media, notify::WebhookDispatcher& webhooks);
  ~SandboxWiring() override;

  sandbox::FaultRegistry& registry() { return registry_; }
  // Registers /_sandbox/ routes and the dispatch hooks on `router`.
  void Install(http::Router& router);
  // The archive queue's chaos hook; unset: archive faults answer SERVICE_UNAVAILABLE.
  void SetFailNextArchive(std::function<void()> fail) { fail_next_archive_ = std::move(fail); }
  // A listener that forwards to `inner` except events a deviation mode suppresses.
  control::EventListener* Filter(control::EventListener* inner);
  // For IngestBridge: how long to hold back the next "viewable" (0: none).
  int TakePublishDelayMs() { return registry_.TakePublishDelayMs(); }

  // sandbox::SandboxActions
  Result<nlohmann::json> Reset() override;
  Status DropIngest(std::optional<int64_t> stream_key_id, std::optional<std::string> app_user_id,
                    std::optional<int64_t> app_id) override;
  Status FailNextArchive() override;
  Status AddWebhookFault(const sandbox::WebhookFault& fault) override;
  void ClearWebhookFaults() override;
  nlohmann::json Capabilities() override;

 private:
  class FilteringListener;
  control::Control& control_;
  MediaServer& media_;
  notify::WebhookDispatcher& webhooks_;
  sandbox::FaultRegistry registry_;
  std::function<void()> fail_next_archive_;
  std::vector<std::unique_ptr<FilteringListener>> filters_;
};

}  // namespace ffsb::app
