#include "server/notify/signal_message.h"

#include <catch2/catch.hpp>

using namespace ffsb::notify;
using namespace ffsb::domain;
using nlohmann::json;

namespace {
const ffsb::Micros kT = 1'666'161'669'865'054;  // 2022-10-19T06:41:09.865054Z
}

TEST_CASE("stream key signal: UNICAST, exact fields", "[notify]") {
  json m = StreamKeySignalMessage("m-1", kT, {5, StreamKeyState::ACTIVE, "https://live.example/5"});
  CHECK(m == json::parse(R"({
    "messageId":"m-1","sentAt":"2022-10-19T06:41:09.865054Z","origin":"SYSTEM","type":"SIGNAL",
    "deliveryType":"UNICAST","channelId":null,"customType":"CHANGE_DATA_CAPTURE",
    "customData":{"type":"STREAM_KEY","streamKeyId":5,"streamKeyState":"ACTIVE","liveUrl":"https://live.example/5"}})"));
  json none = StreamKeySignalMessage("m-2", kT, {5, StreamKeyState::INACTIVE, std::nullopt});
  CHECK(none["customData"]["liveUrl"].is_null());
}

TEST_CASE("video room signal: BROADCAST on the room's channel, null urls", "[notify]") {
  VideoRoomSignal s;
  s.video_room_id = 12;
  s.state = VideoRoomState::LIVE;
  s.play_url = "http://h/p.m3u8";
  s.cmaf_hls_play_url = "http://h/p.m3u8";
  s.cmaf_dash_play_url = "http://h/p.mpd";
  json m = VideoRoomSignalMessage("m-3", kT, s);
  CHECK(m["deliveryType"] == "BROADCAST");
  CHECK(m["channelId"] == "12");
  CHECK(m["customData"] == json::parse(R"({"type":"VIDEO_ROOM","videoRoomId":12,"videoRoomState":"LIVE",
    "forciblyTerminated":null,"playUrl":"http://h/p.m3u8","cmafHlsPlayUrl":"http://h/p.m3u8",
    "cmafDashPlayUrl":"http://h/p.mpd","rtmpPlayUrl":null,"httpFlvPlayUrl":null})"));
  s.state = VideoRoomState::ENDED;
  s.forcibly_terminated = true;
  CHECK(VideoRoomCustomData(s)["forciblyTerminated"] == true);
  CHECK(m.size() == 8);
}

TEST_CASE("SSE frame: id line and one data line", "[notify]") {
  json m = StreamKeySignalMessage("abc", kT, {5, StreamKeyState::ACTIVE, "x\ny"});
  std::string f = FormatSseFrame(m);
  CHECK(f.starts_with("id: abc\ndata: {"));
  CHECK(f.ends_with("}\n\n"));
  CHECK(std::count(f.begin(), f.end(), '\n') == 3);  // the url's newline is escaped
  CHECK(json::parse(f.substr(f.find("data: ") + 6)) == m);
}
