// Content types of the files the server hands out (media segments,
// playlists, the console's assets), chosen by file extension.
//
// Thread-safety: stateless.
#pragma once

#include <string_view>

namespace ffsb::http {

// ".m3u8" -> "application/vnd.apple.mpegurl", ".mpd" -> "application/dash+xml",
// ".m4s" -> "video/iso.segment", ... Case-insensitive; unknown extensions are
// "application/octet-stream".
std::string_view ContentTypeForPath(std::string_view path);

}  // namespace ffsb::http
