// Notifications: turns the control plane's post-commit DomainEvents into
// what the outside sees (contract §8):
//  - the app's webhook (notify::WebhookDispatcher: Basic auth, signed, in
//    order per app, no retries);
//  - the member event source, GET /v2/members/me/event-sources (SSE): stream
//    key changes UNICAST to the key's owner, room changes BROADCAST (delivered
//    to the room owner's stream; channelId = the room id);
//  - the console's live updates.
// Only real transitions notify: an event whose state did not change (e.g. a
// room event for a vodState change) sends only what changed.
//
// Threading: OnEvent (any thread) queues to a SerialWorker, which reads the
// entity views (SQLite) and publishes, so the commit path never waits on it.
#pragma once

#include <string>

#include "server/app/serial_worker.h"
#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/random.h"
#include "server/control/control.h"
#include "server/http/api/api.h"
#include "server/http/router.h"
#include "server/http/sse.h"
#include "server/notify/webhook_dispatcher.h"

namespace ffsb::console {
class ConsoleEvents;
}

namespace ffsb::app {

class Notifications final : public control::EventListener {
 public:
  Notifications(control::Control& control, notify::WebhookDispatcher& webhooks, http::SseHub& member_sse,
                console::ConsoleEvents* console, const http::api::ApiConfig& api, const Clock& clock,
                Random& random);
  ~Notifications() override;  // drains queued notifications

  void OnEvent(const control::DomainEvent& event) override;

  // GET /v2/members/me/event-sources (Bearer access token).
  void RegisterRoutes(http::Router& router);

  static std::string MemberChannel(domain::Id member_id) { return "member:" + std::to_string(member_id); }

 private:
  void Deliver(const control::DomainEvent& e);
  void Webhook(const domain::App& app, const std::string& entity_key, const nlohmann::json& body);
  void Member(domain::Id member_id, const nlohmann::json& message);

  control::Control& control_;
  notify::WebhookDispatcher& webhooks_;
  http::SseHub& member_sse_;
  console::ConsoleEvents* console_;
  const http::api::ApiConfig& api_;
  const Clock& clock_;
  Random& random_;
  Logger log_{"notify"};
  SerialWorker worker_;  // last: joined first
};

}  // namespace ffsb::app
