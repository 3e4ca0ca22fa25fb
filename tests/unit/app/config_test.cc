#include "server/app/config.h"

#include <catch2/catch.hpp>

using ffsb::app::ParseServeConfig;

TEST_CASE("serve config: defaults") {
  auto c = ParseServeConfig({}, {});
  REQUIRE(c.ok());
  CHECK(c->data_dir == "./data");
  CHECK(c->http_port == 8080);
  CHECK(c->rtmp_port == 1935);
  CHECK(c->public_host == "localhost");
  CHECK_FALSE(c->app_key.has_value());
  CHECK_FALSE(c->sandbox_api);
}

TEST_CASE("serve config: flags beat environment, environment beats defaults") {
  auto c = ParseServeConfig({"--http-port", "9000", "--data-dir=/tmp/x"},
                            {{"FFSANDBOX_HTTP_PORT", "7000"}, {"FFSANDBOX_RTMP_PORT", "1940"},
                             {"FFSANDBOX_SANDBOX_API", "true"}});
  REQUIRE(c.ok());
  CHECK(c->http_port == 9000);
  CHECK(c->rtmp_port == 1940);
  CHECK(c->data_dir == "/tmp/x");
  CHECK(c->sandbox_api);
}

TEST_CASE("serve config: bad values are refused with the flag named") {
  auto bad_port = ParseServeConfig({"--http-port", "70000"}, {});
  REQUIRE_FALSE(bad_port.ok());
  CHECK(bad_port.status().message().find("--http-port") != std::string::npos);
  auto bad_env = ParseServeConfig({}, {{"FFSANDBOX_RTMP_PORT", "abc"}});
  REQUIRE_FALSE(bad_env.ok());
  CHECK(bad_env.status().message().find("FFSANDBOX_RTMP_PORT") != std::string::npos);
  CHECK_FALSE(ParseServeConfig({"--nope"}, {}).ok());
  CHECK_FALSE(ParseServeConfig({"--data-dir"}, {}).ok());
  CHECK_FALSE(ParseServeConfig({"--app-key", "k"}, {}).ok());  // secret missing
  CHECK_FALSE(ParseServeConfig({"--log-level", "loud"}, {}).ok());
}

TEST_CASE("serve config: switch flags take no value") {
  auto c = ParseServeConfig({"--sandbox-api", "--http-port", "0"}, {});
  REQUIRE(c.ok());
  CHECK(c->sandbox_api);
  CHECK(c->http_port == 0);
}
