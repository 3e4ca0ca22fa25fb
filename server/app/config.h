// ServeConfig: every setting of `ffsandbox serve`, from flags, then FFSANDBOX_*
// environment variables, then defaults (a flag beats the environment). Pure:
// the environment is passed in, so tests need no setenv.
//
// Thread-safety: value type, built once in main().
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/base/status.h"

namespace ffsb::app {

struct ServeConfig {
  std::string data_dir = "./data";
  std::string bind = "0.0.0.0";
  int http_port = 8080;  // 0 = pick a free port (tests)
  int rtmp_port = 1935;
  std::string public_host;  // host put into handed-out URLs; default: "localhost"
  std::optional<std::string> app_key;     // seed the default app with fixed credentials
  std::optional<std::string> app_secret;
  int http_threads = 2;
  size_t max_body_bytes = 1 << 20;
  int stall_timeout_seconds = 10;
  int archive_workers = 1;
  bool sandbox_api = false;  // /_sandbox/ control API (reset, chaos faults)
  std::optional<std::string> operator_password;  // console sign-in
  std::string web_dir;  // console and vendor files; empty: the source tree's web/
  std::string log_level = "info";
  std::optional<std::string> log_file;
  std::optional<std::string> ready_file;  // write {"http":P,"rtmp":P} here once listening
};

struct FlagHelp {
  std::string flag;
  std::string env;
  std::string help;
};
const std::vector<FlagHelp>& ServeFlags();

// args: the arguments after "serve". env: name -> value.
Result<ServeConfig> ParseServeConfig(const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env);

std::string ServeUsage();

}  // namespace ffsb::app
