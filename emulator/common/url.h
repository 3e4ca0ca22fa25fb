// Parsing of the URLs ffemu is pointed at: rtmp://host[:port]/app/name[?query]
// and http(s)://host[:port]/path[?query]. The RTMP split follows what
// broadcasters (OBS, ffmpeg) do: the first path segment is the application,
// everything after it, query included, is the stream name, so
// "rtmp://h/live/KEY?mode=CMAF" publishes the name "KEY?mode=CMAF".
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb::emu {

struct Url {
  std::string scheme;  // "rtmp", "http", "https"
  std::string host;
  uint16_t port = 0;   // defaulted per scheme when absent (1935, 80, 443)
  std::string path;    // starts with '/', query excluded; "/" when empty
  std::string query;   // without '?', may be empty

  // For RTMP URLs: first path segment and the rest (with "?query").
  std::string RtmpApp() const;
  std::string RtmpStreamName() const;
  // "rtmp://host:port/app" as the tcUrl of a connect command.
  std::string RtmpTcUrl() const;
  // path plus "?query" when there is one: what goes on an HTTP request line.
  std::string Target() const;
  std::string HostPort() const;
};

Result<Url> ParseUrl(std::string_view text);

// Resolves a possibly relative reference against a base URL (playlists,
// manifests): absolute URLs are returned as is, "/x" replaces the path,
// "x" replaces the last path segment.
std::string ResolveUrl(std::string_view base, std::string_view ref);

enum class PlayProtocol { kRtmp, kHttpFlv, kHls, kDash };
// rtmp:// -> RTMP; http(s) ending in .flv -> HTTP-FLV, .m3u8 -> HLS, .mpd -> DASH.
Result<PlayProtocol> GuessProtocol(const Url& url);
Result<PlayProtocol> ParseProtocolName(std::string_view name);
std::string_view ProtocolName(PlayProtocol p);

// The URL with the stream name (RTMP) or the query string replaced by a
// redacted form, for log lines: stream keys are secrets.
std::string RedactUrl(const Url& url);

}  // namespace ffsb::emu
