#include "server/app/media_routes.h"

#include <sys/stat.h>

#include "server/media/media_server.h"

namespace ffsb::app {

bool IsSafeSegment(const std::string& s) {
  if (s.empty() || s == "." || s == "..") return false;
  for (char c : s)
    if (!(isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string SafeJoin(const std::string& base, const std::string& relative) {
  std::string out = base;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    std::string seg = relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    if (!IsSafeSegment(seg)) return "";
    out += "/" + seg;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return out;
}

namespace {

bool IsRegularFile(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Playlists change every segment: players must refetch them. Segments are
// written once and never change.
std::string CacheControlFor(const std::string& path) {
  if (EndsWith(path, ".m3u8") || EndsWith(path, ".mpd")) return "no-cache, max-age=1";
  return "public, max-age=86400, immutable";
}

http::Response ServeFileUnder(const std::string& base, const std::string& rel, bool live) {
  std::string path = SafeJoin(base, rel);
  if (path.empty() || !IsRegularFile(path)) return http::Error(ErrorCode::API_NOT_FOUND, "no such file");
  http::Response r;
  r.file_path = path;
  r.Header("Cache-Control", live ? CacheControlFor(path) : "public, max-age=3600");
  return r;
}

}  // namespace

void RegisterMediaRoutes(http::Router& router, MediaServer& media, const MediaRoutesConfig& config,
                         const std::atomic<bool>& ready) {
  router.Add("GET", "/health", [](http::Request&) { return http::Json(200, {{"status", "UP"}}); });
  router.Add("GET", "/ready", [&ready](http::Request&) {
    if (!ready.load()) return http::Json(503, {{"status", "STARTING"}});
    return http::Json(200, {{"status", "READY"}});
  });

  // HTTP-FLV: GET /live/{playId}.flv, long-lived; the media loop writes it.
  router.Add("GET", "/live/{file}", [&media](http::Request& req) {
    const std::string& file = req.params["file"];
    if (!EndsWith(file, ".flv") || file.size() <= 4 || !IsSafeSegment(file))
      return http::Error(ErrorCode::API_NOT_FOUND, "play URLs look like /live/{playId}.flv");
    std::string play_id = file.substr(0, file.size() - 4);
    http::Response r;
    r.takeover = [&media, play_id](int fd, const http::Request&) { media.AttachHttpFlvViewer(fd, play_id); };
    return r;
  });

  router.Add("GET", "/cmaf/{playId}/*", [config](http::Request& req) {
    const std::string& play_id = req.params["playId"];
    if (!IsSafeSegment(play_id)) return http::Error(ErrorCode::API_NOT_FOUND, "no such stream");
    return ServeFileUnder(config.cmaf_dir + "/" + play_id, req.params["*"], true);
  });

  router.Add("GET", "/vod/{postId}/*", [config](http::Request& req) {
    const std::string& post = req.params["postId"];
    if (!IsSafeSegment(post)) return http::Error(ErrorCode::API_NOT_FOUND, "no such video");
    return ServeFileUnder(config.vod_dir + "/" + post, req.params["*"], false);
  });
}

}  // namespace ffsb::app
