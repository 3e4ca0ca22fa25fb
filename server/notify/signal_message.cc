#include "server/notify/signal_message.h"

namespace ffsb::notify {
namespace {

nlohmann::json OrNull(const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

}  // namespace

std::string_view ToString(DeliveryType t) { return t == DeliveryType::UNICAST ? "UNICAST" : "BROADCAST"; }

nlohmann::json StreamKeyCustomData(const StreamKeySignal& s) {
  return {{"type", "STREAM_KEY"},
          {"streamKeyId", s.stream_key_id},
          {"streamKeyState", std::string(domain::ToString(s.state))},
          {"liveUrl", OrNull(s.live_url)}};
}

nlohmann::json VideoRoomCustomData(const VideoRoomSignal& s) {
  return {{"type", "VIDEO_ROOM"},
          {"videoRoomId", s.video_room_id},
          {"videoRoomState", std::string(domain::ToString(s.state))},
          {"forciblyTerminated", s.forcibly_terminated ? nlohmann::json(*s.forcibly_terminated) : nlohmann::json()},
          {"playUrl", OrNull(s.play_url)},
          {"cmafHlsPlayUrl", OrNull(s.cmaf_hls_play_url)},
          {"cmafDashPlayUrl", OrNull(s.cmaf_dash_play_url)},
          {"rtmpPlayUrl", OrNull(s.rtmp_play_url)},
          {"httpFlvPlayUrl", OrNull(s.http_flv_play_url)}};
}

nlohmann::json SignalMessage(const SignalEnvelope& env, nlohmann::json custom_data) {
  return {{"messageId", env.message_id},
          {"sentAt", FormatIso8601(env.sent_at)},
          {"origin", "SYSTEM"},
          {"type", "SIGNAL"},
          {"deliveryType", std::string(ToString(env.delivery_type))},
          {"channelId", OrNull(env.channel_id)},
          {"customType", "CHANGE_DATA_CAPTURE"},
          {"customData", std::move(custom_data)}};
}

nlohmann::json StreamKeySignalMessage(std::string message_id, Micros sent_at, const StreamKeySignal& s) {
  SignalEnvelope env{std::move(message_id), sent_at, DeliveryType::UNICAST, std::nullopt};
  return SignalMessage(env, StreamKeyCustomData(s));
}

nlohmann::json VideoRoomSignalMessage(std::string message_id, Micros sent_at, const VideoRoomSignal& s) {
  SignalEnvelope env{std::move(message_id), sent_at, DeliveryType::BROADCAST, std::to_string(s.video_room_id)};
  return SignalMessage(env, VideoRoomCustomData(s));
}

std::string FormatSseFrame(const nlohmann::json& message) {
  std::string out;
  if (message.contains("messageId") && message["messageId"].is_string()) {
    out += "id: " + message["messageId"].get<std::string>() + "\n";
  }
  out += "data: " + message.dump() + "\n\n";
  return out;
}

}  // namespace ffsb::notify
