#include "server/store/sqlite/codec.h"

#include <nlohmann/json.hpp>

namespace ffsb::store::sqlite {
namespace {

using nlohmann::json;
using namespace ffsb::domain;

// Parse<E>: the wire-name parser of each enum.
template <typename E>
std::optional<E> ParseEnum(std::string_view s);
#define FFS_PARSER(Type) \
  template <>            \
  std::optional<Type> ParseEnum<Type>(std::string_view s) { return Parse##Type(s); }
FFS_PARSER(EntityState)
FFS_PARSER(OutputMode)
FFS_PARSER(StreamKeyState)
FFS_PARSER(VideoRoomState)
FFS_PARSER(VodState)
FFS_PARSER(VideoRoomType)
FFS_PARSER(VideoRoomFormat)
FFS_PARSER(AccessLevel)
FFS_PARSER(CreatorType)
FFS_PARSER(VideoPostState)
FFS_PARSER(VideoPostType)
FFS_PARSER(ProfileType)
FFS_PARSER(ProfileCreatorType)
FFS_PARSER(RepresentativeType)
#undef FFS_PARSER
template <>
std::optional<DeliveryState> ParseEnum<DeliveryState>(std::string_view s) { return ParseDeliveryState(s); }

// ---- writing
json ToJ(const std::string& v) { return v; }
json ToJ(int64_t v) { return v; }
json ToJ(int v) { return v; }
json ToJ(bool v) { return v; }
template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
json ToJ(E v) { return std::string(ToString(v)); }
json ToJ(const CustomData& m) {
  json j = json::object();
  for (auto& [k, v] : m) j[k] = v;
  return j;
}
json ToJ(const StreamKeyError& e) { return {{"code", e.code}, {"message", e.message}, {"occurred_at", e.occurred_at}}; }
json ToJ(const IngestStats& s) {
  return {{"video_codec", s.video_codec}, {"audio_codec", s.audio_codec}, {"width", s.width},
          {"height", s.height},           {"fps", s.fps},                 {"bitrate_bps", s.bitrate_bps},
          {"keyframe_interval_s", s.keyframe_interval_s}, {"bytes_in", s.bytes_in}};
}
json ToJ(const MediaFile& f) {
  return {{"id", f.id},     {"state", ToJ(f.state)}, {"type", f.type},
          {"content_type", f.content_type}, {"size", f.size}, {"original_file_name", f.original_file_name},
          {"url", f.url},   {"path", f.path}};
}
template <typename T>
json ToJ(const std::optional<T>& v) { return v ? ToJ(*v) : json(nullptr); }
template <typename T>
json ToJ(const std::vector<T>& v) {
  json a = json::array();
  for (auto& x : v) a.push_back(ToJ(x));
  return a;
}

// ---- reading: absent or null leaves the default; a wrong type throws.
void FromJ(const json& j, std::string* v) { *v = j.get<std::string>(); }
void FromJ(const json& j, int64_t* v) { *v = j.get<int64_t>(); }
void FromJ(const json& j, int* v) { *v = j.get<int>(); }
void FromJ(const json& j, bool* v) { *v = j.get<bool>(); }
void FromJ(const json& j, double* v) { *v = j.get<double>(); }
template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
void FromJ(const json& j, E* v) {
  auto p = ParseEnum<E>(j.get<std::string>());
  if (!p) throw std::runtime_error("bad enum value " + j.get<std::string>());
  *v = *p;
}
void FromJ(const json& j, CustomData* m) {
  for (auto& [k, v] : j.items()) (*m)[k] = v.get<std::string>();
}
template <typename T>
void Get(const json& j, const char* name, T* v);
void FromJ(const json& j, StreamKeyError* e) {
  Get(j, "code", &e->code);
  Get(j, "message", &e->message);
  Get(j, "occurred_at", &e->occurred_at);
}
void FromJ(const json& j, IngestStats* s) {
  Get(j, "video_codec", &s->video_codec);
  Get(j, "audio_codec", &s->audio_codec);
  Get(j, "width", &s->width);
  Get(j, "height", &s->height);
  Get(j, "fps", &s->fps);
  Get(j, "bitrate_bps", &s->bitrate_bps);
  Get(j, "keyframe_interval_s", &s->keyframe_interval_s);
  Get(j, "bytes_in", &s->bytes_in);
}
void FromJ(const json& j, MediaFile* f) {
  Get(j, "id", &f->id);
  Get(j, "state", &f->state);
  Get(j, "type", &f->type);
  Get(j, "content_type", &f->content_type);
  Get(j, "size", &f->size);
  Get(j, "original_file_name", &f->original_file_name);
  Get(j, "url", &f->url);
  Get(j, "path", &f->path);
}
template <typename T>
void FromJ(const json& j, std::optional<T>* v) {
  T x{};
  FromJ(j, &x);
  *v = std::move(x);
}
template <typename T>
void FromJ(const json& j, std::vector<T>* v) {
  v->clear();
  for (auto& e : j) {
    T x{};
    FromJ(e, &x);
    v->push_back(std::move(x));
  }
}
template <typename T>
void Get(const json& j, const char* name, T* v) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return;
  FromJ(*it, v);
}

template <typename T, typename Fn>
Status DecodeWith(const std::string& doc, T* v, Fn fn) {
  try {
    json j = json::parse(doc);
    *v = T{};
    fn(j);
    return Status::Ok();
  } catch (const std::exception& e) {
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, std::string("corrupt stored document: ") + e.what());
  }
}

// Each entity's field list, once for both directions.
#define FFS_F(name) X(#name, v.name)

#define FFS_APP_FIELDS                                                                            \
  FFS_F(id) FFS_F(state) FFS_F(name) FFS_F(api_key) FFS_F(api_secret_hash) FFS_F(default_output_mode) \
  X("callback_url", v.callback.url) X("callback_access_id", v.callback.access_id)                 \
  X("callback_access_password", v.callback.access_password) FFS_F(auto_end_after_inactive_seconds) \
  FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_MEMBER_FIELDS                                                                                 \
  FFS_F(id) FFS_F(app_id) FFS_F(state) FFS_F(app_user_id) FFS_F(app_user_name) FFS_F(app_user_profile_img_url) \
  FFS_F(email) FFS_F(custom_type) FFS_F(custom_data) FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_KEY_FIELDS                                                                                     \
  FFS_F(id) FFS_F(app_id) FFS_F(member_id) FFS_F(state) FFS_F(stream_key_state) FFS_F(forcibly_terminated)     \
  FFS_F(stream_key) FFS_F(play_id) FFS_F(default_mode) FFS_F(mode) FFS_F(profile_id) FFS_F(live_room_id)       \
  FFS_F(error) FFS_F(stats) FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_ROOM_FIELDS                                                                                         \
  FFS_F(id) FFS_F(app_id) FFS_F(member_id) FFS_F(state) FFS_F(uuid) FFS_F(type) FFS_F(video_room_state)           \
  FFS_F(forcibly_terminated) FFS_F(vod_state) FFS_F(vod_url) FFS_F(format) FFS_F(access_level) FFS_F(creator_type) \
  FFS_F(creator_id) FFS_F(title) FFS_F(description) FFS_F(custom_type) FFS_F(custom_data) FFS_F(scheduled_at)     \
  FFS_F(cancelled_at) FFS_F(live_started_at) FFS_F(live_ended_at) FFS_F(vod_archived_at) FFS_F(stream_key_id)     \
  FFS_F(video_post_id) FFS_F(live_session) FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_POST_FIELDS                                                                                          \
  FFS_F(id) FFS_F(app_id) FFS_F(member_id) FFS_F(state) FFS_F(video_post_state) FFS_F(type) FFS_F(access_level)    \
  FFS_F(creator_type) FFS_F(creator_id) FFS_F(video_room_id) FFS_F(title) FFS_F(description) FFS_F(custom_data)    \
  FFS_F(video_profile_id) FFS_F(preview_profile_id) FFS_F(thumbnail_profile_id) FFS_F(src) FFS_F(processed)       \
  FFS_F(preview) FFS_F(thumbnail) FFS_F(failure_reason) FFS_F(uploaded_at) FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_PROFILE_FIELDS                                                                                   \
  FFS_F(id) FFS_F(app_id) FFS_F(state) FFS_F(type) FFS_F(creator_type) FFS_F(representative_type) FFS_F(name) \
  FFS_F(description) FFS_F(profile_json) FFS_F(revision) FFS_F(created_at) FFS_F(last_modified_at)
#define FFS_DELIVERY_FIELDS                                                                                     \
  FFS_F(id) FFS_F(app_id) FFS_F(url) FFS_F(type) FFS_F(body_json) FFS_F(state) FFS_F(attempts)                  \
  FFS_F(last_http_status) FFS_F(last_error) FFS_F(next_attempt_at) FFS_F(created_at) FFS_F(last_modified_at)

}  // namespace

#define X(name, field) j[name] = ToJ(field);
std::string Encode(const App& v) { json j; FFS_APP_FIELDS return j.dump(); }
std::string Encode(const Member& v) { json j; FFS_MEMBER_FIELDS return j.dump(); }
std::string Encode(const StreamKey& v) { json j; FFS_KEY_FIELDS return j.dump(); }
std::string Encode(const VideoRoom& v) { json j; FFS_ROOM_FIELDS return j.dump(); }
std::string Encode(const VideoPost& v) { json j; FFS_POST_FIELDS return j.dump(); }
std::string Encode(const TranscodingProfile& v) { json j; FFS_PROFILE_FIELDS return j.dump(); }
std::string Encode(const WebhookDelivery& v) { json j; FFS_DELIVERY_FIELDS return j.dump(); }
#undef X

#define X(name, field) Get(j, name, &field);
#define FFS_DECODE(Type, FIELDS) \
  Status Decode(const std::string& doc, Type* out) { \
    return DecodeWith(doc, out, [&](const json& j) { Type& v = *out; FIELDS }); \
  }
FFS_DECODE(App, FFS_APP_FIELDS)
FFS_DECODE(Member, FFS_MEMBER_FIELDS)
FFS_DECODE(StreamKey, FFS_KEY_FIELDS)
FFS_DECODE(VideoRoom, FFS_ROOM_FIELDS)
FFS_DECODE(VideoPost, FFS_POST_FIELDS)
FFS_DECODE(TranscodingProfile, FFS_PROFILE_FIELDS)
FFS_DECODE(WebhookDelivery, FFS_DELIVERY_FIELDS)
#undef X

}  // namespace ffsb::store::sqlite
