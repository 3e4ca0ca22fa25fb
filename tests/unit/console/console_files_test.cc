// Static console files: the vendor whitelist and refused path traversal.
#include "server/console/console_files.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "server/base/random.h"

namespace ffsb::console {
namespace {

namespace fs = std::filesystem;

struct WebDir {
  WebDir() {
    SecureRandom r;
    root = (fs::temp_directory_path() / ("ffsb-web-" + r.Hex(8))).string();
    for (const char* f : {"console/index.html", "console/js/main.js", "console/.hidden", "open-api/index.html",
                          "node_modules/hls.js/dist/hls.min.js", "node_modules/hls.js/package.json",
                          "node_modules/dashjs/dist/modern/umd/dash.all.min.js", "secret.txt"}) {
      fs::path p = fs::path(root) / f;
      fs::create_directories(p.parent_path());
      std::ofstream(p) << "x";
    }
  }
  ~WebDir() { fs::remove_all(root); }
  std::string root;
};

TEST_CASE("console files resolve inside web/console only", "[console][files]") {
  WebDir w;
  CHECK(ResolveConsoleFile(w.root, "") == w.root + "/console/index.html");
  CHECK(ResolveConsoleFile(w.root, "js/main.js") == w.root + "/console/js/main.js");
  CHECK_FALSE(ResolveConsoleFile(w.root, "js"));            // a directory
  CHECK_FALSE(ResolveConsoleFile(w.root, "missing.js"));
  CHECK_FALSE(ResolveConsoleFile(w.root, "../secret.txt"));
  CHECK_FALSE(ResolveConsoleFile(w.root, "js/../../secret.txt"));
  CHECK_FALSE(ResolveConsoleFile(w.root, "/etc/passwd"));
  CHECK_FALSE(ResolveConsoleFile(w.root, ".hidden"));
  CHECK_FALSE(ResolveConsoleFile(w.root, std::string_view("index.html\0x", 12)));
  CHECK_FALSE(ResolveConsoleFile(w.root, "..\\secret.txt"));
  CHECK(ResolveOpenApiPageFile(w.root, "") == w.root + "/open-api/index.html");
  CHECK_FALSE(ResolveOpenApiPageFile(w.root, "../secret.txt"));
}

TEST_CASE("vendor files: only the whitelist", "[console][files]") {
  WebDir w;
  CHECK(ResolveVendorFile(w.root, "hls.js/dist/hls.min.js") == w.root + "/node_modules/hls.js/dist/hls.min.js");
  CHECK(ResolveVendorFile(w.root, "dashjs/dist/modern/umd/dash.all.min.js"));
  CHECK_FALSE(ResolveVendorFile(w.root, "hls.js/package.json"));  // exists, not whitelisted
  CHECK_FALSE(ResolveVendorFile(w.root, "mpegts.js/dist/mpegts.js"));  // whitelisted, not installed
  CHECK_FALSE(ResolveVendorFile(w.root, "hls.js/dist/../package.json"));
  CHECK_FALSE(ResolveVendorFile(w.root, "../secret.txt"));
  for (auto f : VendorWhitelist()) CHECK(f.find("..") == std::string_view::npos);
}

TEST_CASE("security headers: CSP allows only self, no inline script", "[console][files]") {
  std::string csp(ContentSecurityPolicy());
  CHECK(csp.find("default-src 'self'") != std::string::npos);
  CHECK(csp.find("script-src 'self';") != std::string::npos);
  CHECK(csp.find("unsafe-inline") == std::string::npos);
  CHECK(csp.find("unsafe-eval") == std::string::npos);
  CHECK(csp.find("media-src 'self' blob:") != std::string::npos);
  http::Response r = FileResponse(std::nullopt, "no-cache");
  CHECK(r.status == 404);
  bool has_csp = false;
  for (auto& [k, v] : r.headers) has_csp |= k == "Content-Security-Policy";
  CHECK(has_csp);
}

}  // namespace
}  // namespace ffsb::console
