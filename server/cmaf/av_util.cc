#include "server/cmaf/av_util.h"

namespace ffsb::cmaf {

std::string AvErrorString(int averror) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(averror, buf, sizeof buf);
  return std::string(buf) + " (" + std::to_string(averror) + ")";
}

}  // namespace ffsb::cmaf

namespace ffsb::cmaf {

std::string AvcCodecString(const uint8_t* p, int size) {
  int sps = -1;
  if (size >= 4 && p[0] == 1) {
    sps = 1;  // avcC: profile, compat, level at bytes 1..3
  } else {
    for (int i = 0; i + 4 < size; ++i) {
      if (p[i] == 0 && p[i + 1] == 0 && p[i + 2] == 1 && (p[i + 3] & 0x1f) == 7) {
        sps = i + 4;
        break;
      }
    }
  }
  if (sps < 0 || sps + 3 > size) return "avc1.640028";
  char buf[16];
  snprintf(buf, sizeof buf, "avc1.%02x%02x%02x", p[sps], p[sps + 1], p[sps + 2]);
  return buf;
}

}  // namespace ffsb::cmaf
