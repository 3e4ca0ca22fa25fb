// ffsandbox.Client: the server API (contract §3-§7) over emu::ServerApi.
// Every method returns the answer's JSON as plain dicts/lists (None for 204)
// or raises ApiError and its subclasses; the HTTP call runs without the GIL.
#include <chrono>
#include <thread>

#include "emulator/api/server_api.h"
#include "pybind/bindings.h"
#include "pybind/errors.h"

namespace ffsb::py {
namespace {

using emu::Json;
using emu::ServerApi;

// Waits (without the GIL) until fetch() answers with body[field] == want.
pyb::object WaitState(const std::function<emu::ApiResponse()>& fetch, const char* field, const std::string& want,
                      double timeout) {
  emu::ApiResponse r;
  {
    pyb::gil_scoped_release release;
    auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
    for (;;) {
      r = fetch();
      if (r.ok() && r.body.is_object() && r.body.value(field, Json()) == Json(want)) break;
      if (std::chrono::steady_clock::now() >= end) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  pyb::object body = Unwrap(r);
  if (!(r.body.is_object() && r.body.value(field, Json()) == Json(want))) {
    std::string got = r.body.is_object() ? r.body.value(field, Json()).dump() : "?";
    throw pyb::value_error(std::string("timed out after ") + std::to_string(timeout) + " s waiting for " + field +
                           " " + want + " (last " + got + ")");
  }
  return body;
}

std::string Ids(const pyb::args& ids) {
  std::string s;
  for (auto id : ids) s += (s.empty() ? "" : ",") + std::string(pyb::str(id));
  return s;
}

// For paths given relative to the server API: "/members" -> "/v2/apps/me/members".
std::string AppPath(const std::string& path) {
  if (path.rfind("/v2/", 0) == 0) return path;
  return "/v2/apps/me" + (path.empty() || path[0] == '/' ? path : "/" + path);
}

}  // namespace

void BindClient(pyb::module_& m) {
  pyb::class_<ServerApi> c(m, "Client", R"(The server API of one app (contract §3-§7), Basic auth.

    client = ffsandbox.Client("http://127.0.0.1:8080", app_key, app_secret)
    client.upsert_member("alice", app_user_name="Alice")

Keyword arguments are sent with camelCase names (app_user_name -> appUserName);
None values are left out. Answers are plain dicts; errors raise ApiError
(NotFoundError 404, AuthError 401, StateError for 400 state codes).)");
  c.def(pyb::init([](const std::string& base_url, const std::string& key, const std::string& secret) {
          return ServerApi(emu::ApiClient::ForApp(base_url, key, secret));
        }),
        pyb::arg("base_url"), pyb::arg("app_key"), pyb::arg("app_secret"),
        "base_url: the API server, e.g. http://127.0.0.1:8080 (no path).");
  c.def_property_readonly("base_url", [](const ServerApi& a) { return a.client().base_url(); }, "The API server URL.");
  c.def("request", [](const ServerApi& a, const std::string& method, const std::string& path, pyb::object body,
                      pyb::object query) {
          Json b = FromPython(body);
          emu::Query q;
          if (!query.is_none())
            for (auto item : query.cast<pyb::dict>()) q[pyb::str(item.first)] = pyb::str(item.second);
          return CallApi([&] { return a.Request(method, AppPath(path), b, q); });
        },
        pyb::arg("method"), pyb::arg("path"), pyb::arg("body") = pyb::none(), pyb::arg("query") = pyb::none(),
        "Any call: method (GET, POST, PATCH, PUT, DELETE), path absolute (/v2/...) or relative to /v2/apps/me, "
        "body a JSON-able value, query a dict.");

  // §3 members
  c.def("upsert_member", [](const ServerApi& a, const std::string& id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          b["appUserId"] = id;
          return CallApi([&] { return a.UpsertMember(b); });
        }, pyb::arg("app_user_id"),
        "POST /members: creates the member and its stream key, or updates it. Fields: app_user_name, "
        "app_user_profile_img_url, email, custom_type, custom_data (dict).");
  c.def("login_member", [](const ServerApi& a, const std::string& id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          b["appUserId"] = id;
          return CallApi([&] { return a.LoginMember(b); });
        }, pyb::arg("app_user_id"),
        "POST /members/login: registers the member if new; returns {accessToken, refreshToken, streamingToken}.");
  c.def("login_as_guest", [](const ServerApi& a, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.LoginAsGuest(b); });
        }, "POST /members/login-as-guest: tokens for an anonymous viewer.");
  c.def("list_members", [](const ServerApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListMembers(q); });
        }, "GET /members: a page. Query: page, page_size, sort_by, app_user_id, app_user_name.");
  c.def("get_member", [](const ServerApi& a, const std::string& id) { return CallApi([&] { return a.GetMember(id); }); },
        pyb::arg("app_user_id"), "GET /members/{appUserId}.");
  c.def("update_member", [](const ServerApi& a, const std::string& id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.UpdateMember(id, b); });
        }, pyb::arg("app_user_id"),
        "PATCH /members/{appUserId}: app_user_name, app_user_profile_img_url, custom_type, custom_data.");
  c.def("delete_members", [](const ServerApi& a, pyb::args ids) {
          std::string s = Ids(ids);
          return CallApi([&] { return a.DeleteMembers(s); });
        }, "DELETE /members/{id,id,...}: deletes one or more members (204, returns None).");
  c.def("member_stream_key", [](const ServerApi& a, const std::string& id) {
          return CallApi([&] { return a.MemberStreamKey(id); });
        }, pyb::arg("app_user_id"), "GET /members/{appUserId}/stream-key: the member's StreamKey.");
  c.def("force_terminate_member", [](const ServerApi& a, const std::string& id) {
          return CallApi([&] { return a.ForceTerminateMember(id); });
        }, pyb::arg("app_user_id"),
        "POST /members/{appUserId}/stream-key/force-terminate: drops the ingest, reissues the key, ends the room.");

  // §4 stream keys
  c.def("list_stream_keys", [](const ServerApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListStreamKeys(q); });
        }, "GET /stream-keys: a page. Query: member_id, app_user_id, app_user_name, video_room_id, page, page_size.");
  c.def("get_stream_key", [](const ServerApi& a, long long id) { return CallApi([&] { return a.GetStreamKey(id); }); },
        pyb::arg("id"), "GET /stream-keys/{id}.");
  c.def("update_stream_key", [](const ServerApi& a, long long id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.UpdateStreamKey(id, b); });
        }, pyb::arg("id"), "PATCH /stream-keys/{id}: profile_id (a BROADCAST_RTMP profile), mode.");
  c.def("reissue_stream_key", [](const ServerApi& a, long long id) {
          return CallApi([&] { return a.ReissueStreamKey(id); });
        }, pyb::arg("id"), "POST /stream-keys/{id}/reissue: a new key string.");
  c.def("force_terminate_stream_key", [](const ServerApi& a, long long id) {
          return CallApi([&] { return a.ForceTerminateStreamKey(id); });
        }, pyb::arg("id"), "POST /stream-keys/{id}/force-terminate (contract §5 force end).");

  // §5 rooms
  c.def("create_room", [](const ServerApi& a, const std::string& owner, pyb::object scheduled_at, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          b["appUserId"] = owner;
          if (!b.contains("type")) b["type"] = "BROADCAST_RTMP";
          if (!scheduled_at.is_none()) b["scheduledAt"] = FromPython(scheduled_at);
          return CallApi([&] { return a.CreateRoom(b); });
        }, pyb::arg("app_user_id"), pyb::arg("scheduled_at"),
        "POST /video-rooms (type BROADCAST_RTMP unless given). scheduled_at: ISO-8601 string or datetime "
        "(naive = UTC). Fields: title, description, access_level, custom_type, custom_data.");
  c.def("list_rooms", [](const ServerApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListRooms(q); });
        }, "GET /video-rooms: a page. Query: member_id, app_user_id, keyword, video_room_state, type, access_level.");
  c.def("get_room", [](const ServerApi& a, long long id) { return CallApi([&] { return a.GetRoom(id); }); },
        pyb::arg("id"), "GET /video-rooms/{id}.");
  c.def("update_room", [](const ServerApi& a, long long id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.UpdateRoom(id, b); });
        }, pyb::arg("id"), "PATCH /video-rooms/{id}: title, description, scheduled_at, custom_data...");
  c.def("delete_room", [](const ServerApi& a, long long id) { return CallApi([&] { return a.DeleteRoom(id); }); },
        pyb::arg("id"), "DELETE /video-rooms/{id}.");
  c.def("go_live", [](const ServerApi& a, long long id) { return CallApi([&] { return a.GoLive(id); }); },
        pyb::arg("id"), "POST /video-rooms/{id}/rtmp-broadcast/state/live: SCHEDULED room, owner's key ACTIVE.");
  c.def("end_broadcast", [](const ServerApi& a, long long id) { return CallApi([&] { return a.EndBroadcast(id); }); },
        pyb::arg("id"), "POST /video-rooms/{id}/rtmp-broadcast/state/ended: room LIVE_INACTIVE, key INACTIVE_LIVE.");
  c.def("cancel_broadcast", [](const ServerApi& a, long long id) {
          return CallApi([&] { return a.CancelBroadcast(id); });
        }, pyb::arg("id"), "POST /video-rooms/{id}/rtmp-broadcast/state/cancelled: SCHEDULED room.");

  // §6, §7, app
  c.def("list_posts", [](const ServerApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListPosts(q); });
        }, "GET /video-posts: a page. Query: member_id, app_user_id, video_post_state, access_level, keyword.");
  c.def("get_post", [](const ServerApi& a, long long id) { return CallApi([&] { return a.GetPost(id); }); },
        pyb::arg("id"), "GET /video-posts/{id}.");
  c.def("list_profiles", [](const ServerApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListProfiles(q); });
        }, "GET /transcoding-profiles: a page. Query: type, creator_type, representative_type, name.");
  c.def("get_profile", [](const ServerApi& a, long long id) { return CallApi([&] { return a.GetProfile(id); }); },
        pyb::arg("id"), "GET /transcoding-profiles/{id}.");
  c.def("get_app", [](const ServerApi& a) { return CallApi([&] { return a.GetApp(); }); },
        "GET /v2/apps/me: the app's settings.");
  c.def("update_app", [](const ServerApi& a, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.UpdateApp(b); });
        }, "PATCH /v2/apps/me: default_rtmp_output_mode (RTMP, CMAF, RTMP_CMAF), callback (dict)...");

  // Waiting helpers (poll every 100 ms without the GIL).
  c.def("wait_stream_key_state", [](const ServerApi& a, const std::string& id, const std::string& state, double timeout) {
          return WaitState([&] { return a.MemberStreamKey(id); }, "streamKeyState", state, timeout);
        }, pyb::arg("app_user_id"), pyb::arg("state"), pyb::arg("timeout") = 20.0,
        "Polls the member's stream key until streamKeyState == state; returns it, ValueError on timeout.");
  c.def("wait_room_state", [](const ServerApi& a, long long id, const std::string& state, double timeout) {
          return WaitState([&] { return a.GetRoom(id); }, "videoRoomState", state, timeout);
        }, pyb::arg("id"), pyb::arg("state"), pyb::arg("timeout") = 20.0,
        "Polls the room until videoRoomState == state; returns it, ValueError on timeout.");
  c.def("wait_post_state", [](const ServerApi& a, long long id, const std::string& state, double timeout) {
          return WaitState([&] { return a.GetPost(id); }, "videoPostState", state, timeout);
        }, pyb::arg("id"), pyb::arg("state") = "PROCESSED", pyb::arg("timeout") = 120.0,
        "Polls the video post until videoPostState == state; returns it, ValueError on timeout.");
}

}  // namespace ffsb::py
