#include <catch2/catch.hpp>

#include "emulator/rtmp/amf0.h"

using namespace ffsb::emu;

TEST_CASE("AMF0 encodes and decodes a command with an info object") {
  std::vector<uint8_t> b;
  amf0::WriteString(&b, "onStatus");
  amf0::WriteNumber(&b, 0);
  amf0::WriteNull(&b);
  amf0::WriteObjectStart(&b);
  amf0::WriteKey(&b, "level"); amf0::WriteString(&b, "error");
  amf0::WriteKey(&b, "code"); amf0::WriteString(&b, "NetStream.Publish.BadName");
  amf0::WriteKey(&b, "n"); amf0::WriteNumber(&b, 2.5);
  amf0::WriteKey(&b, "ok"); amf0::WriteBool(&b, true);
  amf0::WriteObjectEnd(&b);
  auto v = amf0::DecodeAll(b);
  REQUIRE(v.has_value());
  REQUIRE(v->size() == 4);
  CHECK((*v)[0].string == "onStatus");
  CHECK((*v)[2].type == amf0::Value::Type::kNull);
  CHECK((*v)[3].GetString("code") == "NetStream.Publish.BadName");
  CHECK((*v)[3].Get("n")->number == 2.5);
  CHECK((*v)[3].Get("ok")->boolean);
}

TEST_CASE("AMF0 rejects truncated input") {
  std::vector<uint8_t> b;
  amf0::WriteString(&b, "connect");
  b.pop_back();
  CHECK_FALSE(amf0::DecodeAll(b).has_value());
  CHECK_FALSE(amf0::DecodeAll(std::vector<uint8_t>{0x03, 0x00}).has_value());
}
