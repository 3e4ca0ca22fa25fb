#include "server/protocol/aac.h"

#include "server/protocol/bit_reader.h"
#include "server/protocol/byte_io.h"

namespace ffsb {

Result<AacConfig> ParseAudioSpecificConfig(const uint8_t* data, size_t size) {
  static const int kRates[13] = {96000, 88200, 64000, 48000, 44100, 32000, 24000,
                                 22050, 16000, 12000, 11025, 8000,  7350};
  BitReader b(data, size);
  AacConfig c;
  c.object_type = int(b.Bits(5));
  if (c.object_type == 31) c.object_type = 32 + int(b.Bits(6));
  uint32_t index = b.Bits(4);
  if (index == 15) {
    c.sample_rate = int(b.Bits(24));
  } else if (index < 13) {
    c.sample_rate = kRates[index];
  } else {
    return ProtocolError("aac: reserved sampling frequency index");
  }
  c.channels = int(b.Bits(4));
  if (!b.ok()) return ProtocolError("aac: truncated AudioSpecificConfig");
  if (c.object_type == 0) return ProtocolError("aac: object type 0");
  return c;
}

}  // namespace ffsb
