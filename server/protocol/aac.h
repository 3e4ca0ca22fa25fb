// AAC AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1), carried in the FLV/RTMP
// AAC sequence header, parsed for stats. See docs/flv.md.
//
// Thread-safety: stateless function.
#pragma once

#include <cstdint>

#include "server/base/status.h"

namespace ffsb {

struct AacConfig {
  int object_type = 0;  // 2 = AAC-LC, 5 = SBR (HE-AAC), 29 = PS
  int sample_rate = 0;
  int channels = 0;
};

Result<AacConfig> ParseAudioSpecificConfig(const uint8_t* data, size_t size);

}  // namespace ffsb
