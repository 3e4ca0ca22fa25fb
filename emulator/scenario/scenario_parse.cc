// Scenario::Parse: the JSON schema of docs/emulator.md ("run"), checked up front.
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emulator/cli/flags.h"
#include "emulator/scenario/scenario.h"

namespace ffsb::emu {
namespace {

Status Bad(const std::string& what) { return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "scenario: " + what); }

std::string Str(const Json& j, const char* k, const std::string& def = "") {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : def;
}

// Which fields each action / expectation needs, and which actor kind each names.
struct Shape {
  std::vector<const char*> required;
};
const std::map<std::string, Shape>& Actions() {
  static const std::map<std::string, Shape> m = {
      {"publish", {{"broadcaster"}}}, {"stop", {{"broadcaster"}}},      {"stall", {{"broadcaster"}}},
      {"resume", {{"broadcaster"}}},  {"off", {{"broadcaster"}}},       {"flap", {{"broadcaster", "on", "off", "count"}}},
      {"goLive", {{"room"}}},         {"end", {{"room"}}},              {"cancel", {{"room"}}},
      {"updateRoom", {{"room", "body"}}}, {"deleteRoom", {{"room"}}},   {"forceEnd", {{"member"}}},
      {"reissue", {{"member"}}},      {"updateMember", {{"member", "body"}}}, {"api", {{"method", "path"}}},
      {"play", {{"viewer"}}},         {"stopPlay", {{"viewer"}}},       {"sleep", {{"seconds"}}},
      {"log", {{"message"}}},
  };
  return m;
}
const std::map<std::string, Shape>& Expectations() {
  static const std::map<std::string, Shape> m = {
      {"streamKey", {{"member"}}}, {"room", {{"room"}}},       {"post", {{"room"}}},
      {"viewer", {{"viewer"}}},    {"broadcaster", {{"broadcaster"}}}, {"transitions", {{"state"}}},
  };
  return m;
}

Status ParseBroadcaster(const Json& b, BroadcasterSpec* out) {
  out->id = Str(b, "id");
  out->member = Str(b, "member");
  out->mode = Str(b, "mode");
  SyntheticOptions& m = out->options.media;
  if (b.contains("size")) {
    if (Status st = ParseSize(Str(b, "size"), &m.width, &m.height); !st.ok()) return st;
  }
  if (b.value("portrait", false)) std::swap(m.width, m.height);
  m.fps = b.value("fps", 30);
  if (b.contains("bitrate")) {
    auto br = b["bitrate"].is_number() ? Result<long long>(b["bitrate"].get<long long>()) : ParseBitrate(Str(b, "bitrate"));
    if (!br.ok()) return br.status();
    m.video_bitrate = *br;
  }
  m.gop_frames = static_cast<int>(b.value("gop", 2.0) * m.fps + 0.5);
  m.audio = b.value("audio", true);
  m.preset = Str(b, "preset", "veryfast");
  out->options.source_file = Str(b, "source");
  out->options.timeout_s = b.value("timeout", 10);
  return Status::Ok();
}

Result<Scenario> ParseImpl(const Json& j) {
  if (!j.is_object()) return Bad("the file must hold a JSON object");
  Scenario s;
  s.name = Str(j, "name", "scenario");
  s.description = Str(j, "description");
  s.timeout_s = j.value("timeout", 300.0);
  s.poll_s = j.value("poll", 0.1);
  s.unique_ids = j.value("uniqueIds", true);
  const Json actors = j.value("actors", Json::object());
  std::map<std::string, std::set<std::string>> ids;  // kind -> ids
  auto add_id = [&](const char* kind, const std::string& id) -> Status {
    if (id.empty()) return Bad(std::string(kind) + " without an id");
    if (!ids[kind].insert(id).second) return Bad(std::string("duplicate ") + kind + " id '" + id + "'");
    return Status::Ok();
  };
  for (const Json& m : actors.value("members", Json::array())) {
    MemberSpec ms{Str(m, "id"), m};
    ms.body.erase("id");
    if (!ms.body.contains("appUserId")) ms.body["appUserId"] = ms.id;
    if (Status st = add_id("member", ms.id); !st.ok()) return st;
    s.members.push_back(std::move(ms));
  }
  for (const Json& r : actors.value("rooms", Json::array())) {
    RoomSpec rs{Str(r, "id"), Str(r, "owner"), r};
    rs.body.erase("id");
    rs.body.erase("owner");
    if (!rs.body.contains("type")) rs.body["type"] = "BROADCAST_RTMP";
    if (!rs.body.contains("title")) rs.body["title"] = rs.id;
    if (Status st = add_id("room", rs.id); !st.ok()) return st;
    if (!ids["member"].count(rs.owner)) return Bad("room '" + rs.id + "' has unknown owner '" + rs.owner + "'");
    s.rooms.push_back(std::move(rs));
  }
  for (const Json& b : actors.value("broadcasters", Json::array())) {
    BroadcasterSpec bs;
    if (Status st = ParseBroadcaster(b, &bs); !st.ok()) return Bad("broadcaster: " + st.message());
    if (Status st = add_id("broadcaster", bs.id); !st.ok()) return st;
    if (!ids["member"].count(bs.member)) return Bad("broadcaster '" + bs.id + "' has unknown member '" + bs.member + "'");
    s.broadcasters.push_back(std::move(bs));
  }
  for (const Json& v : actors.value("viewers", Json::array())) {
    ViewerSpec vs{Str(v, "id"), Str(v, "room"), Str(v, "member"), Str(v, "url"), Str(v, "protocol", "rtmp"),
                  v.value("count", 1), v.value("timeout", 10.0)};
    if (Status st = add_id("viewer", vs.id); !st.ok()) return st;
    if (vs.room.empty() && vs.member.empty() && vs.url.empty()) return Bad("viewer '" + vs.id + "' needs room, member or url");
    if (!vs.room.empty() && !ids["room"].count(vs.room)) return Bad("viewer '" + vs.id + "' has unknown room");
    if (!vs.member.empty() && !ids["member"].count(vs.member)) return Bad("viewer '" + vs.id + "' has unknown member");
    if (vs.count < 1) return Bad("viewer '" + vs.id + "' count must be >= 1");
    s.viewers.push_back(std::move(vs));
  }
  int index = 0;
  for (const Json& t : j.value("timeline", Json::array())) {
    StepSpec st;
    st.index = ++index;
    st.args = t;
    const std::string where = "timeline step " + std::to_string(index);
    if (t.contains("do") == t.contains("expect")) return Bad(where + " needs exactly one of \"do\" and \"expect\"");
    st.is_expect = t.contains("expect");
    st.name = Str(t, st.is_expect ? "expect" : "do");
    const auto& table = st.is_expect ? Expectations() : Actions();
    auto shape = table.find(st.name);
    if (shape == table.end()) return Bad(where + ": unknown " + (st.is_expect ? "expectation '" : "action '") + st.name + "'");
    for (const char* f : shape->second.required)
      if (!t.contains(f)) return Bad(where + " (" + st.name + ") needs \"" + f + "\"");
    for (const char* kind : {"member", "room", "broadcaster", "viewer"}) {
      if (t.contains(kind) && (!t[kind].is_string() || !ids[kind].count(t[kind].get<std::string>())))
        return Bad(where + " names an unknown " + kind);
    }
    if (t.contains("at")) st.at = t["at"].get<double>();
    if (t.contains("after")) st.after = t["after"].get<double>();
    st.continue_on_fail = t.value("continueOnFail", false);
    st.label = st.name;
    for (const char* kind : {"broadcaster", "viewer", "room", "member"})
      if (t.contains(kind)) st.label += " " + t[kind].get<std::string>();
    if (t.contains("state")) st.label += " " + t["state"].dump();
    if (st.name == "api") st.label += " " + Str(t, "method") + " " + Str(t, "path");
    s.steps.push_back(std::move(st));
  }
  return s;
}

}  // namespace

Result<Scenario> Scenario::Parse(const Json& j) {
  try {
    return ParseImpl(j);
  } catch (const Json::exception& e) {
    return Bad(std::string("wrong type: ") + e.what());
  }
}

Result<Scenario> Scenario::FromFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Bad("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  Json j = Json::parse(ss.str(), nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (j.is_discarded()) return Bad(path + " is not valid JSON");
  return Parse(j);
}

}  // namespace ffsb::emu
