#include "server/media/publish_target.h"

#include <cctype>

namespace ffsb {
namespace {

// Splits "a?b=c&d" into "a" and the value of `key` in the query.
std::string_view SplitQuery(std::string_view s, std::string_view key, std::string* value,
                            bool* found) {
  size_t q = s.find('?');
  if (q == std::string_view::npos) return s;
  std::string_view query = s.substr(q + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view kv = query.substr(0, amp);
    size_t eq = kv.find('=');
    if (kv.substr(0, eq) == key && eq != std::string_view::npos) {
      value->assign(kv.substr(eq + 1));
      *found = true;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return s.substr(0, q);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == '/' || s.front() == ' ')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == '/' || s.back() == ' ')) s.remove_suffix(1);
  return s;
}

}  // namespace

PublishTarget ParsePublishTarget(std::string_view app, std::string_view name) {
  PublishTarget t;
  std::string app_mode, name_mode;
  bool app_has = false, name_has = false;
  t.app = std::string(Trim(SplitQuery(app, "mode", &app_mode, &app_has)));
  t.name = std::string(Trim(SplitQuery(name, "mode", &name_mode, &name_has)));
  t.mode = name_has ? name_mode : app_mode;
  for (char& c : t.mode) c = char(std::toupper(static_cast<unsigned char>(c)));
  return t;
}

bool IsValidModeParam(std::string_view mode) {
  return mode.empty() || mode == "RTMP" || mode == "CMAF" || mode == "RTMP_CMAF";
}

}  // namespace ffsb
