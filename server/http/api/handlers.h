// One registration function per resource file (see api.h).
#pragma once

#include "server/http/api/context.h"

namespace ffsb::http::api {

void RegisterMembers(const Ctx& ctx);             // members.cc
void RegisterStreamKeys(const Ctx& ctx);          // stream_keys.cc
void RegisterVideoRooms(const Ctx& ctx);          // video_rooms.cc
void RegisterVideoPosts(const Ctx& ctx);          // video_posts.cc
void RegisterVideoPostUploads(const Ctx& ctx);    // video_post_uploads.cc
void RegisterTranscodingProfiles(const Ctx& ctx); // transcoding_profiles.cc
void RegisterAppSettings(const Ctx& ctx);         // app_settings.cc
void RegisterMemberApi(const Ctx& ctx);           // member_api.cc
void RegisterOpenApi(const Ctx& ctx);             // openapi.cc

// Shared by members.cc and member_api.cc: the optional member fields of an
// upsert/PATCH body.
Result<control::MemberFields> ReadMemberFields(const json& body, bool with_email);
// Shared by video_rooms.cc and member_api.cc.
Result<control::RoomFields> ReadRoomFields(const json& body);

}  // namespace ffsb::http::api
