// The OpenAPI document and the Router must list the same (method, path)
// pairs, so neither can drift from the other.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <set>

#include "server/http/api/api.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/unit/store/temp_db.h"

namespace ffsb::http::api {
namespace {

TEST_CASE("every route is in the OpenAPI document and vice versa") {
  ffsb::testing::TempDir dir;
  FakeClock clock;
  SecureRandom random;
  auto store = store::sqlite::SqliteStore::Open(dir.File("db.sqlite"), clock);
  REQUIRE(store.ok());
  control::Control control(**store, clock, random);
  ApiConfig config;
  Router router;
  RegisterApi(router, control, config);

  std::set<std::pair<std::string, std::string>> routes;
  for (auto& [method, pattern] : router.Routes()) routes.emplace(method, pattern);

  auto doc = nlohmann::json::parse(OpenApiDocument());
  CHECK(doc["openapi"].get<std::string>().rfind("3.", 0) == 0);
  std::set<std::pair<std::string, std::string>> documented;
  for (auto& [path, ops] : doc["paths"].items())
    for (auto& [method, op] : ops.items()) {
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(toupper(c));
      documented.emplace(upper, path);
      CHECK(op.contains("responses"));
    }
  for (auto& r : routes) {
    INFO(r.first << " " << r.second);
    CHECK(documented.count(r) == 1);
  }
  for (auto& d : documented) {
    INFO(d.first << " " << d.second);
    CHECK(routes.count(d) == 1);
  }
  // The $refs all resolve.
  std::function<void(const nlohmann::json&)> walk = [&](const nlohmann::json& j) {
    if (j.is_object()) {
      if (auto it = j.find("$ref"); it != j.end()) {
        std::string name = it->get<std::string>().substr(std::string("#/components/schemas/").size());
        INFO(name);
        CHECK(doc["components"]["schemas"].contains(name));
      }
      for (auto& [k, v] : j.items()) walk(v);
    } else if (j.is_array()) {
      for (auto& v : j) walk(v);
    }
  };
  walk(doc);
}

}  // namespace
}  // namespace ffsb::http::api
