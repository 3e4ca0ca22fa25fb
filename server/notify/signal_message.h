// Member event-source messages of contract §8 (GET /v2/members/me/event-sources,
// Server-Sent Events). Each message is
//   {messageId, sentAt, origin:"SYSTEM", type:"SIGNAL", deliveryType, channelId,
//    customType:"CHANGE_DATA_CAPTURE", customData}
// with customData one of
//   {type:"STREAM_KEY", streamKeyId, streamKeyState, liveUrl}
//   {type:"VIDEO_ROOM", videoRoomId, videoRoomState, forciblyTerminated,
//    playUrl, cmafHlsPlayUrl, cmafDashPlayUrl, rtmpPlayUrl, httpFlvPlayUrl}
// Optional fields ("?" in the contract) and absent URLs are present as null,
// as in every other response (contract §4, §5). sentAt is ISO-8601 UTC (§1).
//
// Who gets what (the caller routes): a stream key change goes UNICAST to the
// key's owner; a room change goes BROADCAST to the room's viewers (and the
// owner), channelId = the room's id as a string unless the caller says otherwise.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "server/base/clock.h"
#include "server/domain/enums.h"

namespace ffsb::notify {

enum class DeliveryType { UNICAST, BROADCAST };
std::string_view ToString(DeliveryType t);

struct StreamKeySignal {
  int64_t stream_key_id = 0;
  domain::StreamKeyState state = domain::StreamKeyState::INACTIVE;
  std::optional<std::string> live_url;
};

struct VideoRoomSignal {
  int64_t video_room_id = 0;
  domain::VideoRoomState state = domain::VideoRoomState::SCHEDULED;
  std::optional<bool> forcibly_terminated;
  std::optional<std::string> play_url;
  std::optional<std::string> cmaf_hls_play_url;
  std::optional<std::string> cmaf_dash_play_url;
  std::optional<std::string> rtmp_play_url;
  std::optional<std::string> http_flv_play_url;
};

struct SignalEnvelope {
  std::string message_id;  // unique per message (a uuid); also the SSE "id:"
  Micros sent_at = 0;
  DeliveryType delivery_type = DeliveryType::UNICAST;
  std::optional<std::string> channel_id;
};

nlohmann::json StreamKeyCustomData(const StreamKeySignal& s);
nlohmann::json VideoRoomCustomData(const VideoRoomSignal& s);

// The whole message around a customData.
nlohmann::json SignalMessage(const SignalEnvelope& env, nlohmann::json custom_data);

// Convenience: the usual routing (stream key UNICAST, no channel; room
// BROADCAST, channelId = room id).
nlohmann::json StreamKeySignalMessage(std::string message_id, Micros sent_at, const StreamKeySignal& s);
nlohmann::json VideoRoomSignalMessage(std::string message_id, Micros sent_at, const VideoRoomSignal& s);

// One SSE frame: "id: <messageId>\ndata: <json>\n\n" (default event type,
// so EventSource.onmessage sees it). The
// JSON is a single line (dump() never emits raw newlines).
std::string FormatSseFrame(const nlohmann::json& message);

}  // namespace ffsb::notify
