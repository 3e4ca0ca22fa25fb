// RegisterConsole over the real control plane: an AppDirectory adapter for
// control::Control. Compiled only when the control layer exists (see
// CMakeLists.txt).
#include "server/console/console.h"
#include "server/control/control.h"

namespace ffsb::console {
namespace {

class ControlAppDirectory final : public AppDirectory {
 public:
  explicit ControlAppDirectory(control::Control& control) : control_(control) {}

  Result<std::vector<domain::App>> ListApps() override { return control_.ListApps(); }

  Result<CreatedApp> CreateApp(const std::string& name) override {
    Result<control::CreatedApp> created = control_.CreateApp(name);
    if (!created.ok()) return created.status();
    return CreatedApp{created->app, created->secret};
  }

  Result<domain::App> GetApp(domain::Id id) override { return control_.GetApp(id); }

  Result<domain::App> UpdateApp(domain::Id id, const AppSettingsPatch& patch) override {
    if (patch.name) {
      Result<domain::App> current = control_.GetApp(id);
      if (!current.ok()) return current.status();
      if (*patch.name != current->name)
        return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "Renaming an app is not supported yet");
    }
    control::AppSettingsPatch p;
    p.default_output_mode = patch.default_output_mode;
    if (patch.callback_url) p.callback_url = std::optional<std::string>(*patch.callback_url);
    if (patch.callback_access_id) p.callback_access_id = std::optional<std::string>(*patch.callback_access_id);
    if (patch.callback_access_password)
      p.callback_access_password = std::optional<std::string>(*patch.callback_access_password);
    return control_.UpdateApp(id, p);
  }

  // The control plane has no per-app delivery listing yet: an empty list.
  Result<std::vector<DeliveryView>> RecentDeliveries(domain::Id, int) override {
    return std::vector<DeliveryView>{};
  }

 private:
  control::Control& control_;
};

}  // namespace

void RegisterConsole(http::Router& router, control::Control& control, const ConsoleConfig& config) {
  RegisterConsoleWithDirectory(router, std::make_shared<ControlAppDirectory>(control), config);
}

}  // namespace ffsb::console
