#include <catch2/catch.hpp>

#include "emulator/media/avc_format.h"

using namespace ffsb::emu;

TEST_CASE("Annex B converts to AVCC and the avcC record is built from SPS/PPS") {
  std::vector<uint8_t> annexb = {0, 0, 0, 1, 0x67, 0x64, 0x00, 0x1f, 0xac,  // SPS
                                 0, 0, 0, 1, 0x68, 0xee, 0x3c, 0x80,        // PPS
                                 0, 0, 1, 0x65, 0x88, 0x84, 0x00};          // IDR
  auto avcc = AnnexBToAvcc(annexb, true);
  std::vector<uint8_t> want = {0, 0, 0, 3, 0x65, 0x88, 0x84};  // trailing zero dropped
  CHECK(avcc == want);
  auto cfg = BuildAvcDecoderConfig(annexb);
  REQUIRE(cfg.ok());
  CHECK((*cfg)[0] == 1);
  CHECK((*cfg)[1] == 0x64);
  CHECK(AvccLengthSize(*cfg) == 4);
  CHECK(IsAvcDecoderConfig(*cfg));
  CHECK(!BuildAvcDecoderConfig(std::vector<uint8_t>{0, 0, 1, 0x65, 1}).ok());
}

TEST_CASE("emulation prevention round-trips") {
  std::vector<uint8_t> rbsp = {0, 0, 0, 0, 0, 1, 0, 0, 2, 0, 0, 3, 5};
  auto esc = EscapeRbsp(rbsp);
  CHECK(esc.size() > rbsp.size());
  CHECK(UnescapeRbsp(esc) == rbsp);
}

TEST_CASE("AVCC walking stops at a truncated length") {
  std::vector<uint8_t> d = {0, 0, 0, 2, 0x41, 0x9a, 0, 0, 0, 9, 0x41};
  int n = 0;
  CHECK_FALSE(ForEachAvccNal(d, 4, [&](std::span<const uint8_t>) { ++n; }));
  CHECK(n == 1);
}
