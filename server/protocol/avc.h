// H.264 sequence header parsing for stats: the AVCDecoderConfigurationRecord
// carried in an FLV/RTMP AVC sequence header (ISO/IEC 14496-15 §5.2.4.1) and
// the SPS inside it (ITU-T H.264 §7.3.2.1.1) for width, height, profile,
// level and, when the VUI has timing info, the frame rate. See docs/flv.md.
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <vector>

#include "server/base/status.h"

namespace ffsb {

struct SpsInfo {
  uint8_t profile_idc = 0, constraint_flags = 0, level_idc = 0;
  uint32_t width = 0, height = 0;
  double fps = 0;  // 0 when the VUI carries no timing info
};

struct AvcConfig {
  uint8_t profile = 0, profile_compat = 0, level = 0;
  int nal_length_size = 4;
  std::vector<std::vector<uint8_t>> sps, pps;
  SpsInfo info;  // from the first SPS
};

// Parses one SPS NAL unit (with its 1-byte NAL header), emulation
// prevention bytes included.
Result<SpsInfo> ParseSps(const uint8_t* nal, size_t size);
// Parses the record (the FLV video body after the 5-byte AVC header).
Result<AvcConfig> ParseAvcDecoderConfigurationRecord(const uint8_t* data, size_t size);

}  // namespace ffsb
