#include "emulator/common/url.h"

#include <charconv>

#include "server/base/log.h"

namespace ffsb::emu {
namespace {
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
}  // namespace

Result<Url> ParseUrl(std::string_view text) {
  Url u;
  size_t p = text.find("://");
  if (p == std::string_view::npos) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "URL without scheme");
  u.scheme = std::string(text.substr(0, p));
  for (char& c : u.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = text.substr(p + 3);
  size_t slash = rest.find_first_of("/?");
  std::string_view hostport = rest.substr(0, slash);
  rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  if (hostport.empty()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "URL without host");
  size_t colon = hostport.rfind(':');
  if (colon != std::string_view::npos && hostport.find(']') == std::string_view::npos) {
    std::string_view ps = hostport.substr(colon + 1);
    unsigned v = 0;
    auto [ptr, ec] = std::from_chars(ps.data(), ps.data() + ps.size(), v);
    if (ec != std::errc() || ptr != ps.data() + ps.size() || v == 0 || v > 65535)
      return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "bad port in URL");
    u.port = static_cast<uint16_t>(v);
    hostport = hostport.substr(0, colon);
  }
  u.host = std::string(hostport);
  if (u.port == 0) {
    if (u.scheme == "rtmp") u.port = 1935;
    else if (u.scheme == "http") u.port = 80;
    else if (u.scheme == "https") u.port = 443;
    else return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "unsupported scheme " + u.scheme);
  }
  size_t q = rest.find('?');
  u.path = std::string(rest.substr(0, q));
  if (q != std::string_view::npos) u.query = std::string(rest.substr(q + 1));
  if (u.path.empty()) u.path = "/";
  return u;
}

std::string Url::RtmpApp() const {
  std::string_view p = std::string_view(path).substr(1);
  return std::string(p.substr(0, p.find('/')));
}

std::string Url::RtmpStreamName() const {
  std::string_view p = std::string_view(path).substr(1);
  size_t s = p.find('/');
  std::string name = s == std::string_view::npos ? std::string() : std::string(p.substr(s + 1));
  if (!query.empty()) name += "?" + query;
  return name;
}

std::string Url::HostPort() const { return host + ":" + std::to_string(port); }

std::string Url::RtmpTcUrl() const { return scheme + "://" + HostPort() + "/" + RtmpApp(); }

std::string Url::Target() const { return query.empty() ? path : path + "?" + query; }

std::string ResolveUrl(std::string_view base, std::string_view ref) {
  if (ref.find("://") != std::string_view::npos) return std::string(ref);
  size_t scheme_end = base.find("://");
  size_t path_start = base.find('/', scheme_end == std::string_view::npos ? 0 : scheme_end + 3);
  if (path_start == std::string_view::npos) path_start = base.size();
  if (!ref.empty() && ref[0] == '/') return std::string(base.substr(0, path_start)) + std::string(ref);
  std::string_view no_query = base.substr(0, base.find('?'));
  size_t last = no_query.rfind('/');
  if (last == std::string_view::npos || last < path_start) return std::string(no_query) + "/" + std::string(ref);
  return std::string(no_query.substr(0, last + 1)) + std::string(ref);
}

Result<PlayProtocol> GuessProtocol(const Url& url) {
  if (url.scheme == "rtmp") return PlayProtocol::kRtmp;
  if (EndsWith(url.path, ".flv")) return PlayProtocol::kHttpFlv;
  if (EndsWith(url.path, ".m3u8")) return PlayProtocol::kHls;
  if (EndsWith(url.path, ".mpd")) return PlayProtocol::kDash;
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER,
                "cannot guess the protocol from the URL; pass --protocol rtmp|flv|hls|dash");
}

Result<PlayProtocol> ParseProtocolName(std::string_view name) {
  if (name == "rtmp") return PlayProtocol::kRtmp;
  if (name == "flv" || name == "http-flv") return PlayProtocol::kHttpFlv;
  if (name == "hls") return PlayProtocol::kHls;
  if (name == "dash") return PlayProtocol::kDash;
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "unknown protocol " + std::string(name));
}

std::string_view ProtocolName(PlayProtocol p) {
  switch (p) {
    case PlayProtocol::kRtmp: return "rtmp";
    case PlayProtocol::kHttpFlv: return "flv";
    case PlayProtocol::kHls: return "hls";
    case PlayProtocol::kDash: return "dash";
  }
  return "?";
}

std::string RedactUrl(const Url& url) {
  std::string out = url.scheme + "://" + url.HostPort();
  if (url.scheme == "rtmp") {
    std::string name = url.RtmpStreamName();
    out += "/" + url.RtmpApp();
    if (!name.empty()) out += "/" + RedactKey(name);
    return out;
  }
  out += url.path;
  if (!url.query.empty()) out += "?" + RedactKey(url.query);
  return out;
}

}  // namespace ffsb::emu
