#include "server/notify/http_post.h"

#include <chrono>

#include <httplib.h>

namespace ffsb::notify {

PostOutcome PostJson(const CallbackUrl& url, const HeaderList& headers, const std::string& body, Micros timeout) {
  httplib::Client client(url.scheme_host_port);
  if (!client.is_valid()) return {0, "invalid client for " + url.scheme_host_port};
  const auto t = std::chrono::microseconds(timeout);
  client.set_connection_timeout(t);
  client.set_read_timeout(t);
  client.set_write_timeout(t);
  client.set_keep_alive(false);
  client.set_follow_location(false);
  httplib::Headers h;
  for (const auto& [k, v] : headers) h.emplace(k, v);
  const auto start = std::chrono::steady_clock::now();
  httplib::Result res = client.Post(url.path_and_query, h, body, "application/json");
  if (!res) {
    // httplib says "Read" for a read timeout; name it so the record is clear.
    bool timed_out = std::chrono::steady_clock::now() - start >= t * 9 / 10;
    if (res.error() == httplib::Error::Read && timed_out) return {0, "timeout"};
    if (res.error() == httplib::Error::ConnectionTimeout) return {0, "connect timeout"};
    return {0, "http error: " + httplib::to_string(res.error())};
  }
  return {res->status, ""};
}

}  // namespace ffsb::notify
