// An in-memory AppDirectory for the console's route tests.
#pragma once

#include <mutex>
#include <vector>

#include "server/console/app_directory.h"

namespace ffsb::console {

class FakeAppDirectory final : public AppDirectory {
 public:
  Result<std::vector<domain::App>> ListApps() override;
  Result<CreatedApp> CreateApp(const std::string& name) override;
  Result<domain::App> GetApp(domain::Id id) override;
  Result<domain::App> UpdateApp(domain::Id id, const AppSettingsPatch& patch) override;
  Result<std::vector<DeliveryView>> RecentDeliveries(domain::Id app_id, int limit) override;

  std::vector<DeliveryView> deliveries;

 private:
  std::mutex mu_;
  std::vector<domain::App> apps_;
};

}  // namespace ffsb::console
