#include "server/app/apps_cli.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "server/base/clock.h"
#include "server/base/random.h"
#include "server/control/control.h"
#include "server/store/sqlite/sqlite_store.h"

namespace ffsb::app {
namespace {

int Usage() {
  fputs("usage: ffsandbox apps create NAME [--data-dir D] | ffsandbox apps list [--data-dir D]\n", stderr);
  return 2;
}

}  // namespace

int RunAppsCommand(const std::vector<std::string>& in) {
  std::vector<std::string> args;
  const char* env_dir = getenv("FFSANDBOX_DATA_DIR");
  std::string data_dir = env_dir ? env_dir : "./data";
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] == "--data-dir" && i + 1 < in.size()) {
      data_dir = in[++i];
    } else if (in[i].rfind("--data-dir=", 0) == 0) {
      data_dir = in[i].substr(11);
    } else {
      args.push_back(in[i]);
    }
  }
  if (args.empty()) return Usage();
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  SystemClock clock;
  SecureRandom random;
  auto store = store::sqlite::SqliteStore::Open(data_dir + "/ffsandbox.db", clock);
  if (!store.ok()) {
    fprintf(stderr, "ffsandbox apps: cannot open %s/ffsandbox.db: %s\n", data_dir.c_str(),
            store.status().ToString().c_str());
    return 1;
  }
  control::Control control(**store, clock, random);
  if (args[0] == "create" && args.size() == 2) {
    auto created = control.CreateApp(args[1]);
    if (!created.ok()) {
      fprintf(stderr, "ffsandbox apps create: %s\n", created.status().ToString().c_str());
      return 1;
    }
    printf("app created: id=%lld name=%s\n", static_cast<long long>(created->app.id), created->app.name.c_str());
    printf("API key:    %s\n", created->app.api_key.c_str());
    printf("API secret: %s\n", created->secret.c_str());
    printf("(the secret is stored hashed and cannot be shown again)\n");
    return 0;
  }
  if (args[0] == "list" && args.size() == 1) {
    auto apps = control.ListApps();
    if (!apps.ok()) {
      fprintf(stderr, "ffsandbox apps list: %s\n", apps.status().ToString().c_str());
      return 1;
    }
    printf("%-6s %-8s %-24s %-12s %s\n", "ID", "STATE", "API KEY", "MODE", "NAME");
    for (const auto& a : *apps)
      printf("%-6lld %-8s %-24s %-12s %s\n", static_cast<long long>(a.id), std::string(domain::ToString(a.state)).c_str(),
             a.api_key.c_str(), std::string(domain::ToString(a.default_output_mode)).c_str(), a.name.c_str());
    return 0;
  }
  return Usage();
}

}  // namespace ffsb::app
