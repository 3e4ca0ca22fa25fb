// A parsed app callback URL: "http[s]://host[:port][/path][?query]".
// http is the tested path; https goes through httplib's OpenSSL client with
// the system CA store and certificate verification on (a self-signed
// receiver fails with an SSL error). User-info ("user:pw@host") is refused:
// credentials belong in the callback's accessId/accessPassword.
//
// Thread-safety: value type.
#pragma once

#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb::notify {

struct CallbackUrl {
  std::string scheme_host_port;  // "http://127.0.0.1:8080", as httplib::Client takes it
  std::string path_and_query;    // "/hooks?x=1", "/" when empty

  // scheme://host:port/path without the query: safe for a log line (a query
  // string may carry a token).
  std::string ForLog() const;
};

// INVALID_REQUEST_PARAMETER when the URL is not http(s) or malformed.
Result<CallbackUrl> ParseCallbackUrl(std::string_view url);

}  // namespace ffsb::notify
