#include "server/notify/webhook_event.h"

namespace ffsb::notify {
namespace {

WebhookEvent Make(std::string_view kind, std::string_view state, int64_t id, const char* id_field,
                  const char* state_field) {
  WebhookEvent ev;
  ev.type = std::string(kind) + "_" + std::string(state);
  ev.entity_key = EntityKey(kind, id);
  ev.body = {{"type", ev.type}, {"data", {{id_field, id}, {state_field, std::string(state)}}}};
  return ev;
}

}  // namespace

std::string EntityKey(std::string_view kind, int64_t id) { return std::string(kind) + ":" + std::to_string(id); }

WebhookEvent StreamKeyWebhook(int64_t stream_key_id, domain::StreamKeyState state) {
  return Make("STREAM_KEY", domain::ToString(state), stream_key_id, "streamKeyId", "streamKeyStreamKeyState");
}

std::optional<WebhookEvent> VideoRoomWebhook(int64_t video_room_id, domain::VideoRoomState state) {
  if (state == domain::VideoRoomState::CANCELLED) return std::nullopt;
  return Make("VIDEO_ROOM", domain::ToString(state), video_room_id, "videoRoomId", "videoRoomVideoRoomState");
}

std::optional<WebhookEvent> VideoRoomVodWebhook(int64_t video_room_id, domain::VideoRoomState room_state,
                                                domain::VodState vod_state) {
  if (vod_state != domain::VodState::FAILED_ARCHIVING) return std::nullopt;
  WebhookEvent ev =
      Make("VIDEO_ROOM", domain::ToString(room_state), video_room_id, "videoRoomId", "videoRoomVideoRoomState");
  ev.type = "VIDEO_ROOM_FAILED_ARCHIVING";
  ev.body["type"] = ev.type;
  return ev;
}

WebhookEvent VideoPostWebhook(int64_t video_post_id, domain::VideoPostState state) {
  return Make("VIDEO_POST", domain::ToString(state), video_post_id, "videoPostId", "videoPostVideoPostState");
}

}  // namespace ffsb::notify
