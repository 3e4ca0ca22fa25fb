// IMF-fixdate (RFC 9110 §5.6.7): "Sun, 06 Nov 1994 08:49:37 GMT", for Date,
// Last-Modified and If-Modified-Since.
//
// Thread-safety: stateless.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace ffsb::http {

std::string FormatHttpDate(std::time_t t);
// Accepts IMF-fixdate only (what every current client sends); nullopt otherwise.
std::optional<std::time_t> ParseHttpDate(std::string_view s);

}  // namespace ffsb::http
