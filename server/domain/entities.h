// The entities of contract.md §1, as plain values. No I/O, no JSON: the store
// persists them and the HTTP layer renders them. Ids are SQLite rowids (> 0);
// 0 means "not yet stored". Times are ffsb::Micros (UTC).
//
// Invariants:
//  - every entity belongs to exactly one App (app_id); cross-app reads are 404s.
//  - one StreamKey per Member, created with it.
//  - a StreamKey's live_room_id is set exactly while its state is one of the
//    *_LIVE* states (a room is broadcasting with it).
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/domain/enums.h"

namespace ffsb::domain {

using Id = int64_t;
using CustomData = std::map<std::string, std::string>;

struct Callback {
  std::string url;  // empty: no webhooks
  std::string access_id;
  std::string access_password;
};

struct App {
  Id id = 0;
  EntityState state = EntityState::ACTIVE;
  std::string name;
  std::string api_key;
  std::string api_secret_hash;  // never the secret itself (see app/credentials)
  OutputMode default_output_mode = OutputMode::RTMP;  // Decided: contract §4
  Callback callback;
  // Beyond the real service (off when 0): end a broadcast whose ingest stayed
  // down this many seconds.
  int auto_end_after_inactive_seconds = 0;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

struct Member {
  Id id = 0;
  Id app_id = 0;
  EntityState state = EntityState::ACTIVE;
  std::string app_user_id;  // ASCII letters and digits only
  std::optional<std::string> app_user_name;
  std::optional<std::string> app_user_profile_img_url;
  std::optional<std::string> email;
  std::optional<std::string> custom_type;
  std::optional<CustomData> custom_data;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

struct StreamKeyError {
  std::string code;
  std::string message;
  Micros occurred_at = 0;
};

// Per-ingest statistics, filled by the media plane (issue 3).
struct IngestStats {
  std::string video_codec;  // "H264"
  std::string audio_codec;  // "AAC"
  int width = 0;
  int height = 0;
  double fps = 0;
  int64_t bitrate_bps = 0;
  double keyframe_interval_s = 0;
  int64_t bytes_in = 0;
};

struct StreamKey {
  Id id = 0;
  Id app_id = 0;
  Id member_id = 0;
  EntityState state = EntityState::ACTIVE;
  StreamKeyState stream_key_state = StreamKeyState::INACTIVE;
  bool forcibly_terminated = false;
  std::string stream_key;  // the secret publish string
  std::string play_id;     // opaque public id for play URLs; never derived from stream_key
  std::optional<OutputMode> default_mode;  // the key's own setting (PATCH mode)
  std::optional<OutputMode> mode;          // mode of the current ingest; null when none
  Id profile_id = 0;                       // a BROADCAST_RTMP profile
  std::optional<Id> live_room_id;          // room broadcasting with this key
  std::optional<StreamKeyError> error;
  std::optional<IngestStats> stats;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

struct VideoRoom {
  Id id = 0;
  Id app_id = 0;
  Id member_id = 0;  // owner
  EntityState state = EntityState::ACTIVE;
  std::string uuid;
  VideoRoomType type = VideoRoomType::BROADCAST_RTMP;
  VideoRoomState video_room_state = VideoRoomState::SCHEDULED;
  bool forcibly_terminated = false;
  VodState vod_state = VodState::NOT_ARCHIVED;
  std::optional<std::string> vod_url;
  VideoRoomFormat format = VideoRoomFormat::UNDEFINED;
  AccessLevel access_level = AccessLevel::PUBLIC;
  CreatorType creator_type = CreatorType::APP;
  Id creator_id = 0;
  std::string title;
  std::optional<std::string> description;
  std::optional<std::string> custom_type;
  std::optional<CustomData> custom_data;
  std::optional<Micros> scheduled_at;
  std::optional<Micros> cancelled_at;
  std::optional<Micros> live_started_at;
  std::optional<Micros> live_ended_at;
  std::optional<Micros> vod_archived_at;
  std::optional<Id> stream_key_id;  // set while broadcasting
  std::optional<Id> video_post_id;  // the recording's post
  int live_session = 0;  // bumps on every resume: the real service hands out a new playUrl then
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

struct MediaFile {
  Id id = 0;
  EntityState state = EntityState::ACTIVE;
  std::string type;  // SRC, MP4, CMAF_HLS, CMAF_MPEG_DASH, THUMBNAIL, PREVIEW
  std::string content_type;
  int64_t size = 0;
  std::string original_file_name;
  std::string url;
  std::string path;  // on disk, relative to the data dir; never rendered
};

struct VideoPost {
  Id id = 0;
  Id app_id = 0;
  Id member_id = 0;
  EntityState state = EntityState::ACTIVE;
  VideoPostState video_post_state = VideoPostState::CREATED;
  VideoPostType type = VideoPostType::PRE_RECORDED;
  AccessLevel access_level = AccessLevel::PUBLIC;
  CreatorType creator_type = CreatorType::APP;
  Id creator_id = 0;
  std::optional<Id> video_room_id;
  std::string title;
  std::optional<std::string> description;
  std::optional<CustomData> custom_data;
  std::optional<Id> video_profile_id;
  std::optional<Id> preview_profile_id;
  std::optional<Id> thumbnail_profile_id;
  std::optional<MediaFile> src;
  std::vector<MediaFile> processed;
  std::optional<MediaFile> preview;
  std::optional<MediaFile> thumbnail;
  std::optional<std::string> failure_reason;
  std::optional<Micros> uploaded_at;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

struct TranscodingProfile {
  Id id = 0;
  std::optional<Id> app_id;  // null for SYSTEM profiles
  EntityState state = EntityState::ACTIVE;
  ProfileType type = ProfileType::VIDEO;
  ProfileCreatorType creator_type = ProfileCreatorType::SYSTEM;
  RepresentativeType representative_type = RepresentativeType::NON_DEFAULT;
  std::string name;
  std::string description;
  std::string profile_json;  // the recipe, verbatim JSON (contract §7)
  int revision = 1;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

}  // namespace ffsb::domain
