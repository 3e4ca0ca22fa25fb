// Every call of the server API (contract §3-§7, base /v2/apps/me, Basic
// auth) and of the member API (/v2/members/me, Bearer), one method each, as
// thin value-returning wrappers over ApiClient. Ids in paths are the
// contract's: appUserId for members, numeric ids for keys, rooms, posts and
// profiles. The scenario runner and the Python module both use these.
//
// Thread-safety: as ApiClient (const methods, one connection per call).
#pragma once

#include <string>

#include "emulator/api/api_client.h"

namespace ffsb::emu {

class ServerApi {
 public:
  explicit ServerApi(ApiClient client) : c_(std::move(client)) {}
  const ApiClient& client() const { return c_; }
  ApiResponse Request(const std::string& method, const std::string& path, const Json& body = nullptr,
                      const Query& q = {}) const {
    return c_.Request(method, path, body, q);
  }

  // §3 members
  ApiResponse UpsertMember(const Json& body) const { return App("POST", "/members", body); }
  ApiResponse LoginMember(const Json& body) const { return App("POST", "/members/login", body); }
  ApiResponse LoginAsGuest(const Json& body = Json::object()) const { return App("POST", "/members/login-as-guest", body); }
  ApiResponse ListMembers(const Query& q = {}) const { return App("GET", "/members", nullptr, q); }
  ApiResponse GetMember(const std::string& app_user_id) const { return App("GET", M(app_user_id)); }
  ApiResponse UpdateMember(const std::string& app_user_id, const Json& body) const { return App("PATCH", M(app_user_id), body); }
  // app_user_ids: one id or several joined by commas.
  ApiResponse DeleteMembers(const std::string& app_user_ids) const { return App("DELETE", "/members/" + app_user_ids); }
  ApiResponse MemberStreamKey(const std::string& app_user_id) const { return App("GET", M(app_user_id) + "/stream-key"); }
  ApiResponse ForceTerminateMember(const std::string& app_user_id) const {
    return App("POST", M(app_user_id) + "/stream-key/force-terminate");
  }

  // §4 stream keys
  ApiResponse ListStreamKeys(const Query& q = {}) const { return App("GET", "/stream-keys", nullptr, q); }
  ApiResponse GetStreamKey(long long id) const { return App("GET", K(id)); }
  ApiResponse UpdateStreamKey(long long id, const Json& body) const { return App("PATCH", K(id), body); }
  ApiResponse ReissueStreamKey(long long id) const { return App("POST", K(id) + "/reissue"); }
  ApiResponse ForceTerminateStreamKey(long long id) const { return App("POST", K(id) + "/force-terminate"); }

  // §5 video rooms
  ApiResponse CreateRoom(const Json& body) const { return App("POST", "/video-rooms", body); }
  ApiResponse ListRooms(const Query& q = {}) const { return App("GET", "/video-rooms", nullptr, q); }
  ApiResponse GetRoom(long long id) const { return App("GET", R(id)); }
  ApiResponse UpdateRoom(long long id, const Json& body) const { return App("PATCH", R(id), body); }
  ApiResponse DeleteRoom(long long id) const { return App("DELETE", R(id)); }
  ApiResponse GoLive(long long id) const { return App("POST", R(id) + "/rtmp-broadcast/state/live"); }
  ApiResponse EndBroadcast(long long id) const { return App("POST", R(id) + "/rtmp-broadcast/state/ended"); }
  ApiResponse CancelBroadcast(long long id) const { return App("POST", R(id) + "/rtmp-broadcast/state/cancelled"); }

  // §6 video posts, §7 transcoding profiles, app settings
  ApiResponse ListPosts(const Query& q = {}) const { return App("GET", "/video-posts", nullptr, q); }
  ApiResponse GetPost(long long id) const { return App("GET", "/video-posts/" + std::to_string(id)); }
  ApiResponse ListProfiles(const Query& q = {}) const { return App("GET", "/transcoding-profiles", nullptr, q); }
  ApiResponse GetProfile(long long id) const { return App("GET", "/transcoding-profiles/" + std::to_string(id)); }
  ApiResponse GetApp() const { return App("GET", ""); }
  ApiResponse UpdateApp(const Json& body) const { return App("PATCH", "", body); }

 private:
  static constexpr const char* kBase = "/v2/apps/me";
  ApiResponse App(const std::string& method, const std::string& rest, const Json& body = nullptr,
                  const Query& q = {}) const {
    return c_.Request(method, kBase + rest, body, q);
  }
  static std::string M(const std::string& id) { return "/members/" + UrlEncode(id); }
  static std::string K(long long id) { return "/stream-keys/" + std::to_string(id); }
  static std::string R(long long id) { return "/video-rooms/" + std::to_string(id); }
  ApiClient c_;
};

// The member API (contract §3, Bearer token from member login).
class MemberApi {
 public:
  explicit MemberApi(ApiClient client) : c_(std::move(client)) {}
  ApiResponse Request(const std::string& method, const std::string& path, const Json& body = nullptr,
                      const Query& q = {}) const {
    return c_.Request(method, path, body, q);
  }
  ApiResponse Me() const { return Call("GET", ""); }
  ApiResponse StreamKey() const { return Call("GET", "/stream-key"); }
  ApiResponse CreateRoom(const Json& body) const { return Call("POST", "/video-rooms", body); }
  ApiResponse ListRooms(const Query& q = {}) const { return Call("GET", "/video-rooms", nullptr, q); }
  ApiResponse GetRoom(long long id) const { return Call("GET", R(id)); }
  ApiResponse GetRoomByUuid(const std::string& uuid) const { return Call("GET", "/video-rooms/uuid/" + UrlEncode(uuid)); }
  ApiResponse UpdateRoom(long long id, const Json& body) const { return Call("PATCH", R(id), body); }
  ApiResponse DeleteRoom(long long id) const { return Call("DELETE", R(id)); }
  ApiResponse StartRoom(long long id) const { return Call("POST", R(id) + "/start"); }
  ApiResponse EndRoom(long long id) const { return Call("POST", R(id) + "/end"); }

 private:
  ApiResponse Call(const std::string& method, const std::string& rest, const Json& body = nullptr,
                   const Query& q = {}) const {
    return c_.Request(method, "/v2/members/me" + rest, body, q);
  }
  static std::string R(long long id) { return "/video-rooms/" + std::to_string(id); }
  ApiClient c_;
};

}  // namespace ffsb::emu
