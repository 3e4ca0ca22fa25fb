#include "server/notify/webhook_event.h"

#include <catch2/catch.hpp>

using namespace ffsb::notify;
using namespace ffsb::domain;
using nlohmann::json;

TEST_CASE("stream key webhook: type and exact data fields", "[notify]") {
  WebhookEvent ev = StreamKeyWebhook(3, StreamKeyState::ACTIVE_LIVE_PREP);
  CHECK(ev.type == "STREAM_KEY_ACTIVE_LIVE_PREP");
  CHECK(ev.entity_key == "STREAM_KEY:3");
  CHECK(json::parse(ev.BodyJson()) ==
        json::parse(R"({"type":"STREAM_KEY_ACTIVE_LIVE_PREP",
                        "data":{"streamKeyId":3,"streamKeyStreamKeyState":"ACTIVE_LIVE_PREP"}})"));
  for (auto s : {StreamKeyState::INACTIVE, StreamKeyState::ACTIVE_PREP, StreamKeyState::ACTIVE,
                 StreamKeyState::ACTIVE_LIVE, StreamKeyState::INACTIVE_LIVE}) {
    WebhookEvent e = StreamKeyWebhook(1, s);
    CHECK(e.type == "STREAM_KEY_" + std::string(ToString(s)));
    CHECK(e.body["data"].size() == 2);
  }
}

TEST_CASE("video room webhook: the contract's five room states, none for CANCELLED", "[notify]") {
  for (auto s : {VideoRoomState::SCHEDULED, VideoRoomState::LIVE, VideoRoomState::LIVE_INACTIVE,
                 VideoRoomState::ENDED, VideoRoomState::ARCHIVED}) {
    auto ev = VideoRoomWebhook(12, s);
    REQUIRE(ev);
    CHECK(ev->type == "VIDEO_ROOM_" + std::string(ToString(s)));
    CHECK(ev->entity_key == "VIDEO_ROOM:12");
    CHECK(ev->body == json({{"type", ev->type},
                            {"data", {{"videoRoomId", 12}, {"videoRoomVideoRoomState", ToString(s)}}}}));
  }
  CHECK_FALSE(VideoRoomWebhook(12, VideoRoomState::CANCELLED));
}

TEST_CASE("video room vod webhook: FAILED_ARCHIVING carries the room state", "[notify]") {
  auto ev = VideoRoomVodWebhook(12, VideoRoomState::ENDED, VodState::FAILED_ARCHIVING);
  REQUIRE(ev);
  CHECK(ev->type == "VIDEO_ROOM_FAILED_ARCHIVING");
  CHECK(json::parse(ev->BodyJson()) ==
        json::parse(R"({"type":"VIDEO_ROOM_FAILED_ARCHIVING",
                        "data":{"videoRoomId":12,"videoRoomVideoRoomState":"ENDED"}})"));
  CHECK_FALSE(VideoRoomVodWebhook(12, VideoRoomState::ARCHIVED, VodState::ARCHIVED));
  CHECK_FALSE(VideoRoomVodWebhook(12, VideoRoomState::ENDED, VodState::ARCHIVING));
  CHECK_FALSE(VideoRoomVodWebhook(12, VideoRoomState::ENDED, VodState::NOT_ARCHIVED));
}

TEST_CASE("video post webhook: every post state", "[notify]") {
  WebhookEvent ev = VideoPostWebhook(7, VideoPostState::FAILED_PROCESSING);
  CHECK(ev.type == "VIDEO_POST_FAILED_PROCESSING");
  CHECK(ev.entity_key == "VIDEO_POST:7");
  CHECK(ev.body == json::parse(R"({"type":"VIDEO_POST_FAILED_PROCESSING",
                                   "data":{"videoPostId":7,"videoPostVideoPostState":"FAILED_PROCESSING"}})"));
  CHECK(VideoPostWebhook(7, VideoPostState::PROCESSED).type == "VIDEO_POST_PROCESSED");
}
