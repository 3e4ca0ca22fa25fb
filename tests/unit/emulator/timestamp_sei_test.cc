#include <catch2/catch.hpp>

#include "emulator/media/avc_format.h"
#include "emulator/media/timestamp_sei.h"

using namespace ffsb::emu;

TEST_CASE("timestamp SEI round-trips, including bytes needing emulation prevention") {
  for (ffsb::Micros t : {ffsb::Micros{1'764'000'000'123'456}, ffsb::Micros{0x0000000300000000}, ffsb::Micros{1}}) {
    auto nal = BuildTimestampSei(t);
    CHECK((nal[0] & 0x1f) == kNalSei);
    auto got = ParseTimestampSei(nal);
    REQUIRE(got.has_value());
    CHECK(*got == t);
  }
}

TEST_CASE("SEI is inserted before the first slice and found again") {
  std::vector<uint8_t> au;
  AppendAvccNal(&au, std::vector<uint8_t>{0x09, 0xf0});        // AUD
  AppendAvccNal(&au, std::vector<uint8_t>{0x65, 0x88, 0x80});  // IDR slice
  auto stamped = InsertTimestampSei(au, 42);
  std::vector<uint8_t> types;
  ForEachAvccNal(stamped, 4, [&](std::span<const uint8_t> n) { types.push_back(n[0] & 0x1f); });
  CHECK(types == std::vector<uint8_t>{kNalAud, kNalSei, kNalIdr});
  CHECK(FindTimestampInAvcc(stamped).value() == 42);
  CHECK_FALSE(FindTimestampInAvcc(au).has_value());
}

TEST_CASE("other user_data_unregistered SEI is ignored") {
  std::vector<uint8_t> nal = {0x06, 0x05, 0x12};
  for (int i = 0; i < 18; ++i) nal.push_back(0x11);
  nal.push_back(0x80);
  CHECK_FALSE(ParseTimestampSei(nal).has_value());
}
