// Contract §3 validation limits: characters (code points), not bytes.
#include "server/domain/validation.h"

#include <catch2/catch.hpp>
#include <string>

namespace ffsb::domain {
namespace {

// n copies of a (possibly multi-byte) character.
std::string Rep(std::string_view ch, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += ch;
  return s;
}

const std::string kHan = "한";  // 3 bytes in UTF-8

TEST_CASE("Utf8Length counts code points", "[domain][validation]") {
  CHECK(Utf8Length("") == 0);
  CHECK(Utf8Length("abc") == 3);
  CHECK(Utf8Length("한국어") == 3);
  CHECK(Utf8Length("😀") == 1);
  CHECK(Utf8Length(std::string("a\0b", 3)) == 3);
}

TEST_CASE("appUserId", "[domain][validation]") {
  CHECK(ValidateAppUserId("user1").ok());
  CHECK(ValidateAppUserId("ABCxyz0123456789").ok());
  CHECK(ValidateAppUserId("").code() == ErrorCode::EMPTY_APP_USER_ID);
  for (std::string bad : {"a b", "a-b", "a_b", "a.b", "사용자", "a\"b", "user!", "é"}) {
    INFO(bad);
    CHECK(ValidateAppUserId(bad).code() == ErrorCode::INVALID_APP_USER_ID_FORMAT);
  }
  CHECK(ValidateAppUserId(std::string("ab\0c", 4)).code() == ErrorCode::INVALID_APP_USER_ID_FORMAT);
}

TEST_CASE("customType: 50 characters, ASCII and Korean", "[domain][validation]") {
  CHECK(ValidateCustomType(std::nullopt).ok());
  CHECK(ValidateCustomType(std::string()).ok());
  CHECK(ValidateCustomType(Rep("a", 50)).ok());
  CHECK(ValidateCustomType(Rep("a", 51)).code() == ErrorCode::CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED);
  CHECK(ValidateCustomType(Rep(kHan, 50)).ok());  // 150 bytes, 50 characters
  CHECK(ValidateCustomType(Rep(kHan, 51)).code() == ErrorCode::CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED);
}

TEST_CASE("customData: 10 items", "[domain][validation]") {
  CHECK(ValidateCustomData(std::nullopt).ok());
  CHECK(ValidateCustomData(CustomData{}).ok());
  CustomData d;
  for (int i = 0; i < 10; ++i) d["k" + std::to_string(i)] = "v";
  CHECK(ValidateCustomData(d).ok());
  d["k10"] = "v";
  CHECK(ValidateCustomData(d).code() == ErrorCode::CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED);
}

TEST_CASE("customData: names and values up to 50 characters", "[domain][validation]") {
  CHECK(ValidateCustomData(CustomData{{Rep("n", 50), Rep("v", 50)}}).ok());
  CHECK(ValidateCustomData(CustomData{{Rep(kHan, 50), Rep(kHan, 50)}}).ok());
  CHECK(ValidateCustomData(CustomData{{Rep("n", 51), "v"}}).code() ==
        ErrorCode::CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED);
  CHECK(ValidateCustomData(CustomData{{Rep(kHan, 51), "v"}}).code() ==
        ErrorCode::CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED);
  CHECK(ValidateCustomData(CustomData{{"n", Rep("v", 51)}}).code() ==
        ErrorCode::CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED);
  CHECK(ValidateCustomData(CustomData{{"n", Rep(kHan, 51)}}).code() ==
        ErrorCode::CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED);
  // Too many items is reported before sizes.
  CustomData many;
  for (int i = 0; i < 11; ++i) many[std::to_string(i)] = Rep("v", 60);
  CHECK(ValidateCustomData(many).code() == ErrorCode::CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED);
}

TEST_CASE("customData: any bytes are accepted verbatim", "[domain][validation]") {
  CustomData d{{std::string("nul\0name", 8), std::string("v\0", 2)},
               {"\"quoted\"", "it's \"fine\""},
               {"{\"json\":1}", "\\back\\slash"},
               {"한국어 이름", "값 😀"},
               {"", ""}};
  CHECK(ValidateCustomData(d).ok());
  CHECK(ValidateCustomType(std::string("\"\0'", 3)).ok());
}

}  // namespace
}  // namespace ffsb::domain
