// What the control plane answers: an entity together with the related
// entities its API shape embeds (contract §3–§7), loaded in the same read
// transaction so a response never mixes two states.
//
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>

#include "server/domain/entities.h"
#include "server/store/store.h"

namespace ffsb::control {

using domain::Id;

struct MemberView {
  domain::Member member;
  domain::App app;
};

struct StreamKeyView {
  domain::StreamKey key;
  domain::App app;
  domain::Member member;
  std::optional<domain::VideoRoom> room;  // while a room broadcasts with the key
  std::optional<domain::TranscodingProfile> profile;
};

struct VideoRoomView {
  domain::VideoRoom room;
  domain::App app;
  domain::Member member;
  std::optional<domain::StreamKey> key;   // while broadcasting
  std::optional<domain::VideoPost> post;  // the recording
};

struct VideoPostView {
  domain::VideoPost post;
  domain::App app;
  domain::Member member;
  std::optional<domain::VideoRoom> room;
  std::optional<domain::TranscodingProfile> video_profile, preview_profile, thumbnail_profile;
};

struct CreatedApp {
  domain::App app;
  std::string secret;  // plaintext, shown once
};

// Tokens answered by member login (contract §3).
struct MemberTokens {
  std::string access_token;
  std::string refresh_token;
  std::string streaming_token;
  Micros access_expires_at = 0;
};

struct LoginResult {
  MemberTokens tokens;
  std::optional<MemberView> member;  // null for a guest
  bool created = false;
};

struct UpsertResult {
  MemberView member;
  bool created = false;
};

// A Bearer-authenticated caller of /v2/members/me.
struct MemberPrincipal {
  domain::App app;
  domain::Member member;
};

// A field of a PATCH/upsert body: absent (nullopt), JSON null (inner
// nullopt: clear it), or a value.
template <typename T>
using Field = std::optional<std::optional<T>>;

struct MemberFields {
  Field<std::string> app_user_name;
  Field<std::string> app_user_profile_img_url;
  Field<std::string> email;
  Field<std::string> custom_type;
  Field<domain::CustomData> custom_data;
};

struct RoomFields {
  Field<std::string> title;
  Field<std::string> description;
  Field<Micros> scheduled_at;
  std::optional<domain::AccessLevel> access_level;
  Field<std::string> custom_type;
  Field<domain::CustomData> custom_data;
};

// The editable fields of a video post (contract §6).
struct PostFields {
  Field<std::string> title;
  Field<std::string> description;
  std::optional<domain::AccessLevel> access_level;
  Field<domain::CustomData> custom_data;
};

struct AppSettingsPatch {
  std::optional<domain::OutputMode> default_output_mode;
  Field<std::string> callback_url;
  Field<std::string> callback_access_id;
  Field<std::string> callback_access_password;
  std::optional<int> auto_end_after_inactive_seconds;
};

struct StreamKeyPatch {
  std::optional<Id> profile_id;
  Field<domain::OutputMode> mode;  // the key's own default mode; null clears it
};

// Who is calling a room use case. A member sees and changes only its own
// rooms (contract §3): other rooms are VIDEO_ROOM_NOT_FOUND.
struct Caller {
  domain::CreatorType type = domain::CreatorType::APP;
  Id id = 0;                       // app id or member id
  std::optional<Id> only_member;   // set for the member API
};

// Granted to the media plane when an RTMP publish is accepted.
struct IngestGrant {
  Id stream_key_id = 0;
  Id app_id = 0;
  Id member_id = 0;
  std::string play_id;
  domain::OutputMode mode = domain::OutputMode::RTMP;
  std::string profile_json;
  std::optional<Id> live_room_id;
};

}  // namespace ffsb::control
