#include "server/notify/callback_url.h"

#include <cctype>

namespace ffsb::notify {

std::string CallbackUrl::ForLog() const {
  return scheme_host_port + path_and_query.substr(0, path_and_query.find('?'));
}

Result<CallbackUrl> ParseCallbackUrl(std::string_view url) {
  auto bad = [&](const char* why) {
    return Result<CallbackUrl>(ErrorCode::INVALID_REQUEST_PARAMETER, std::string("callback url: ") + why);
  };
  std::string_view rest;
  std::string scheme;
  if (url.starts_with("http://")) {
    scheme = "http", rest = url.substr(7);
  } else if (url.starts_with("https://")) {
    scheme = "https", rest = url.substr(8);
  } else {
    return bad("scheme must be http or https");
  }
  size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view tail = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (authority.empty()) return bad("missing host");
  if (authority.find('@') != std::string_view::npos) return bad("user info not allowed");
  for (char c : authority) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) {
      return bad("invalid host");
    }
  }
  size_t hash = tail.find('#');
  if (hash != std::string_view::npos) tail = tail.substr(0, hash);
  for (char c : tail) {
    if (std::isspace(static_cast<unsigned char>(c)) || std::iscntrl(static_cast<unsigned char>(c))) {
      return bad("invalid path");
    }
  }
  CallbackUrl out;
  out.scheme_host_port = scheme + "://" + std::string(authority);
  out.path_and_query = tail.empty() ? "/" : (tail[0] == '?' ? "/" + std::string(tail) : std::string(tail));
  return out;
}

}  // namespace ffsb::notify
