#include <catch2/catch.hpp>

extern "C" {
#include <libswscale/swscale.h>
}

#include <vector>

#include "emulator/media/barcode.h"
#include "emulator/media/test_pattern.h"

using namespace ffsb::emu;

TEST_CASE("barcode word carries a check byte") {
  ffsb::Micros t = 1'764'000'000'123'456;
  CHECK(DecodeBarcodeWord(EncodeBarcodeWord(t)).value() == t);
  CHECK_FALSE(DecodeBarcodeWord(EncodeBarcodeWord(t) ^ 1).has_value());
}

TEST_CASE("barcode drawn at 720p is read back at 720p and after scaling to 360p") {
  const int w = 1280, h = 720;
  std::vector<uint8_t> y(w * h), u(w * h / 4), v(w * h / 4);
  TestPattern pattern(w, h);
  ffsb::Micros t = 1'764'111'222'333'444;
  pattern.Draw(17, t, {y.data(), w, w, h}, {u.data(), w / 2, w / 2, h / 2}, {v.data(), w / 2, w / 2, h / 2});
  CHECK(ReadBarcode({y.data(), w, w, h}).value() == t);

  for (auto [sw, sh] : {std::pair{640, 360}, std::pair{854, 480}}) {
    SwsContext* sws = sws_getContext(w, h, AV_PIX_FMT_YUV420P, sw, sh, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr);
    REQUIRE(sws);
    std::vector<uint8_t> sy(sw * sh), su(sw * sh / 4), sv(sw * sh / 4);
    const uint8_t* src[3] = {y.data(), u.data(), v.data()};
    int src_stride[3] = {w, w / 2, w / 2};
    uint8_t* dst[3] = {sy.data(), su.data(), sv.data()};
    int dst_stride[3] = {sw, sw / 2, sw / 2};
    sws_scale(sws, src, src_stride, 0, h, dst, dst_stride);
    sws_freeContext(sws);
    CHECK(ReadBarcode({sy.data(), sw, sw, sh}).value() == t);
  }
}

TEST_CASE("a picture without a barcode reads as nothing") {
  std::vector<uint8_t> y(640 * 360, 128);
  CHECK_FALSE(ReadBarcode({y.data(), 640, 640, 360}).has_value());
}
