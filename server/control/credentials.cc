#include "server/control/credentials.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

namespace ffsb::control {
namespace {

std::string ToHex(const unsigned char* p, size_t n) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kHex[p[i] >> 4];
    out += kHex[p[i] & 15];
  }
  return out;
}

std::string SaltedHash(std::string_view salt, std::string_view secret) {
  std::string data(salt);
  data += secret;
  return Sha256Hex(data);
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), md);
  return ToHex(md, sizeof md);
}

std::string HashSecret(std::string_view secret, Random& random) {
  std::string salt = random.Hex(32);
  return "sha256$" + salt + "$" + SaltedHash(salt, secret);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

bool VerifySecret(std::string_view secret, std::string_view stored) {
  constexpr std::string_view kPrefix = "sha256$";
  if (stored.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view rest = stored.substr(kPrefix.size());
  size_t dollar = rest.find('$');
  if (dollar == std::string_view::npos) return false;
  return ConstantTimeEquals(SaltedHash(rest.substr(0, dollar), secret), rest.substr(dollar + 1));
}

AuthCache::AuthCache(Random& random) : hmac_key_(random.Hex(64)) {}

std::string AuthCache::Mac(std::string_view key, std::string_view secret) const {
  std::string data(key);
  data += '\0';
  data += secret;
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), hmac_key_.data(), static_cast<int>(hmac_key_.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len);
  return std::string(reinterpret_cast<char*>(md), len);
}

std::optional<domain::App> AuthCache::Find(std::string_view key, std::string_view secret) const {
  std::string mac = Mac(key, secret);
  std::lock_guard lock(mu_);
  auto it = by_mac_.find(mac);
  if (it == by_mac_.end()) return std::nullopt;
  return it->second;
}

void AuthCache::Put(std::string_view key, std::string_view secret, const domain::App& app) {
  std::string mac = Mac(key, secret);
  std::lock_guard lock(mu_);
  if (by_mac_.size() > 10000) by_mac_.clear();  // bound memory against credential spraying
  by_mac_[mac] = app;
}

void AuthCache::Refresh(const domain::App& app) {
  std::lock_guard lock(mu_);
  for (auto it = by_mac_.begin(); it != by_mac_.end();) {
    if (it->second.id != app.id) {
      ++it;
    } else if (app.state != domain::EntityState::ACTIVE) {
      it = by_mac_.erase(it);
    } else {
      it->second = app;
      ++it;
    }
  }
}

}  // namespace ffsb::control
