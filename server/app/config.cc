#include "server/app/config.h"

#include <charconv>
#include <functional>

namespace ffsb::app {
namespace {

using Setter = std::function<Status(ServeConfig&, const std::string&)>;

struct Option {
  FlagHelp help;
  bool is_switch;  // takes no value on the command line
  Setter set;
};

Status ParseInt(const std::string& name, const std::string& v, int lo, int hi, int* out) {
  int x = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  if (ec != std::errc() || p != v.data() + v.size() || x < lo || x > hi)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER,
                  name + " must be an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "], got '" + v + "'");
  *out = x;
  return Status::Ok();
}

Status ParseBool(const std::string& name, const std::string& v, bool* out) {
  if (v == "1" || v == "true" || v == "yes" || v == "on") return (*out = true), Status::Ok();
  if (v == "0" || v == "false" || v == "no" || v == "off") return (*out = false), Status::Ok();
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER, name + " must be true or false, got '" + v + "'");
}

Setter Str(std::string ServeConfig::*field) {
  return [field](ServeConfig& c, const std::string& v) { return (c.*field = v), Status::Ok(); };
}
Setter OptStr(std::optional<std::string> ServeConfig::*field) {
  return [field](ServeConfig& c, const std::string& v) { return (c.*field = v), Status::Ok(); };
}
Setter Int(const char* name, int ServeConfig::*field, int lo, int hi) {
  return [=](ServeConfig& c, const std::string& v) { return ParseInt(name, v, lo, hi, &(c.*field)); };
}

const std::vector<Option>& Options() {
  static const std::vector<Option> opts = {
      {{"--data-dir", "FFSANDBOX_DATA_DIR", "where the database, recordings and outputs live (./data)"}, false,
       Str(&ServeConfig::data_dir)},
      {{"--bind", "FFSANDBOX_BIND", "address to listen on (0.0.0.0)"}, false, Str(&ServeConfig::bind)},
      {{"--http-port", "FFSANDBOX_HTTP_PORT", "API, HTTP-FLV, HLS, DASH, console (8080; 0 = any free port)"}, false,
       Int("--http-port", &ServeConfig::http_port, 0, 65535)},
      {{"--rtmp-port", "FFSANDBOX_RTMP_PORT", "RTMP ingest and playback (1935; 0 = any free port)"}, false,
       Int("--rtmp-port", &ServeConfig::rtmp_port, 0, 65535)},
      {{"--public-host", "FFSANDBOX_PUBLIC_HOST", "host put into the URLs the API hands out (localhost)"}, false,
       Str(&ServeConfig::public_host)},
      {{"--app-key", "FFSANDBOX_APP_KEY", "seed the default app with this API key (CI, SDK tests)"}, false,
       OptStr(&ServeConfig::app_key)},
      {{"--app-secret", "FFSANDBOX_APP_SECRET", "... and this API secret"}, false, OptStr(&ServeConfig::app_secret)},
      {{"--http-threads", "FFSANDBOX_HTTP_THREADS", "API worker threads (2)"}, false,
       Int("--http-threads", &ServeConfig::http_threads, 1, 64)},
      {{"--max-body-bytes", "FFSANDBOX_MAX_BODY_BYTES", "largest API request body (1048576)"}, false,
       [](ServeConfig& c, const std::string& v) {
         int x = 0;
         Status s = ParseInt("--max-body-bytes", v, 1024, 1 << 30, &x);
         if (s.ok()) c.max_body_bytes = static_cast<size_t>(x);
         return s;
       }},
      {{"--stall-timeout", "FFSANDBOX_STALL_TIMEOUT", "seconds without media before an ingest counts as stopped (10)"},
       false, Int("--stall-timeout", &ServeConfig::stall_timeout_seconds, 1, 3600)},
      {{"--archive-workers", "FFSANDBOX_ARCHIVE_WORKERS", "VOD archive jobs run at once (1)"}, false,
       Int("--archive-workers", &ServeConfig::archive_workers, 1, 16)},
      {{"--sandbox-api", "FFSANDBOX_SANDBOX_API", "enable the /_sandbox/ control API (reset, chaos faults)"}, true,
       [](ServeConfig& c, const std::string& v) { return ParseBool("--sandbox-api", v, &c.sandbox_api); }},
      {{"--operator-password", "FFSANDBOX_OPERATOR_PASSWORD", "console operator password (else generated, printed once)"},
       false, OptStr(&ServeConfig::operator_password)},
      {{"--web-dir", "FFSANDBOX_WEB_DIR", "console files and their npm packages (the source tree's web/)"}, false,
       Str(&ServeConfig::web_dir)},
      {{"--log-level", "FFSANDBOX_LOG_LEVEL", "debug, info, warn, error (info)"}, false,
       [](ServeConfig& c, const std::string& v) {
         if (v != "debug" && v != "info" && v != "warn" && v != "error")
           return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "--log-level must be debug, info, warn or error");
         c.log_level = v;
         return Status::Ok();
       }},
      {{"--log-file", "FFSANDBOX_LOG_FILE", "also append log lines to this file"}, false,
       OptStr(&ServeConfig::log_file)},
      {{"--ready-file", "FFSANDBOX_READY_FILE", "write the bound ports as JSON here once listening"}, false,
       OptStr(&ServeConfig::ready_file)},
  };
  return opts;
}

}  // namespace

const std::vector<FlagHelp>& ServeFlags() {
  static const std::vector<FlagHelp> flags = [] {
    std::vector<FlagHelp> f;
    for (const auto& o : Options()) f.push_back(o.help);
    return f;
  }();
  return flags;
}

std::string ServeUsage() {
  std::string s = "usage: ffsandbox serve [options]\n\noptions (each also from its environment variable):\n";
  for (const auto& f : ServeFlags()) {
    std::string left = "  " + f.flag + " / " + f.env;
    if (left.size() < 52) left.resize(52, ' ');
    s += left + " " + f.help + "\n";
  }
  return s;
}

Result<ServeConfig> ParseServeConfig(const std::vector<std::string>& args,
                                     const std::map<std::string, std::string>& env) {
  ServeConfig c;
  for (const auto& o : Options()) {
    auto it = env.find(o.help.env);
    if (it == env.end()) continue;
    Status s = o.set(c, it->second);
    if (!s.ok()) return Status(s.code(), o.help.env + ": " + s.message());
  }
  for (size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i], value;
    bool has_inline = false;
    if (auto eq = flag.find('='); eq != std::string::npos && flag.rfind("--", 0) == 0) {
      value = flag.substr(eq + 1);
      flag = flag.substr(0, eq);
      has_inline = true;
    }
    const Option* opt = nullptr;
    for (const auto& o : Options())
      if (o.help.flag == flag) opt = &o;
    if (!opt) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "unknown option '" + flag + "'");
    if (!has_inline) {
      if (opt->is_switch) {
        value = "true";
      } else {
        if (i + 1 >= args.size()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, flag + " needs a value");
        value = args[++i];
      }
    }
    Status s = opt->set(c, value);
    if (!s.ok()) return s;
  }
  if (c.app_key.has_value() != c.app_secret.has_value())
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "--app-key and --app-secret go together");
  if (c.app_secret && c.app_secret->size() < 8)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "--app-secret must be at least 8 characters");
  if (c.public_host.empty()) c.public_host = "localhost";
  return c;
}

}  // namespace ffsb::app
