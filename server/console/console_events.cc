#include "server/console/console_events.h"

#include <string>

namespace ffsb::console {
namespace {

http::SseHub::Options HubOptions() {
  http::SseHub::Options o;
  o.cors = false;  // cookie-authenticated: same origin only
  return o;
}

std::string Channel(domain::Id app_id) { return "console-app:" + std::to_string(app_id); }

}  // namespace

ConsoleEvents::ConsoleEvents(const Clock& clock) : clock_(clock), hub_(HubOptions()) {}

Status ConsoleEvents::Start() { return hub_.Start(); }
void ConsoleEvents::Stop() { hub_.Stop(); }

void ConsoleEvents::Publish(domain::Id app_id, nlohmann::json event) {
  if (!event.is_object()) return;
  if (!event.contains("sentAt")) event["sentAt"] = FormatIso8601(clock_.Now());
  std::string data = event.dump();
  {
    std::lock_guard lock(mu_);
    auto& h = history_[app_id];
    h.push_back(std::move(event));
    while (h.size() > kHistoryPerApp) h.pop_front();
  }
  hub_.Publish(Channel(app_id), kEventName, data);
}

std::vector<nlohmann::json> ConsoleEvents::Recent(domain::Id app_id, size_t limit) const {
  std::lock_guard lock(mu_);
  auto it = history_.find(app_id);
  if (it == history_.end()) return {};
  const auto& h = it->second;
  size_t start = h.size() > limit ? h.size() - limit : 0;
  return {h.begin() + static_cast<std::ptrdiff_t>(start), h.end()};
}

http::Response ConsoleEvents::Subscribe(domain::Id app_id, const http::Request& req) {
  return hub_.Subscribe(Channel(app_id), req);
}

}  // namespace ffsb::console
