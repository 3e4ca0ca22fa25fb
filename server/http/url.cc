#include "server/http/url.h"

namespace ffsb::http {
namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string PercentDecode(std::string_view in, bool plus_is_space) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%' && i + 2 < in.size()) {
      int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += (plus_is_space && c == '+') ? ' ' : c;
  }
  return out;
}

std::string_view RawPath(std::string_view target) {
  size_t q = target.find_first_of("?#");
  return q == std::string_view::npos ? target : target.substr(0, q);
}

std::vector<std::string> SplitPathSegments(std::string_view raw_path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos <= raw_path.size()) {
    size_t slash = raw_path.find('/', pos);
    if (slash == std::string_view::npos) slash = raw_path.size();
    if (slash > pos) out.push_back(PercentDecode(raw_path.substr(pos, slash - pos), false));
    pos = slash + 1;
  }
  return out;
}

void ParseTarget(std::string_view target, std::string* path,
                 std::multimap<std::string, std::string>* query) {
  std::string_view raw = RawPath(target);
  *path = PercentDecode(raw, false);
  query->clear();
  if (raw.size() == target.size() || target[raw.size()] != '?') return;
  std::string_view qs = target.substr(raw.size() + 1);
  if (size_t hash = qs.find('#'); hash != std::string_view::npos) qs = qs.substr(0, hash);
  size_t pos = 0;
  while (pos <= qs.size()) {
    size_t amp = qs.find('&', pos);
    if (amp == std::string_view::npos) amp = qs.size();
    std::string_view pair = qs.substr(pos, amp - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string_view k = pair.substr(0, eq);
      std::string_view v = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      query->emplace(PercentDecode(k, true), PercentDecode(v, true));
    }
    pos = amp + 1;
  }
}

}  // namespace ffsb::http
