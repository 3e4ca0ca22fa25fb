// Parsing of HLS playlists (RFC 8216) as a live player needs them: the
// master playlist's variants, and a media playlist's segments with their
// sequence numbers, durations and EXT-X-MAP init segment. URIs are resolved
// against the playlist's own URL. LL-HLS parts are ignored (whole segments only).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"

namespace ffsb::emu {

struct HlsVariant {
  std::string url;
  int64_t bandwidth = 0;
  int width = 0, height = 0;
  std::string name;  // NAME attribute when the server gives one
};

struct HlsSegment {
  int64_t sequence = 0;
  double duration_s = 0;
  std::string url;
  std::string init_url;  // EXT-X-MAP, "" for MPEG-TS segments
};

struct HlsMediaPlaylist {
  double target_duration_s = 0;
  bool ended = false;
  std::vector<HlsSegment> segments;
};

bool IsHlsMasterPlaylist(std::string_view text);
Result<std::vector<HlsVariant>> ParseHlsMaster(std::string_view text, const std::string& base_url);
Result<HlsMediaPlaylist> ParseHlsMedia(std::string_view text, const std::string& base_url);

// Chooses a variant by --rendition: "" = the first; else NAME, "WxH", "360p",
// or a substring of the URL. Returns -1 when nothing matches.
int PickHlsVariant(const std::vector<HlsVariant>& variants, const std::string& rendition);

}  // namespace ffsb::emu
