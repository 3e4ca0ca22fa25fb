#include "server/app/sandbox_wiring.h"

#include "server/base/log.h"
#include "server/sandbox/sandbox_routes.h"

namespace ffsb::app {
namespace {

constexpr int64_t kResetPage = 200;

bool IsSandboxPath(const std::string& path) { return path.rfind("/_sandbox/", 0) == 0; }

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

}  // namespace

// Deviation skip_active_live_prep: the key's ACTIVE_LIVE_PREP never reaches
// webhooks or member events.
class SandboxWiring::FilteringListener final : public control::EventListener {
 public:
  FilteringListener(sandbox::FaultRegistry& registry, control::EventListener* inner)
      : registry_(registry), inner_(inner) {}
  void OnEvent(const control::DomainEvent& e) override {
    if (e.kind == control::EventKind::STREAM_KEY && e.state == "ACTIVE_LIVE_PREP" &&
        registry_.Deviation(sandbox::kSkipActiveLivePrep))
      return;
    inner_->OnEvent(e);
  }

 private:
  sandbox::FaultRegistry& registry_;
  control::EventListener* inner_;
};

SandboxWiring::SandboxWiring(control::Control& control, MediaServer& media, notify::WebhookDispatcher& webhooks)
    : control_(control), media_(media), webhooks_(webhooks) {}

SandboxWiring::~SandboxWiring() = default;

control::EventListener* SandboxWiring::Filter(control::EventListener* inner) {
  filters_.push_back(std::make_unique<FilteringListener>(registry_, inner));
  return filters_.back().get();
}

void SandboxWiring::Install(http::Router& router) {
  sandbox::RegisterSandboxRoutes(router, registry_, *this);
  http::Router::Hooks hooks;
  hooks.before = [this](const http::Request& req) -> std::optional<http::Response> {
    if (IsSandboxPath(req.path)) return std::nullopt;
    auto e = registry_.MatchApi(req.method, req.path);
    if (!e) return std::nullopt;
    Logger("sandbox").Info("injected " + e->error_code + " for " + req.method + " " + req.path);
    return http::Json(e->status, {{"errorCode", e->error_code},
                                  {"errorMessage", "injected by the sandbox chaos API"}});
  };
  hooks.after = [this](const http::Request& req, http::Response& res) {
    if (IsSandboxPath(req.path) || res.content_type != "application/json") return;
    if (registry_.Deviation(sandbox::kSkipActiveLivePrep))
      ReplaceAll(res.body, "\"ACTIVE_LIVE_PREP\"", "\"INACTIVE_LIVE\"");
  };
  router.SetHooks(std::move(hooks));
}

Result<nlohmann::json> SandboxWiring::Reset() {
  auto apps = control_.ListApps();
  if (!apps.ok()) return apps.status();
  int64_t members = 0, rooms = 0;
  auto delete_rooms = [&](domain::Id app_id) -> Status {
    store::VideoRoomFilter filter;
    filter.app_id = app_id;
    store::PageRequest page;
    page.limit = kResetPage;
    for (;;) {
      auto list = control_.ListVideoRooms(filter, page);
      if (!list.ok()) return list.status();
      int64_t deleted = 0;
      for (const auto& v : list->items)
        if (control_.DeleteVideoRoom(app_id, control::Caller{domain::CreatorType::APP, app_id, std::nullopt},
                                     v.room.id)
                .ok())
          ++deleted;
      rooms += deleted;
      // Undeletable rooms (still live) stay; page past them.
      if (static_cast<int64_t>(list->items.size()) < page.limit) return Status::Ok();
      page.offset += page.limit - deleted;
    }
  };
  for (const domain::App& app : *apps) {
    if (Status s = delete_rooms(app.id); !s.ok()) return s;
    store::MemberFilter filter;
    filter.app_id = app.id;
    store::PageRequest page;
    page.limit = kResetPage;
    for (;;) {
      auto list = control_.ListMembers(filter, page);
      if (!list.ok()) return list.status();
      if (list->items.empty()) break;
      std::vector<std::string> ids;
      for (const auto& m : list->items) ids.push_back(m.member.app_user_id);
      // Deleting a broadcasting member force-terminates its ingest first.
      if (Status s = control_.DeleteMembers(app.id, ids); !s.ok()) return s;
      members += static_cast<int64_t>(ids.size());
    }
    if (Status s = delete_rooms(app.id); !s.ok()) return s;
  }
  return nlohmann::json{{"deletedMembers", members}, {"deletedVideoRooms", rooms}, {"apps", apps->size()}};
}

Status SandboxWiring::DropIngest(std::optional<int64_t> stream_key_id, std::optional<std::string> app_user_id,
                                 std::optional<int64_t> app_id) {
  if (!stream_key_id) {
    auto apps = control_.ListApps();
    if (!apps.ok()) return apps.status();
    for (const domain::App& app : *apps) {
      if (app_id && app.id != *app_id) continue;
      if (auto key = control_.GetMemberStreamKey(app.id, *app_user_id); key.ok()) {
        stream_key_id = key->key.id;
        break;
      }
    }
    if (!stream_key_id) return Status(ErrorCode::MEMBER_NOT_FOUND, "no member " + *app_user_id);
  }
  Logger("sandbox").Info("dropping the ingest of key id " + std::to_string(*stream_key_id));
  media_.DropIngest(*stream_key_id);
  return Status::Ok();
}

Status SandboxWiring::FailNextArchive() {
  if (!fail_next_archive_) return Status(ErrorCode::SERVICE_UNAVAILABLE, "archiving is not wired in this server");
  fail_next_archive_();
  return Status::Ok();
}

Status SandboxWiring::AddWebhookFault(const sandbox::WebhookFault& f) {
  notify::FaultSpec spec;
  spec.kind = f.fail ? notify::FaultSpec::Kind::kFail : notify::FaultSpec::Kind::kDelay;
  spec.app_id = f.app_id;
  spec.count = f.count;
  spec.duration = static_cast<Micros>(f.duration_ms) * 1000;
  spec.delay_ms = f.delay_ms;
  if (!webhooks_.faults().Add(spec))
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "a webhook fault needs count or durationMs");
  return Status::Ok();
}

void SandboxWiring::ClearWebhookFaults() { webhooks_.faults().Clear(); }

nlohmann::json SandboxWiring::Capabilities() {
  return {{"archiving", static_cast<bool>(fail_next_archive_)},
          {"activeWebhookFaults", webhooks_.faults().ActiveCount()}};
}

}  // namespace ffsb::app
