#include "server/protocol/amf0.h"

#include <catch2/catch.hpp>

#include "server/protocol/command.h"

using namespace ffsb;

namespace {
Amf0Value RoundTrip(const Amf0Value& v) {
  std::vector<uint8_t> buf;
  ByteWriter w(&buf);
  Amf0Encode(v, w);
  ByteReader r(buf.data(), buf.size());
  Amf0Value out;
  REQUIRE(Amf0Decode(r, &out).ok());
  CHECK(r.empty());
  return out;
}
bool Fails(std::vector<uint8_t> bytes) {
  return !Amf0DecodeAll(bytes.data(), bytes.size()).ok();
}
}  // namespace

TEST_CASE("amf0 round trips every supported type", "[amf0]") {
  CHECK(RoundTrip(Amf0Value::Number(3.25)) == Amf0Value::Number(3.25));
  CHECK(RoundTrip(Amf0Value::Boolean(true)) == Amf0Value::Boolean(true));
  CHECK(RoundTrip(Amf0Value::String("live")) == Amf0Value::String("live"));
  CHECK(RoundTrip(Amf0Value::Null()).type == Amf0Value::Type::kNull);
  CHECK(RoundTrip(Amf0Value::Undefined()).type == Amf0Value::Type::kUndefined);
  CHECK(RoundTrip(Amf0Value::Date(1.7e12)) == Amf0Value::Date(1.7e12));
  std::string big(70000, 'x');
  auto ls = RoundTrip(Amf0Value::String(big));
  CHECK(ls.type == Amf0Value::Type::kLongString);
  CHECK(ls.string == big);
  Amf0Value obj = Amf0Value::Object();
  obj.Set("app", Amf0Value::String("live")).Set("n", Amf0Value::Number(1));
  Amf0Value arr = Amf0Value::EcmaArray();
  arr.Set("width", Amf0Value::Number(640)).Set("inner", obj);
  Amf0Value strict = Amf0Value::StrictArray({Amf0Value::Number(1), arr, Amf0Value::Null()});
  Amf0Value back = RoundTrip(strict);
  CHECK(back == strict);
  CHECK(back.items[1].GetNumber("width") == 640);
  CHECK(back.items[1].Get("inner")->GetString("app") == "live");
  CHECK(back.items[1].Get("missing") == nullptr);
}

TEST_CASE("amf0 malformed inputs are errors, never crashes", "[amf0]") {
  CHECK(Fails({0x00, 1, 2}));                      // truncated number
  CHECK(Fails({0x02, 0, 5, 'a'}));                 // truncated string
  CHECK(Fails({0x0C, 0xFF, 0xFF, 0xFF, 0xFF}));    // long string longer than input
  CHECK(Fails({0x03, 0, 1, 'a', 0x05}));           // object without end
  CHECK(Fails({0x03, 0, 0, 0x05}));                // empty name not followed by end
  CHECK(Fails({0x0A, 0x7F, 0xFF, 0xFF, 0xFF}));    // strict array count > input
  CHECK(Fails({0x09}));                            // stray object end
  CHECK(Fails({0x07, 0, 1}));                      // reference: unsupported
  CHECK(Fails({0x10, 0, 1, 'a'}));                 // typed object: unsupported
  CHECK(Fails({0x11}));                            // AMF3 switch: unsupported
  CHECK(Fails({0x0B, 0, 0, 0}));                   // truncated date
  CHECK_FALSE(Fails({0x08, 0, 0, 0, 9, 0, 0, 9}));  // ECMA count is only a hint
}

TEST_CASE("amf0 nesting depth is limited", "[amf0]") {
  auto nested = [](int depth) {
    std::vector<uint8_t> b;
    for (int i = 0; i < depth; ++i) {
      b.insert(b.end(), {0x03, 0, 1, 'a'});
    }
    b.push_back(0x05);
    for (int i = 0; i < depth; ++i) b.insert(b.end(), {0, 0, 0x09});
    return b;
  };
  CHECK_FALSE(Fails(nested(kAmf0MaxDepth)));
  CHECK(Fails(nested(kAmf0MaxDepth + 1)));
  CHECK(Fails(nested(100000)));
  // Very many values are refused too (memory bound).
  std::vector<uint8_t> many(kAmf0MaxValues + 1, 0x05);
  CHECK(Fails(many));
}

TEST_CASE("commands encode and parse", "[amf0]") {
  Amf0Value info = StatusObject("error", "NetStream.Publish.BadName", "unknown stream key");
  auto payload = EncodeCommand("onStatus", 0, Amf0Value::Null(), {info});
  auto c = ParseCommand(payload);
  REQUIRE(c.ok());
  CHECK(c->name == "onStatus");
  CHECK(c->object.type == Amf0Value::Type::kNull);
  REQUIRE(c->args.size() == 1);
  CHECK(c->args[0].GetString("code") == "NetStream.Publish.BadName");
  auto p2 = EncodeCommand("publish", 5, Amf0Value::Null(),
                          {Amf0Value::String("key?mode=CMAF"), Amf0Value::String("live")});
  auto c2 = ParseCommand(p2);
  REQUIRE(c2.ok());
  CHECK(c2->transaction_id == 5);
  CHECK(c2->StringArg(0) == "key?mode=CMAF");
  CHECK(c2->StringArg(7) == "");
  CHECK_FALSE(ParseCommand({0x00, 0, 0, 0, 0, 0, 0, 0, 0}).ok());  // name not a string
}
