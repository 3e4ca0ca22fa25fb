#include "fake_app_directory.h"

namespace ffsb::console {

Result<std::vector<domain::App>> FakeAppDirectory::ListApps() {
  std::lock_guard lock(mu_);
  return apps_;
}

Result<CreatedApp> FakeAppDirectory::CreateApp(const std::string& name) {
  std::lock_guard lock(mu_);
  domain::App a;
  a.id = static_cast<domain::Id>(apps_.size()) + 1;
  a.name = name;
  a.api_key = "key" + std::to_string(a.id);
  a.api_secret_hash = "hash";
  apps_.push_back(a);
  return CreatedApp{a, "secret" + std::to_string(a.id)};
}

Result<domain::App> FakeAppDirectory::GetApp(domain::Id id) {
  std::lock_guard lock(mu_);
  for (const auto& a : apps_)
    if (a.id == id) return a;
  return Status(ErrorCode::API_NOT_FOUND, "no app");
}

Result<domain::App> FakeAppDirectory::UpdateApp(domain::Id id, const AppSettingsPatch& p) {
  std::lock_guard lock(mu_);
  for (auto& a : apps_) {
    if (a.id != id) continue;
    if (p.name) a.name = *p.name;
    if (p.default_output_mode) a.default_output_mode = *p.default_output_mode;
    if (p.callback_url) a.callback.url = *p.callback_url;
    if (p.callback_access_id) a.callback.access_id = *p.callback_access_id;
    if (p.callback_access_password) a.callback.access_password = *p.callback_access_password;
    return a;
  }
  return Status(ErrorCode::API_NOT_FOUND, "no app");
}

Result<std::vector<DeliveryView>> FakeAppDirectory::RecentDeliveries(domain::Id, int) { return deliveries; }

}  // namespace ffsb::console
