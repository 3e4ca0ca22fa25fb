#include "server/console/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <charconv>
#include <cstdint>
#include <vector>

namespace ffsb::console {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr size_t kHashBytes = 32;
constexpr int kMaxIterations = 10'000'000;

std::string ToHex(const uint8_t* p, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string s(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    s[2 * i] = kDigits[p[i] >> 4];
    s[2 * i + 1] = kDigits[p[i] & 15];
  }
  return s;
}

bool FromHex(std::string_view s, std::vector<uint8_t>* out) {
  if (s.size() % 2 != 0) return false;
  out->clear();
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = nibble(s[i]), lo = nibble(s[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return true;
}

bool Derive(std::string_view password, const std::vector<uint8_t>& salt, int iterations, uint8_t* out,
            size_t out_len) {
  return PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(), static_cast<int>(out_len),
                           out) == 1;
}

}  // namespace

std::string HashPassword(std::string_view password, Random& random, int iterations) {
  std::vector<uint8_t> salt(16);
  random.Fill(salt.data(), salt.size());
  uint8_t hash[kHashBytes];
  if (!Derive(password, salt, iterations, hash, sizeof hash)) return {};
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + ToHex(salt.data(), salt.size()) + "$" +
         ToHex(hash, sizeof hash);
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  // Split into exactly four '$'-separated fields.
  std::string_view parts[4];
  size_t n = 0;
  while (n < 4) {
    size_t pos = encoded.find('$');
    if (n == 3) {
      if (pos != std::string_view::npos) return false;
      parts[n++] = encoded;
      break;
    }
    if (pos == std::string_view::npos) return false;
    parts[n++] = encoded.substr(0, pos);
    encoded.remove_prefix(pos + 1);
  }
  if (parts[0] != kScheme) return false;
  int iterations = 0;
  auto [end, ec] = std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
  if (ec != std::errc() || end != parts[1].data() + parts[1].size() || iterations < 1 ||
      iterations > kMaxIterations)
    return false;
  std::vector<uint8_t> salt, expected;
  if (!FromHex(parts[2], &salt) || salt.empty() || !FromHex(parts[3], &expected) ||
      expected.size() != kHashBytes)
    return false;
  uint8_t actual[kHashBytes];
  if (!Derive(password, salt, iterations, actual, sizeof actual)) return false;
  return CRYPTO_memcmp(actual, expected.data(), kHashBytes) == 0;
}

}  // namespace ffsb::console
