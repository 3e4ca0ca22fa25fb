#include "server/app/seed.h"

#include <cstdio>

namespace ffsb::app {

bool SeedDefaultApp(control::Control& control, const ServeConfig& config) {
  auto apps = control.ListApps();
  if (!apps.ok()) {
    fprintf(stderr, "ffsandbox: cannot read apps: %s\n", apps.status().ToString().c_str());
    return false;
  }
  if (config.app_key) {
    for (const auto& a : *apps) {
      if (a.api_key != *config.app_key) continue;
      auto ok = control.Authenticate(*config.app_key, *config.app_secret);
      if (!ok.ok()) {
        fprintf(stderr, "ffsandbox: an app with API key %s exists with a different secret; refusing to start\n",
                config.app_key->c_str());
        return false;
      }
      return true;
    }
    auto created = control.CreateApp("default", *config.app_key, *config.app_secret);
    if (!created.ok()) {
      fprintf(stderr, "ffsandbox: cannot create the default app: %s\n", created.status().ToString().c_str());
      return false;
    }
    return true;
  }
  if (!apps->empty()) return true;
  auto created = control.CreateApp("default");
  if (!created.ok()) {
    fprintf(stderr, "ffsandbox: cannot create the default app: %s\n", created.status().ToString().c_str());
    return false;
  }
  printf("created the default app (shown once; the secret is stored hashed):\n  API key:    %s\n  API secret: %s\n",
         created->app.api_key.c_str(), created->secret.c_str());
  fflush(stdout);
  return true;
}

}  // namespace ffsb::app
