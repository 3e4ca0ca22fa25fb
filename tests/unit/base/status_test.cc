// Status/Result and the error-code table.
#include "server/base/status.h"

#include <catch2/catch.hpp>

namespace ffsb {
namespace {

TEST_CASE("Status and Result", "[base][status]") {
  Status ok;
  CHECK(ok.ok());
  CHECK(ok.ToString() == "OK");
  Status bad(ErrorCode::MEMBER_NOT_FOUND, "no such member");
  CHECK_FALSE(bad.ok());
  CHECK(bad.ToString() == "MEMBER_NOT_FOUND: no such member");

  Result<int> v = 5;
  REQUIRE(v.ok());
  CHECK(*v == 5);
  Result<int> e(ErrorCode::STREAM_KEY_IN_USE, "busy");
  CHECK_FALSE(e.ok());
  CHECK(e.status().code() == ErrorCode::STREAM_KEY_IN_USE);
}

TEST_CASE("error codes: names and statuses round trip", "[base][status]") {
  CHECK(ErrorCodeName(ErrorCode::VIDEO_ROOM_STATE_NOT_SCHEDULED) == "VIDEO_ROOM_STATE_NOT_SCHEDULED");
  CHECK(ErrorCodeHttpStatus(ErrorCode::VIDEO_ROOM_NOT_FOUND) == 404);
  CHECK(ErrorCodeHttpStatus(ErrorCode::EMPTY_APP_CREDENTIALS) == 401);
  CHECK(ErrorCodeHttpStatus(ErrorCode::INTERNAL_SERVER_ERROR) == 500);
  ErrorCode out{};
  REQUIRE(ParseErrorCode("STREAM_KEY_STATE_NOT_ACTIVE", &out));
  CHECK(out == ErrorCode::STREAM_KEY_STATE_NOT_ACTIVE);
  CHECK_FALSE(ParseErrorCode("NOPE", &out));
#define FFS_X(name, status)                                       \
  {                                                               \
    ErrorCode c{};                                                \
    CHECK(ParseErrorCode(#name, &c));                             \
    CHECK(c == ErrorCode::name);                                  \
    CHECK(ErrorCodeName(ErrorCode::name) == #name);               \
    CHECK(ErrorCodeHttpStatus(ErrorCode::name) == status);        \
  }
  FFS_ERROR_CODES(FFS_X)
#undef FFS_X
}

}  // namespace
}  // namespace ffsb
