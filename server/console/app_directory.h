// What the console needs from the control plane about apps: the operator's
// "my apps" list, app creation (the secret is answered once) and the app
// settings page. Everything inside an app goes through the server API's own
// handlers instead (console_api.h re-dispatches), so this stays small.
//
// RegisterConsole (console.h) adapts control::Control to it; tests use a fake.
//
// Thread-safety: implementations must be callable from any HTTP worker.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "server/base/status.h"
#include "server/domain/entities.h"

namespace ffsb::console {

struct CreatedApp {
  domain::App app;
  std::string api_secret;  // plaintext, shown once by the console, never stored
};

// Unset fields are left unchanged. An empty callback url turns webhooks off.
struct AppSettingsPatch {
  std::optional<std::string> name;
  std::optional<domain::OutputMode> default_output_mode;
  std::optional<std::string> callback_url;
  std::optional<std::string> callback_access_id;
  std::optional<std::string> callback_access_password;
};

// One webhook delivery, as the settings page lists it.
struct DeliveryView {
  domain::Id id = 0;
  std::string type;   // "STREAM_KEY_ACTIVE", ...
  std::string url;
  std::string state;  // PENDING, SUCCEEDED, FAILED
  int attempts = 0;
  int last_http_status = 0;
  std::string last_error;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

class AppDirectory {
 public:
  virtual ~AppDirectory() = default;
  virtual Result<std::vector<domain::App>> ListApps() = 0;
  virtual Result<CreatedApp> CreateApp(const std::string& name) = 0;
  // A missing or deleted app: API_NOT_FOUND.
  virtual Result<domain::App> GetApp(domain::Id id) = 0;
  virtual Result<domain::App> UpdateApp(domain::Id id, const AppSettingsPatch& patch) = 0;
  // Newest first, at most `limit`.
  virtual Result<std::vector<DeliveryView>> RecentDeliveries(domain::Id app_id, int limit) = 0;
};

}  // namespace ffsb::console
