#include "emulator/api/api_client.h"

#include <httplib.h>

namespace ffsb::emu {
namespace {
std::string Base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], k[v & 63]};
  }
  if (i + 1 == in.size()) {
    uint32_t v = uint8_t(in[i]) << 16;
    out += {k[v >> 18], k[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == in.size()) {
    uint32_t v = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8);
    out += {k[v >> 18], k[(v >> 12) & 63], k[(v >> 6) & 63], '='};
  }
  return out;
}

std::string TrimSlash(std::string s) {
  while (!s.empty() && s.back() == '/') s.pop_back();
  return s;
}
}  // namespace

std::string UrlEncode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string o;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      o += static_cast<char>(c);
    } else {
      o += '%';
      o += hex[c >> 4];
      o += hex[c & 15];
    }
  }
  return o;
}

std::string ApiResponse::Describe() const {
  std::string s = std::to_string(status);
  if (!error_code.empty()) s += " " + error_code;
  if (!error_message.empty()) s += ": " + error_message;
  return s;
}

ApiClient::ApiClient(std::string base_url, std::string authorization)
    : base_url_(TrimSlash(std::move(base_url))), authorization_(std::move(authorization)) {}

ApiClient ApiClient::ForApp(std::string base_url, const std::string& app_key, const std::string& app_secret) {
  return ApiClient(std::move(base_url), "Basic " + Base64(app_key + ":" + app_secret));
}

ApiClient ApiClient::ForMember(std::string base_url, const std::string& access_token) {
  return ApiClient(std::move(base_url), "Bearer " + access_token);
}

ApiResponse ApiClient::Request(const std::string& method, const std::string& path, const Json& body,
                               const Query& query) const {
  ApiResponse out;
  httplib::Client cli(base_url_);
  cli.set_connection_timeout(timeout_s_);
  cli.set_read_timeout(timeout_s_);
  cli.set_write_timeout(timeout_s_);
  httplib::Request req;
  req.method = method;
  req.path = path;
  char sep = path.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [k, v] : query) {
    req.path += sep + UrlEncode(k) + "=" + UrlEncode(v);
    sep = '&';
  }
  req.headers.emplace("Authorization", authorization_);
  req.headers.emplace("Accept", "application/json");
  if (!body.is_null()) {
    req.body = body.dump();
    req.headers.emplace("Content-Type", "application/json");
  }
  auto res = cli.send(req);
  if (!res) {
    out.error_code = "CONNECTION_FAILED";
    out.error_message = base_url_ + ": " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  if (!res->body.empty()) {
    out.body = Json::parse(res->body, nullptr, /*allow_exceptions=*/false);
    if (out.body.is_discarded()) out.body = res->body;
  }
  if (!out.ok()) {
    if (out.body.is_object()) {
      auto str = [&](const char* k) {
        auto it = out.body.find(k);
        return it != out.body.end() && it->is_string() ? it->get<std::string>() : std::string();
      };
      out.error_code = str("errorCode");
      out.error_message = str("errorMessage");
    }
    if (out.error_code.empty()) out.error_code = "HTTP_" + std::to_string(out.status);
  }
  return out;
}

}  // namespace ffsb::emu
