#include "server/base/random.h"

#include <sys/random.h>

#include <cstdio>

namespace ffsb {

std::string Random::Alnum(size_t n) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out;
  out.reserve(n);
  while (out.size() < n) {
    uint8_t b[32];
    Fill(b, sizeof b);
    for (uint8_t x : b) {
      if (x >= 248) continue;  // 248 = 62*4: reject to stay uniform
      out += kChars[x % 62];
      if (out.size() == n) break;
    }
  }
  return out;
}

std::string Random::Hex(size_t n) {
  std::string out;
  out.reserve(n);
  uint8_t b[32];
  while (out.size() < n) {
    Fill(b, sizeof b);
    for (uint8_t x : b) {
      out += "0123456789abcdef"[x & 15];
      if (out.size() == n) break;
    }
  }
  return out;
}

std::string Random::Uuid4() {
  uint8_t b[16];
  Fill(b, 16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  char s[37];
  snprintf(s, sizeof s, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
           b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return s;
}

void SecureRandom::Fill(uint8_t* out, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(out, n, 0);
    if (got <= 0) continue;
    out += got;
    n -= static_cast<size_t>(got);
  }
}

void SeededRandom::Fill(uint8_t* out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(rng_() >> 24);
}

}  // namespace ffsb
