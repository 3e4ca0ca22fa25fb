// Where the console's static files come from, and the security headers they
// are served with.
//  - /console/*            -> {web_dir}/console/* (index.html for "/console")
//  - /console/vendor/P/F   -> {web_dir}/node_modules/P/F, only for the
//                             whitelisted (P, F) pairs below: the players and
//                             Swagger UI, never an arbitrary package file.
//  - /open-api/            -> {web_dir}/open-api/index.html (Swagger UI page)
// Every path is untrusted: a "..", an absolute path, a NUL or a dot-file
// segment is refused (nullopt), and so is anything that is not a regular file.
//
// Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/router.h"

namespace ffsb::console {

// package-relative paths under node_modules, e.g. "hls.js/dist/hls.min.js".
const std::vector<std::string_view>& VendorWhitelist();

// rel: the part after "/console/" (may be empty: index.html).
std::optional<std::string> ResolveConsoleFile(const std::string& web_dir, std::string_view rel);
// rel: the part after "/console/vendor/".
std::optional<std::string> ResolveVendorFile(const std::string& web_dir, std::string_view rel);
// rel: the part after "/open-api/" (empty: index.html).
std::optional<std::string> ResolveOpenApiPageFile(const std::string& web_dir, std::string_view rel);

// The Content-Security-Policy of every console response: only 'self'
// (plus blob: for media and the players' workers, data: for images), no
// inline scripts, no framing.
std::string_view ContentSecurityPolicy();

// Adds CSP, X-Content-Type-Options, Referrer-Policy, X-Frame-Options.
void AddSecurityHeaders(http::Response* resp);

// A file response with the security headers; 404 JSON when `path` is nullopt.
http::Response FileResponse(const std::optional<std::string>& path, std::string_view cache_control);

}  // namespace ffsb::console
