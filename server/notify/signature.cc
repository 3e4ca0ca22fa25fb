#include "server/notify/signature.h"

#include <charconv>
#include <cstdlib>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

namespace ffsb::notify {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

std::string HmacSha256Hex(std::string_view key, std::string_view message) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  // An empty key is valid HMAC input; HMAC() wants a non-null pointer.
  static const unsigned char kEmpty = 0;
  const void* k = key.empty() ? static_cast<const void*>(&kEmpty) : static_cast<const void*>(key.data());
  HMAC(EVP_sha256(), k, static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), mac, &len);
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(len * 2);
  for (unsigned int i = 0; i < len; ++i) {
    out.push_back(kHex[mac[i] >> 4]);
    out.push_back(kHex[mac[i] & 0xf]);
  }
  return out;
}

std::string SignatureHeader(int64_t unix_seconds, std::string_view body, std::string_view secret) {
  std::string t = std::to_string(unix_seconds);
  std::string msg = t + "." + std::string(body);
  return "t=" + t + ",v1=" + HmacSha256Hex(secret, msg);
}

std::string_view ToString(VerifyResult r) {
  switch (r) {
    case VerifyResult::kOk: return "ok";
    case VerifyResult::kMalformed: return "malformed signature header";
    case VerifyResult::kMismatch: return "signature mismatch";
    case VerifyResult::kOutOfWindow: return "timestamp outside tolerance";
  }
  return "?";
}

VerifyResult Verify(std::string_view header, std::string_view body, std::string_view secret, int64_t now,
                    int64_t tolerance_seconds) {
  std::string_view t_text;
  std::vector<std::string_view> v1s;
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view part = Trim(header.substr(0, comma));
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view k = part.substr(0, eq), v = part.substr(eq + 1);
    if (k == "t") t_text = v;
    if (k == "v1") v1s.push_back(v);
  }
  int64_t t = 0;
  auto [ptr, ec] = std::from_chars(t_text.data(), t_text.data() + t_text.size(), t);
  if (t_text.empty() || ec != std::errc() || ptr != t_text.data() + t_text.size() || v1s.empty()) {
    return VerifyResult::kMalformed;
  }
  std::string expected = HmacSha256Hex(secret, std::string(t_text) + "." + std::string(body));
  bool match = false;
  for (std::string_view v : v1s) {
    if (v.size() == expected.size() && CRYPTO_memcmp(v.data(), expected.data(), v.size()) == 0) match = true;
  }
  if (!match) return VerifyResult::kMismatch;
  if (std::llabs(now - t) > tolerance_seconds) return VerifyResult::kOutOfWindow;
  return VerifyResult::kOk;
}

}  // namespace ffsb::notify
