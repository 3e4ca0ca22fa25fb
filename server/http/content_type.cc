#include "server/http/content_type.h"

#include <strings.h>

#include <string>

namespace ffsb::http {

std::string_view ContentTypeForPath(std::string_view path) {
  struct Entry {
    const char* ext;
    const char* type;
  };
  static constexpr Entry kTypes[] = {
      {"m3u8", "application/vnd.apple.mpegurl"},
      {"mpd", "application/dash+xml"},
      {"m4s", "video/iso.segment"},
      {"mp4", "video/mp4"},
      {"m4v", "video/mp4"},
      {"m4a", "audio/mp4"},
      {"cmfv", "video/mp4"},
      {"cmfa", "audio/mp4"},
      {"ts", "video/mp2t"},
      {"flv", "video/x-flv"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"png", "image/png"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"svg", "image/svg+xml"},
      {"ico", "image/x-icon"},
      {"json", "application/json"},
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"txt", "text/plain; charset=utf-8"},
      {"map", "application/json"},
      {"yaml", "application/yaml"},
      {"woff2", "font/woff2"},
      {"woff", "font/woff"},
      {"wasm", "application/wasm"},
      {"vtt", "text/vtt"},
  };
  size_t slash = path.find_last_of('/');
  size_t dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  std::string ext(path.substr(dot + 1));
  for (const Entry& e : kTypes)
    if (::strcasecmp(ext.c_str(), e.ext) == 0) return e.type;
  return "application/octet-stream";
}

}  // namespace ffsb::http
