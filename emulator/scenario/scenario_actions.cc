// The "do" steps of a scenario: API calls and broadcaster/viewer control.
// Each returns a short detail for the timeline, or an error.
#include <sstream>

#include "emulator/scenario/run_context.h"

namespace ffsb::emu {
namespace {

Status Fail(const std::string& what) { return Status(ErrorCode::SERVICE_UNAVAILABLE, what); }

std::string Str(const Json& j, const char* k, const std::string& def = "") {
  auto it = j.find(k);
  return it != j.end() && it->is_string() ? it->get<std::string>() : def;
}

// An API step passes on 2xx, or when it got exactly expectError / expectStatus.
Result<std::string> Check(const ApiResponse& r, const Json& step, const std::string& ok_text) {
  if (step.contains("expectError")) {
    std::string want = Str(step, "expectError");
    if (r.error_code == want) return "refused as expected: " + r.Describe();
    return Fail("expected error " + want + ", got " + r.Describe());
  }
  if (step.contains("expectStatus")) {
    int want = step["expectStatus"].get<int>();
    if (r.status == want) return "HTTP " + std::to_string(r.status) + " as expected";
    return Fail("expected HTTP " + std::to_string(want) + ", got " + r.Describe());
  }
  if (!r.ok()) return Fail(r.Describe());
  return ok_text.empty() ? "HTTP " + std::to_string(r.status) : ok_text;
}

std::string RoomStateText(const ApiResponse& r) {
  if (!r.body.is_object()) return "HTTP " + std::to_string(r.status);
  return "room " + r.body.value("videoRoomState", std::string("?"));
}

Result<BreakKind> KindOf(const Json& step, BreakKind def) {
  if (!step.contains("kind")) return def;
  return ParseBreakKind(Str(step, "kind"));
}

const char* PlayUrlField(const std::string& protocol) {
  if (protocol == "flv") return "httpFlvPlayUrl";
  if (protocol == "hls") return "cmafHlsPlayUrl";
  if (protocol == "dash") return "cmafDashPlayUrl";
  return "rtmpPlayUrl";
}

}  // namespace

Result<std::string> RunContext::DoAction(const StepSpec& step) {
  const Json& a = step.args;
  const std::string& n = step.name;
  if (n == "publish") {
    const std::string id = Str(a, "broadcaster");
    const BroadcasterSpec* spec = nullptr;
    for (const auto& b : s_.broadcasters)
      if (b.id == id) spec = &b;
    if (broadcasters_.count(id) && broadcasters_[id]->running()) return Fail("broadcaster " + id + " is already on");
    auto key = StreamKeyOf(spec->member);
    if (!key.ok()) return key.status();
    BroadcasterOptions bo = spec->options;
    std::string mode = Str(a, "mode", spec->mode);
    bo.url = key->value("ingestUrl", "") + "/" + key->value("streamKey", "") + (mode.empty() ? "" : "?mode=" + mode);
    auto b = std::make_unique<Broadcaster>(bo);
    Status st = b->Start();
    std::string where = b->redacted_url();
    {
      std::lock_guard<std::mutex> l(mu_);
      broadcasters_[id] = std::move(b);
    }
    if (a.value("expectRefused", false)) {
      if (st.ok()) return Fail("publish to " + where + " was accepted, expected a refusal");
      return "refused as expected: " + st.message();
    }
    if (!st.ok()) return Fail("publish to " + where + ": " + st.message());
    std::ostringstream d;
    d << "publishing " << bo.media.width << "x" << bo.media.height << "@" << bo.media.fps << " to " << where;
    return d.str();
  }
  if (n == "stop" || n == "stall" || n == "resume" || n == "off") {
    const std::string id = Str(a, "broadcaster");
    auto it = broadcasters_.find(id);
    if (it == broadcasters_.end()) return Fail("broadcaster " + id + " never published");
    Broadcaster& b = *it->second;
    if (n == "resume") {
      b.Resume();
      return std::string("resumed");
    }
    auto kind = KindOf(a, n == "stall" ? BreakKind::kStall : BreakKind::kClean);
    if (!kind.ok()) return kind.status();
    if (n == "stop") {
      if (*kind == BreakKind::kStall) return Fail("stop takes kind clean or abrupt");
      b.Stop(*kind);
      BroadcasterStats s = b.stats();
      return "stopped (" + std::string(BreakKindName(*kind)) + ") after " + std::to_string(s.video_frames) + " frames";
    }
    double seconds = a.value("seconds", 0.0);
    if (Status st = b.GoOff(n == "stall" ? BreakKind::kStall : *kind, seconds); !st.ok()) return st;
    if (a.value("wait", false) && seconds > 0) SleepFor(seconds);
    return std::string(BreakKindName(n == "stall" ? BreakKind::kStall : *kind)) + " off air " +
           (seconds > 0 ? "for " + std::to_string(seconds).substr(0, 4) + " s" : "until resumed");
  }
  if (n == "flap") {
    auto it = broadcasters_.find(Str(a, "broadcaster"));
    if (it == broadcasters_.end()) return Fail("broadcaster never published");
    auto kind = KindOf(a, BreakKind::kClean);
    if (!kind.ok()) return kind.status();
    double on = a["on"].get<double>(), off = a["off"].get<double>();
    int count = a["count"].get<int>();
    for (int i = 0; i < count; ++i) {
      if (!SleepFor(on)) return Fail("stopped while flapping");
      if (Status st = it->second->GoOff(*kind, off); !st.ok()) return Fail("cycle " + std::to_string(i + 1) + ": " + st.message());
      if (!SleepFor(off)) return Fail("stopped while flapping");
    }
    return std::to_string(count) + " cycles of " + std::to_string(on).substr(0, 4) + " s on / " +
           std::to_string(off).substr(0, 4) + " s off (" + std::string(BreakKindName(*kind)) + ")";
  }
  if (n == "goLive" || n == "end" || n == "cancel" || n == "deleteRoom" || n == "updateRoom") {
    long long id = RoomId(Str(a, "room"));
    ApiResponse r = n == "goLive" ? api_.GoLive(id)
                    : n == "end"  ? api_.EndBroadcast(id)
                    : n == "cancel" ? api_.CancelBroadcast(id)
                    : n == "deleteRoom" ? api_.DeleteRoom(id)
                                        : api_.UpdateRoom(id, Substitute(a["body"]));
    return Check(r, a, n == "deleteRoom" ? "deleted" : RoomStateText(r));
  }
  if (n == "forceEnd" || n == "reissue" || n == "updateMember") {
    const std::string member = Str(a, "member");
    ApiResponse r;
    if (n == "updateMember") {
      r = api_.UpdateMember(AppUserId(member), Substitute(a["body"]));
    } else if (n == "reissue") {
      r = api_.ReissueStreamKey(key_ids_.at(member));
    } else if (Str(a, "via") == "streamKey") {
      r = api_.ForceTerminateStreamKey(key_ids_.at(member));
    } else {
      r = api_.ForceTerminateMember(AppUserId(member));
    }
    return Check(r, a, "");
  }
  if (n == "api") {
    ApiResponse r = api_.Request(Str(a, "method"), Substitute(a["path"]).get<std::string>(),
                                 a.contains("body") ? Substitute(a["body"]) : Json(nullptr));
    return Check(r, a, "");
  }
  if (n == "play") {
    const std::string id = Str(a, "viewer");
    const ViewerSpec* spec = nullptr;
    for (const auto& v : s_.viewers)
      if (v.id == id) spec = &v;
    std::string url = spec->url;
    if (url.empty()) {
      Result<Json> src = spec->room.empty() ? StreamKeyOf(spec->member) : RoomOf(spec->room);
      if (!src.ok()) return src.status();
      const char* field = PlayUrlField(spec->protocol);
      if (src->contains(field) && (*src)[field].is_string()) url = (*src)[field];
      if (url.empty() && !spec->room.empty()) {  // not live (yet): the owner's key plays while ACTIVE
        for (const auto& r : s_.rooms)
          if (r.id == spec->room) {
            auto key = StreamKeyOf(r.owner);
            if (key.ok() && key->contains(field) && (*key)[field].is_string()) url = (*key)[field];
          }
      }
      if (url.empty()) return Fail(std::string("no ") + field + " to play");
    }
    std::vector<std::unique_ptr<Viewer>> started;
    for (int i = 0; i < spec->count; ++i) {
      auto v = Viewer::Create(url, spec->protocol == "rtmp" && url.rfind("rtmp", 0) != 0 ? "" : spec->protocol,
                              spec->media_timeout_s);
      if (!v.ok()) return v.status();
      if (Status st = (*v)->Start(); !st.ok()) return st;
      started.push_back(std::move(*v));
    }
    {
      std::lock_guard<std::mutex> l(mu_);
      auto& list = viewers_[id];
      for (auto& v : started) list.push_back(std::move(v));
    }
    return std::to_string(spec->count) + " " + spec->protocol + " viewer" + (spec->count > 1 ? "s" : "") +
           " started";
  }
  if (n == "stopPlay") {
    auto it = viewers_.find(Str(a, "viewer"));
    if (it == viewers_.end()) return Fail("viewer never played");
    for (auto& v : it->second) v->RequestStop();
    uint64_t frames = 0;
    for (auto& v : it->second) {
      v->Stop();
      frames += v->stats().video_frames;
    }
    return "stopped after " + std::to_string(frames) + " video frames";
  }
  if (n == "sleep") {
    if (!SleepFor(a["seconds"].get<double>())) return Fail("stopped");
    return std::string("slept");
  }
  if (n == "log") return Str(a, "message");
  return Fail("unknown action " + n);
}

}  // namespace ffsb::emu
