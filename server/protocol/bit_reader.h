// Bounds-checked MSB-first bit reader with Exp-Golomb codes (H.264 §9.1),
// for SPS and AudioSpecificConfig parsing. Reading past the end sets a sticky
// error flag and returns 0, so parsers check ok() once at the end.
//
// Thread-safety: value type over caller-owned memory.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ffsb {

class BitReader {
 public:
  BitReader(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  uint32_t Bits(int k) {  // k <= 32
    uint32_t v = 0;
    for (int i = 0; i < k; ++i) v = (v << 1) | Bit();
    return v;
  }
  uint32_t Bit() {
    if (bit_ >= n_ * 8) {
      ok_ = false;
      return 0;
    }
    uint32_t b = (p_[bit_ / 8] >> (7 - bit_ % 8)) & 1;
    ++bit_;
    return b;
  }
  uint32_t Ue() {  // unsigned Exp-Golomb
    int zeros = 0;
    while (ok_ && Bit() == 0) {
      if (++zeros > 31) {
        ok_ = false;
        return 0;
      }
    }
    if (!ok_) return 0;
    return uint32_t((uint64_t(1) << zeros) - 1 + Bits(zeros));
  }
  int32_t Se() {  // signed Exp-Golomb
    uint32_t k = Ue();
    return (k & 1) ? int32_t((k + 1) / 2) : -int32_t(k / 2);
  }
  bool ok() const { return ok_; }

 private:
  const uint8_t* p_;
  size_t n_;
  size_t bit_ = 0;
  bool ok_ = true;
};

}  // namespace ffsb
