#include "emulator/play/hls_playlist.h"

#include <cstdlib>
#include <sstream>

#include "emulator/common/url.h"

namespace ffsb::emu {
namespace {
// Value of attribute `name` in an attribute list (quoted or not).
std::string Attr(std::string_view list, std::string_view name) {
  size_t pos = 0;
  while (pos < list.size()) {
    size_t eq = list.find('=', pos);
    if (eq == std::string_view::npos) break;
    std::string_view key = list.substr(pos, eq - pos);
    size_t vstart = eq + 1, vend;
    std::string value;
    if (vstart < list.size() && list[vstart] == '"') {
      vend = list.find('"', vstart + 1);
      if (vend == std::string_view::npos) vend = list.size();
      value = std::string(list.substr(vstart + 1, vend - vstart - 1));
      vend = list.find(',', vend);
    } else {
      vend = list.find(',', vstart);
      value = std::string(list.substr(vstart, vend == std::string_view::npos ? std::string_view::npos : vend - vstart));
    }
    if (key == name) return value;
    if (vend == std::string_view::npos) break;
    pos = vend + 1;
  }
  return "";
}

std::vector<std::string> Lines(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (!line.empty()) out.push_back(line);
  }
  return out;
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
}  // namespace

bool IsHlsMasterPlaylist(std::string_view text) { return text.find("#EXT-X-STREAM-INF") != std::string_view::npos; }

Result<std::vector<HlsVariant>> ParseHlsMaster(std::string_view text, const std::string& base) {
  auto lines = Lines(text);
  if (lines.empty() || lines[0] != "#EXTM3U") return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "not an m3u8 playlist");
  std::vector<HlsVariant> out;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (!StartsWith(lines[i], "#EXT-X-STREAM-INF:")) continue;
    std::string_view attrs = std::string_view(lines[i]).substr(18);
    HlsVariant v;
    v.bandwidth = std::atoll(Attr(attrs, "BANDWIDTH").c_str());
    std::sscanf(Attr(attrs, "RESOLUTION").c_str(), "%dx%d", &v.width, &v.height);
    v.name = Attr(attrs, "NAME");
    size_t j = i + 1;
    while (j < lines.size() && lines[j][0] == '#') ++j;
    if (j < lines.size()) v.url = ResolveUrl(base, lines[j]);
    out.push_back(v);
  }
  if (out.empty()) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "master playlist without variants");
  return out;
}

Result<HlsMediaPlaylist> ParseHlsMedia(std::string_view text, const std::string& base) {
  auto lines = Lines(text);
  if (lines.empty() || lines[0] != "#EXTM3U") return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "not an m3u8 playlist");
  HlsMediaPlaylist pl;
  int64_t seq = 0;
  double dur = 0;
  std::string init;
  for (const auto& l : lines) {
    if (StartsWith(l, "#EXT-X-TARGETDURATION:")) pl.target_duration_s = std::atof(l.c_str() + 22);
    else if (StartsWith(l, "#EXT-X-MEDIA-SEQUENCE:")) seq = std::atoll(l.c_str() + 22);
    else if (StartsWith(l, "#EXT-X-MAP:")) init = ResolveUrl(base, Attr(std::string_view(l).substr(11), "URI"));
    else if (StartsWith(l, "#EXTINF:")) dur = std::atof(l.c_str() + 8);
    else if (StartsWith(l, "#EXT-X-ENDLIST")) pl.ended = true;
    else if (l[0] != '#') {
      pl.segments.push_back({seq++, dur, ResolveUrl(base, l), init});
      dur = 0;
    }
  }
  return pl;
}

int PickHlsVariant(const std::vector<HlsVariant>& v, const std::string& r) {
  if (v.empty()) return -1;
  if (r.empty()) return 0;
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i].name == r) return static_cast<int>(i);
    if (std::to_string(v[i].width) + "x" + std::to_string(v[i].height) == r) return static_cast<int>(i);
    if (std::to_string(v[i].height) + "p" == r) return static_cast<int>(i);
  }
  for (size_t i = 0; i < v.size(); ++i)
    if (v[i].url.find(r) != std::string::npos) return static_cast<int>(i);
  return -1;
}

}  // namespace ffsb::emu
