#include <catch2/catch.hpp>

#include "server/protocol/aac.h"
#include "server/protocol/avc.h"

using namespace ffsb;

namespace {
std::vector<uint8_t> Hex(const std::string& h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(uint8_t(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}
// SPS NAL units produced by ffmpeg/libx264 (with emulation prevention bytes).
const char* kSps640x360High30 = "6764001eacd940a02ff970110000030001000003003c0f162d96";
const char* kSps1080Main25 = "674d4028eca03c0113f2e022000003000200000300641e30632c";
}  // namespace

TEST_CASE("SPS: size, profile, level, fps", "[codec]") {
  auto s = Hex(kSps640x360High30);
  auto info = ParseSps(s.data(), s.size());
  REQUIRE(info.ok());
  CHECK(info->width == 640);
  CHECK(info->height == 360);  // cropped from 368
  CHECK(info->profile_idc == 100);
  CHECK(info->level_idc == 30);
  CHECK(info->fps == Approx(30));
  auto s2 = Hex(kSps1080Main25);
  auto info2 = ParseSps(s2.data(), s2.size());
  REQUIRE(info2.ok());
  CHECK(info2->width == 1920);
  CHECK(info2->height == 1080);
  CHECK(info2->profile_idc == 77);
  CHECK(info2->fps == Approx(25));
}

TEST_CASE("SPS: truncated and non-SPS inputs fail cleanly", "[codec]") {
  auto s = Hex(kSps640x360High30);
  for (size_t n = 0; n < 10; ++n) CHECK_FALSE(ParseSps(s.data(), n).ok());
  uint8_t pps[] = {0x68, 0xeb, 0xe3, 0xcb};
  CHECK_FALSE(ParseSps(pps, sizeof pps).ok());
}

TEST_CASE("AVCDecoderConfigurationRecord", "[codec]") {
  auto sps = Hex(kSps640x360High30);
  std::vector<uint8_t> rec = {1, sps[1], sps[2], sps[3], 0xFF, 0xE1, 0, uint8_t(sps.size())};
  rec.insert(rec.end(), sps.begin(), sps.end());
  rec.insert(rec.end(), {1, 0, 4, 0x68, 0xeb, 0xe3, 0xcb});
  auto c = ParseAvcDecoderConfigurationRecord(rec.data(), rec.size());
  REQUIRE(c.ok());
  CHECK(c->profile == 100);
  CHECK(c->level == 30);
  CHECK(c->nal_length_size == 4);
  CHECK(c->info.width == 640);
  CHECK(c->pps.size() == 1);
  for (size_t n = 0; n < rec.size(); ++n) CHECK_FALSE(ParseAvcDecoderConfigurationRecord(rec.data(), n).ok());
}

TEST_CASE("AudioSpecificConfig", "[codec]") {
  uint8_t lc_44k_stereo[] = {0x12, 0x10};
  auto c = ParseAudioSpecificConfig(lc_44k_stereo, 2);
  REQUIRE(c.ok());
  CHECK(c->object_type == 2);
  CHECK(c->sample_rate == 44100);
  CHECK(c->channels == 2);
  uint8_t lc_48k_mono[] = {0x11, 0x88};
  CHECK(ParseAudioSpecificConfig(lc_48k_mono, 2)->sample_rate == 48000);
  CHECK(ParseAudioSpecificConfig(lc_48k_mono, 2)->channels == 1);
  CHECK_FALSE(ParseAudioSpecificConfig(lc_44k_stereo, 1).ok());
  uint8_t reserved[] = {0x16, 0x90};
  CHECK_FALSE(ParseAudioSpecificConfig(reserved, 2).ok());
}
