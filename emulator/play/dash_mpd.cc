#include "emulator/play/dash_mpd.h"

#include <cstdlib>
#include <map>
#include <optional>

#include "emulator/common/url.h"

namespace ffsb::emu {
namespace {
struct Tag {
  std::string name;  // without namespace prefix
  bool closing = false, self_closing = false;
  std::map<std::string, std::string> attrs;
  std::string text_after;  // character data up to the next tag (for BaseURL)
};

std::vector<Tag> Scan(std::string_view x) {
  std::vector<Tag> out;
  size_t i = 0;
  while ((i = x.find('<', i)) != std::string_view::npos) {
    if (x.substr(i, 4) == "<!--") { i = x.find("-->", i); if (i == std::string_view::npos) break; i += 3; continue; }
    if (x.substr(i, 2) == "<?" || x.substr(i, 2) == "<!") { i = x.find('>', i); if (i == std::string_view::npos) break; ++i; continue; }
    size_t end = x.find('>', i);
    if (end == std::string_view::npos) break;
    std::string_view body = x.substr(i + 1, end - i - 1);
    Tag t;
    if (!body.empty() && body[0] == '/') { t.closing = true; body.remove_prefix(1); }
    if (!body.empty() && body.back() == '/') { t.self_closing = true; body.remove_suffix(1); }
    size_t n = body.find_first_of(" \t\r\n");
    t.name = std::string(body.substr(0, n));
    if (size_t c = t.name.find(':'); c != std::string::npos) t.name = t.name.substr(c + 1);
    size_t p = n == std::string_view::npos ? body.size() : n;
    while (p < body.size()) {
      size_t eq = body.find('=', p);
      if (eq == std::string_view::npos) break;
      size_t ks = body.find_first_not_of(" \t\r\n", p);
      std::string key(body.substr(ks, eq - ks));
      while (!key.empty() && (key.back() == ' ')) key.pop_back();
      size_t q = body.find_first_of("\"'", eq);
      if (q == std::string_view::npos) break;
      size_t qe = body.find(body[q], q + 1);
      if (qe == std::string_view::npos) break;
      t.attrs[key] = std::string(body.substr(q + 1, qe - q - 1));
      p = qe + 1;
    }
    size_t next = x.find('<', end);
    t.text_after = std::string(x.substr(end + 1, next == std::string_view::npos ? std::string_view::npos : next - end - 1));
    out.push_back(std::move(t));
    i = end + 1;
  }
  return out;
}

struct Template {
  std::string media, init;
  uint64_t timescale = 1;
  int64_t start_number = 1;
  double duration = 0;  // in timescale units, without a timeline
  std::vector<std::pair<uint64_t, uint64_t>> timeline;  // (t, d) expanded
  bool has_timeline = false;
};

std::string Get(const Tag& t, const std::string& k) {
  auto it = t.attrs.find(k);
  return it == t.attrs.end() ? "" : it->second;
}

void ApplyTemplateAttrs(const Tag& t, Template* tp) {
  if (!Get(t, "media").empty()) tp->media = Get(t, "media");
  if (!Get(t, "initialization").empty()) tp->init = Get(t, "initialization");
  if (!Get(t, "timescale").empty()) tp->timescale = std::strtoull(Get(t, "timescale").c_str(), nullptr, 10);
  if (!Get(t, "startNumber").empty()) tp->start_number = std::atoll(Get(t, "startNumber").c_str());
  if (!Get(t, "duration").empty()) tp->duration = std::atof(Get(t, "duration").c_str());
}
}  // namespace

double ParseIsoDuration(std::string_view s) {
  if (s.substr(0, 2) != "PT" && s.substr(0, 1) != "P") return 0;
  double total = 0, num = 0;
  std::string buf;
  bool in_time = false;
  for (char c : s.substr(1)) {
    if (c == 'T') { in_time = true; continue; }
    if ((c >= '0' && c <= '9') || c == '.') { buf += c; continue; }
    num = std::atof(buf.c_str());
    buf.clear();
    if (c == 'D') total += num * 86400;
    else if (c == 'H' && in_time) total += num * 3600;
    else if (c == 'M' && in_time) total += num * 60;
    else if (c == 'S') total += num;
  }
  return total;
}

std::string ExpandDashTemplate(std::string_view t, const std::string& id, int64_t number, uint64_t time, int64_t bw) {
  std::string out;
  size_t i = 0;
  while (i < t.size()) {
    size_t d = t.find('$', i);
    if (d == std::string_view::npos) { out += t.substr(i); break; }
    out += t.substr(i, d - i);
    size_t e = t.find('$', d + 1);
    if (e == std::string_view::npos) { out += t.substr(d); break; }
    std::string_view var = t.substr(d + 1, e - d - 1);
    std::string fmt = "%d";
    if (size_t pct = var.find('%'); pct != std::string_view::npos) {
      fmt = std::string(var.substr(pct));
      var = var.substr(0, pct);
    }
    auto fmtnum = [&](long long v) {
      char buf[64];
      std::string f = fmt;
      if (!f.empty() && f.back() == 'd') f = f.substr(0, f.size() - 1) + "lld";
      std::snprintf(buf, sizeof(buf), f.c_str(), v);
      return std::string(buf);
    };
    if (var.empty()) out += '$';
    else if (var == "RepresentationID") out += id;
    else if (var == "Number") out += fmtnum(number);
    else if (var == "Time") out += fmtnum(static_cast<long long>(time));
    else if (var == "Bandwidth") out += fmtnum(bw);
    i = e + 1;
  }
  return out;
}

Result<DashManifest> ParseDashMpd(std::string_view xml, const std::string& mpd_url, Micros now) {
  auto tags = Scan(xml);
  DashManifest m;
  Micros availability_start = 0;
  std::string base = mpd_url;
  Template set_tp, rep_tp;
  bool in_video_set = false, in_rep = false, in_timeline = false, rep_has_tp = false;
  Template* cur = nullptr;
  DashRepresentation rep;
  std::string set_mime;
  uint64_t next_t = 0;

  auto finish_rep = [&] {
    const Template& tp = rep_has_tp ? rep_tp : set_tp;
    rep.init_url = ResolveUrl(base, ExpandDashTemplate(tp.init, rep.id, 0, 0, rep.bandwidth));
    if (tp.has_timeline) {
      int64_t n = tp.start_number;
      for (auto [t, d] : tp.timeline) {
        rep.segments.push_back({n, t, static_cast<double>(d) / tp.timescale,
                                ResolveUrl(base, ExpandDashTemplate(tp.media, rep.id, n, t, rep.bandwidth))});
        ++n;
      }
    } else if (tp.duration > 0) {
      double seg = tp.duration / tp.timescale;
      double elapsed = static_cast<double>(now - availability_start) / 1e6;
      int64_t last = tp.start_number + static_cast<int64_t>(elapsed / seg) - 1;  // the newest complete one
      for (int64_t n = std::max(tp.start_number, last - 4); n <= last; ++n)
        rep.segments.push_back({n, 0, seg, ResolveUrl(base, ExpandDashTemplate(tp.media, rep.id, n, 0, rep.bandwidth))});
    }
    m.video.push_back(rep);
  };

  for (const Tag& t : tags) {
    if (t.name == "MPD" && !t.closing) {
      m.dynamic = Get(t, "type") == "dynamic";
      if (!Get(t, "minimumUpdatePeriod").empty()) m.min_update_period_s = ParseIsoDuration(Get(t, "minimumUpdatePeriod"));
      if (auto a = ParseIso8601(Get(t, "availabilityStartTime"))) availability_start = *a;
    } else if (t.name == "BaseURL" && !t.closing) {
      base = ResolveUrl(base, t.text_after);
    } else if (t.name == "AdaptationSet") {
      if (t.closing) { in_video_set = false; continue; }
      set_mime = Get(t, "mimeType") + Get(t, "contentType");
      in_video_set = set_mime.find("video") != std::string::npos || set_mime.empty();
      set_tp = Template();
    } else if (t.name == "Representation" && in_video_set) {
      if (t.closing) { if (in_rep) finish_rep(); in_rep = false; continue; }
      std::string mime = Get(t, "mimeType");
      if (!mime.empty() && mime.find("video") == std::string::npos) continue;
      if (set_mime.empty() && mime.empty() && Get(t, "width").empty()) continue;  // audio without mime hints
      rep = DashRepresentation();
      rep.id = Get(t, "id");
      rep.bandwidth = std::atoll(Get(t, "bandwidth").c_str());
      rep.width = std::atoi(Get(t, "width").c_str());
      rep.height = std::atoi(Get(t, "height").c_str());
      rep_tp = set_tp;
      rep_has_tp = false;
      in_rep = true;
      if (t.self_closing) { finish_rep(); in_rep = false; }
    } else if (t.name == "SegmentTemplate" && in_video_set && !t.closing) {
      cur = in_rep ? &rep_tp : &set_tp;
      if (in_rep) rep_has_tp = true;
      ApplyTemplateAttrs(t, cur);
    } else if (t.name == "SegmentTimeline" && cur) {
      in_timeline = !t.closing;
      if (in_timeline) { cur->has_timeline = true; cur->timeline.clear(); next_t = 0; }
    } else if (t.name == "S" && in_timeline && cur) {
      uint64_t d = std::strtoull(Get(t, "d").c_str(), nullptr, 10);
      if (!Get(t, "t").empty()) next_t = std::strtoull(Get(t, "t").c_str(), nullptr, 10);
      int r = Get(t, "r").empty() ? 0 : std::max(0, std::atoi(Get(t, "r").c_str()));  // r=-1: one, then refresh
      for (int k = 0; k <= r && d > 0; ++k) { cur->timeline.emplace_back(next_t, d); next_t += d; }
    }
  }
  if (m.video.empty()) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "MPD has no video representation");
  return m;
}

int PickDashRepresentation(const std::vector<DashRepresentation>& reps, const std::string& r) {
  if (reps.empty()) return -1;
  if (r.empty()) return 0;
  for (size_t i = 0; i < reps.size(); ++i) {
    if (reps[i].id == r) return static_cast<int>(i);
    if (std::to_string(reps[i].width) + "x" + std::to_string(reps[i].height) == r) return static_cast<int>(i);
    if (std::to_string(reps[i].height) + "p" == r) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace ffsb::emu
