// Webhook bodies of contract §8: {"type": T, "data": {...}} for each state
// change, with exactly the contract's types and data fields (a strict client
// must parse them unchanged, so nothing is added). See docs/webhooks.md.
//
// Which change gives which event:
//  - stream key enters state S           -> STREAM_KEY_S (all six states)
//  - room enters SCHEDULED, LIVE, LIVE_INACTIVE, ENDED, ARCHIVED
//                                        -> VIDEO_ROOM_S (CANCELLED: none,
//                                           the contract lists no such type)
//  - room's vodState becomes FAILED_ARCHIVING -> VIDEO_ROOM_FAILED_ARCHIVING,
//    data carries the room's videoRoomState (still ENDED). vodState ARCHIVED
//    gives nothing here: the room entering ARCHIVED at the same time does.
//  - video post enters state S           -> VIDEO_POST_S (all eight states)
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/domain/enums.h"

namespace ffsb::notify {

struct WebhookEvent {
  std::string type;        // "VIDEO_ROOM_LIVE"
  std::string entity_key;  // "VIDEO_ROOM:12": deliveries are ordered per key
  nlohmann::json body;     // {"type": type, "data": {...}}

  std::string BodyJson() const { return body.dump(); }
};

WebhookEvent StreamKeyWebhook(int64_t stream_key_id, domain::StreamKeyState state);

// nullopt for CANCELLED (no contract type).
std::optional<WebhookEvent> VideoRoomWebhook(int64_t video_room_id, domain::VideoRoomState state);

// Only FAILED_ARCHIVING gives an event; nullopt for the other vod states.
std::optional<WebhookEvent> VideoRoomVodWebhook(int64_t video_room_id, domain::VideoRoomState room_state,
                                                domain::VodState vod_state);

WebhookEvent VideoPostWebhook(int64_t video_post_id, domain::VideoPostState state);

// "STREAM_KEY:3", "VIDEO_ROOM:12", "VIDEO_POST:7".
std::string EntityKey(std::string_view kind, int64_t id);

}  // namespace ffsb::notify
