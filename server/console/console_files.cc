#include "server/console/console_files.h"

#include <sys/stat.h>

#include <algorithm>

#include "server/http/static_file.h"

namespace ffsb::console {
namespace {

bool IsRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// No "..", ".", empty-string tricks, dot-files, backslashes or NULs.
bool CleanRelative(std::string_view rel) {
  if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) return false;
  if (!rel.empty() && rel.front() == '/') return false;
  size_t pos = 0;
  while (pos <= rel.size()) {
    size_t end = rel.find('/', pos);
    if (end == std::string_view::npos) end = rel.size();
    std::string_view seg = rel.substr(pos, end - pos);
    if (!seg.empty() && seg.front() == '.') return false;  // ".", "..", ".git", ...
    pos = end + 1;
  }
  return true;
}

std::optional<std::string> ResolveUnder(const std::string& root, std::string_view rel) {
  if (!CleanRelative(rel)) return std::nullopt;
  std::optional<std::string> path = http::SafeJoin(root, rel);
  if (!path || !IsRegularFile(*path)) return std::nullopt;
  return path;
}

}  // namespace

const std::vector<std::string_view>& VendorWhitelist() {
  static const std::vector<std::string_view> kFiles = {
      "hls.js/dist/hls.min.js",
      "dashjs/dist/modern/umd/dash.all.min.js",
      "mpegts.js/dist/mpegts.js",
      "swagger-ui-dist/swagger-ui-bundle.js",
      "swagger-ui-dist/swagger-ui-standalone-preset.js",
      "swagger-ui-dist/swagger-ui.css",
      "swagger-ui-dist/favicon-16x16.png",
      "swagger-ui-dist/favicon-32x32.png",
  };
  return kFiles;
}

std::optional<std::string> ResolveConsoleFile(const std::string& web_dir, std::string_view rel) {
  if (rel.empty()) rel = "index.html";
  return ResolveUnder(web_dir + "/console", rel);
}

std::optional<std::string> ResolveVendorFile(const std::string& web_dir, std::string_view rel) {
  const auto& list = VendorWhitelist();
  if (std::find(list.begin(), list.end(), rel) == list.end()) return std::nullopt;
  return ResolveUnder(web_dir + "/node_modules", rel);
}

std::optional<std::string> ResolveOpenApiPageFile(const std::string& web_dir, std::string_view rel) {
  if (rel.empty()) rel = "index.html";
  return ResolveUnder(web_dir + "/open-api", rel);
}

std::string_view ContentSecurityPolicy() {
  return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
         "media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; "
         "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
}

void AddSecurityHeaders(http::Response* resp) {
  resp->Header("Content-Security-Policy", std::string(ContentSecurityPolicy()));
  resp->Header("X-Content-Type-Options", "nosniff");
  resp->Header("Referrer-Policy", "no-referrer");
  resp->Header("X-Frame-Options", "DENY");
}

http::Response FileResponse(const std::optional<std::string>& path, std::string_view cache_control) {
  http::Response resp;
  if (!path) {
    resp = http::Error(ErrorCode::API_NOT_FOUND, "No such console file");
  } else {
    resp.content_type.clear();  // the extension decides
    resp.file_path = *path;
    resp.Header("Cache-Control", std::string(cache_control));
  }
  AddSecurityHeaders(&resp);
  return resp;
}

}  // namespace ffsb::console
