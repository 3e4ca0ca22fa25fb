// ffsandbox.MemberClient: the member API (/v2/members/me, Bearer token from
// Client.login_member). Same conventions as Client.
#include "emulator/api/server_api.h"
#include "pybind/bindings.h"
#include "pybind/errors.h"

namespace ffsb::py {

void BindMemberClient(pyb::module_& m) {
  using emu::Json;
  using emu::MemberApi;
  pyb::class_<MemberApi> c(m, "MemberClient", R"(The member API (/v2/members/me), Bearer auth.

    tokens = client.login_member("alice")
    me = ffsandbox.MemberClient(base_url, tokens["accessToken"])
    me.stream_key()

A member sees and changes only its own rooms.)");
  c.def(pyb::init([](const std::string& base_url, const std::string& token) {
          return MemberApi(emu::ApiClient::ForMember(base_url, token));
        }),
        pyb::arg("base_url"), pyb::arg("access_token"));
  c.def("request", [](const MemberApi& a, const std::string& method, const std::string& path, pyb::object body) {
          Json b = FromPython(body);
          std::string p = path.rfind("/v2/", 0) == 0 ? path : "/v2/members/me" + path;
          return CallApi([&] { return a.Request(method, p, b); });
        },
        pyb::arg("method"), pyb::arg("path"), pyb::arg("body") = pyb::none(),
        "Any call: path absolute (/v2/...) or relative to /v2/members/me.");
  c.def("me", [](const MemberApi& a) { return CallApi([&] { return a.Me(); }); }, "GET /v2/members/me.");
  c.def("stream_key", [](const MemberApi& a) { return CallApi([&] { return a.StreamKey(); }); },
        "GET /v2/members/me/stream-key.");
  c.def("create_room", [](const MemberApi& a, pyb::object scheduled_at, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          if (!b.contains("type")) b["type"] = "BROADCAST_RTMP";
          if (!scheduled_at.is_none()) b["scheduledAt"] = FromPython(scheduled_at);
          return CallApi([&] { return a.CreateRoom(b); });
        }, pyb::arg("scheduled_at"), "POST /v2/members/me/video-rooms (title, description, ...).");
  c.def("list_rooms", [](const MemberApi& a, pyb::kwargs kw) {
          auto q = QueryFromKwargs(kw);
          return CallApi([&] { return a.ListRooms(q); });
        }, "GET /v2/members/me/video-rooms: a page of the member's rooms.");
  c.def("get_room", [](const MemberApi& a, long long id) { return CallApi([&] { return a.GetRoom(id); }); },
        pyb::arg("id"), "GET /v2/members/me/video-rooms/{id}.");
  c.def("get_room_by_uuid", [](const MemberApi& a, const std::string& uuid) {
          return CallApi([&] { return a.GetRoomByUuid(uuid); });
        }, pyb::arg("uuid"), "GET /v2/members/me/video-rooms/uuid/{uuid}.");
  c.def("update_room", [](const MemberApi& a, long long id, pyb::kwargs kw) {
          Json b = BodyFromKwargs(kw);
          return CallApi([&] { return a.UpdateRoom(id, b); });
        }, pyb::arg("id"), "PATCH /v2/members/me/video-rooms/{id}.");
  c.def("delete_room", [](const MemberApi& a, long long id) { return CallApi([&] { return a.DeleteRoom(id); }); },
        pyb::arg("id"), "DELETE /v2/members/me/video-rooms/{id}.");
  c.def("start_room", [](const MemberApi& a, long long id) { return CallApi([&] { return a.StartRoom(id); }); },
        pyb::arg("id"), "POST /v2/members/me/video-rooms/{id}/start (go live).");
  c.def("end_room", [](const MemberApi& a, long long id) { return CallApi([&] { return a.EndRoom(id); }); },
        pyb::arg("id"), "POST /v2/members/me/video-rooms/{id}/end.");
}

}  // namespace ffsb::py
