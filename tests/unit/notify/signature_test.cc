#include "server/notify/signature.h"

#include <catch2/catch.hpp>

using namespace ffsb::notify;

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2", "[notify]") {
  CHECK(HmacSha256Hex("Jefe", "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST_CASE("signature header verifies; tampering and replay fail", "[notify]") {
  const std::string body = R"({"type":"VIDEO_ROOM_LIVE","data":{"videoRoomId":1,"videoRoomVideoRoomState":"LIVE"}})";
  std::string h = SignatureHeader(1'700'000'000, body, "s3cret");
  CHECK(h.starts_with("t=1700000000,v1="));
  CHECK(h.size() == std::string("t=1700000000,v1=").size() + 64);
  CHECK(Verify(h, body, "s3cret", 1'700'000'010) == VerifyResult::kOk);
  CHECK(Verify(h, body + " ", "s3cret", 1'700'000'010) == VerifyResult::kMismatch);
  CHECK(Verify(h, body, "other", 1'700'000'010) == VerifyResult::kMismatch);
  CHECK(Verify(h, body, "s3cret", 1'700'000'301) == VerifyResult::kOutOfWindow);
  CHECK(Verify(h, body, "s3cret", 1'699'999'000) == VerifyResult::kOutOfWindow);
  CHECK(Verify(h, body, "s3cret", 1'700'000'301, 600) == VerifyResult::kOk);
  // A forged timestamp with the old mac does not verify.
  std::string forged = "t=1700000500" + h.substr(h.find(','));
  CHECK(Verify(forged, body, "s3cret", 1'700'000'500) == VerifyResult::kMismatch);
}

TEST_CASE("signature header parsing", "[notify]") {
  const std::string body = "{}";
  std::string good = SignatureHeader(100, body, "k");
  std::string v1 = good.substr(good.find("v1="));
  CHECK(Verify("t=100, v1=00," + v1, body, "k", 100) == VerifyResult::kOk);  // rotation: any v1
  CHECK(Verify(v1, body, "k", 100) == VerifyResult::kMalformed);
  CHECK(Verify("t=100", body, "k", 100) == VerifyResult::kMalformed);
  CHECK(Verify("t=abc," + v1, body, "k", 100) == VerifyResult::kMalformed);
  CHECK(Verify("", body, "k", 100) == VerifyResult::kMalformed);
  CHECK(Verify("t=100,v1=", body, "k", 100) == VerifyResult::kMismatch);
}
