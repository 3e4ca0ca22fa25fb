#include "server/cmaf/stream_state.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

namespace ffsb::cmaf {

using nlohmann::json;

TrackState* StreamState::FindTrack(const std::string& name) {
  for (auto& t : tracks)
    if (t.name == name) return &t;
  return nullptr;
}

std::vector<int64_t> StreamState::Append(TrackState* t, SegmentEntry seg) {
  seg.number = t->next_number++;
  double secs = static_cast<double>(seg.duration) / t->timescale;
  t->target_duration_s = std::max({t->target_duration_s, segment_duration_s,
                                   static_cast<int>(std::lround(secs))});
  // Peak bit rate over full-length segments only (a short last segment that
  // is mostly a keyframe would overstate it).
  if (secs >= segment_duration_s * 0.5) t->peak_bandwidth = std::max<int64_t>(t->peak_bandwidth, std::llround(seg.bytes * 8 / secs));
  t->segments.push_back(seg);
  end_ms = std::max(end_ms, (seg.start + seg.duration) * 1000 / t->timescale);
  std::vector<int64_t> gone;
  // Leaving the listed window: a discontinuity there moves into the sequence count.
  size_t listed_from = t->segments.size() > static_cast<size_t>(window) ? t->segments.size() - window : 0;
  for (size_t i = 0; i < listed_from; ++i) {
    if (t->segments[i].discontinuity) {
      t->segments[i].discontinuity = false;
      ++t->discontinuity_sequence;
    }
  }
  while (t->segments.size() > static_cast<size_t>(window + kGraceSegments)) {
    gone.push_back(t->segments.front().number);
    t->segments.pop_front();
  }
  return gone;
}

std::vector<const SegmentEntry*> StreamState::Listed(const TrackState& t) const {
  std::vector<const SegmentEntry*> out;
  size_t from = t.segments.size() > static_cast<size_t>(window) ? t.segments.size() - window : 0;
  for (size_t i = from; i < t.segments.size(); ++i) out.push_back(&t.segments[i]);
  return out;
}

void StreamState::PrunePeriods() {
  std::set<int> used;
  for (const auto& t : tracks)
    for (const auto* s : Listed(t)) used.insert(s->period);
  std::vector<PeriodInfo> kept;
  for (size_t i = 0; i < periods.size(); ++i)
    if (i + 1 == periods.size() || used.count(periods[i].index)) kept.push_back(periods[i]);
  periods = std::move(kept);
}

std::string StreamState::ToJson() const {
  json j;
  j["version"] = 1;
  j["segmentDuration"] = segment_duration_s;
  j["window"] = window;
  j["availabilityStart"] = availability_start;
  j["endMs"] = end_ms;
  j["periods"] = json::array();
  for (const auto& p : periods)
    j["periods"].push_back({{"index", p.index}, {"wallStart", p.wall_start}, {"mediaStartMs", p.media_start_ms}});
  j["tracks"] = json::array();
  for (const auto& t : tracks) {
    json jt = {{"name", t.name}, {"audio", t.is_audio}, {"timescale", t.timescale}, {"width", t.width},
               {"height", t.height}, {"frameRate", t.frame_rate}, {"bitrate", t.bitrate},
               {"peakBandwidth", t.peak_bandwidth}, {"codecs", t.codecs}, {"nextNumber", t.next_number},
               {"discontinuitySequence", t.discontinuity_sequence}, {"targetDuration", t.target_duration_s}};
    jt["segments"] = json::array();
    for (const auto& s : t.segments)
      jt["segments"].push_back({{"n", s.number}, {"t", s.start}, {"d", s.duration}, {"b", s.bytes},
                                {"p", s.period}, {"disc", s.discontinuity}});
    j["tracks"].push_back(std::move(jt));
  }
  return j.dump(1);
}

Result<StreamState> StreamState::FromJson(const std::string& text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto bad = [](const std::string& m) {
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "cmaf state.json: " + m);
  };
  if (j.is_discarded() || !j.is_object()) return bad("unreadable");
  StreamState s;
  // Every field is type-checked through these helpers (no exceptions).
  auto num = [](const json& o, const char* k) -> int64_t {
    auto it = o.find(k);
    return (it != o.end() && it->is_number()) ? it->get<int64_t>() : 0;
  };
  auto flag = [](const json& o, const char* k) {
    auto it = o.find(k);
    return it != o.end() && it->is_boolean() && it->get<bool>();
  };
  if (num(j, "version") != 1) return bad("wrong version");
  s.segment_duration_s = static_cast<int>(num(j, "segmentDuration"));
  s.window = static_cast<int>(num(j, "window"));
  s.availability_start = num(j, "availabilityStart");
  s.end_ms = num(j, "endMs");
  if (s.segment_duration_s <= 0 || s.window <= 0) return bad("bad segmentDuration/window");
  auto ps = j.find("periods");
  auto ts = j.find("tracks");
  if (ps == j.end() || !ps->is_array() || ps->empty() || ts == j.end() || !ts->is_array())
    return bad("missing periods/tracks");
  for (const auto& p : *ps) {
    if (!p.is_object()) return bad("bad period");
    s.periods.push_back({static_cast<int>(num(p, "index")), num(p, "wallStart"), num(p, "mediaStartMs")});
  }
  for (const auto& jt : *ts) {
    if (!jt.is_object() || !jt.contains("name") || !jt["name"].is_string()) return bad("bad track");
    TrackState t;
    t.name = jt["name"].get<std::string>();
    t.is_audio = flag(jt, "audio");
    t.timescale = static_cast<int>(num(jt, "timescale"));
    t.width = static_cast<int>(num(jt, "width"));
    t.height = static_cast<int>(num(jt, "height"));
    t.frame_rate = static_cast<int>(num(jt, "frameRate"));
    t.bitrate = num(jt, "bitrate");
    t.peak_bandwidth = num(jt, "peakBandwidth");
    t.codecs = jt.contains("codecs") && jt["codecs"].is_string() ? jt["codecs"].get<std::string>() : "";
    t.next_number = num(jt, "nextNumber");
    t.discontinuity_sequence = num(jt, "discontinuitySequence");
    t.target_duration_s = static_cast<int>(num(jt, "targetDuration"));
    if (t.timescale <= 0 || t.next_number <= 0) return bad("bad track " + t.name);
    if (jt.contains("segments") && jt["segments"].is_array()) {
      for (const auto& js : jt["segments"]) {
        if (!js.is_object()) return bad("bad segment");
        t.segments.push_back({num(js, "n"), num(js, "t"), num(js, "d"), num(js, "b"),
                              static_cast<int>(num(js, "p")), flag(js, "disc")});
      }
    }
    s.tracks.push_back(std::move(t));
  }
  return s;
}

}  // namespace ffsb::cmaf
