// App secrets and member tokens: generation, hashing and verification.
//
// App secrets are 40 random characters from [A-Za-z0-9] (~238 bits), so a
// salted single SHA-256 is enough (no slow KDF is needed: brute force over
// that space is hopeless); the stored form is "sha256$<salt hex>$<hash hex>"
// and verification compares in constant time. Member tokens are 48 random
// characters, stored as their plain SHA-256 (looked up by hash).
//
// AuthCache remembers successful (api key, secret) verifications, keyed by
// an HMAC of the pair under a per-process random key, so Basic auth costs one
// HMAC per request and the plaintext secret is never kept in memory.
//
// Thread-safety: the free functions are pure; AuthCache is internally locked.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "server/base/random.h"
#include "server/domain/entities.h"

namespace ffsb::control {

inline constexpr size_t kAppSecretLength = 40;
inline constexpr size_t kApiKeyLength = 32;
inline constexpr size_t kMemberTokenLength = 48;

std::string Sha256Hex(std::string_view data);
std::string HashSecret(std::string_view secret, Random& random);
bool VerifySecret(std::string_view secret, std::string_view stored_hash);
bool ConstantTimeEquals(std::string_view a, std::string_view b);

class AuthCache {
 public:
  explicit AuthCache(Random& random);
  std::optional<domain::App> Find(std::string_view key, std::string_view secret) const;
  void Put(std::string_view key, std::string_view secret, const domain::App& app);
  // Refreshes the cached copies of an app after its settings changed.
  void Refresh(const domain::App& app);

 private:
  std::string Mac(std::string_view key, std::string_view secret) const;
  std::string hmac_key_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, domain::App> by_mac_;  // GUARDED_BY(mu_)
};

}  // namespace ffsb::control
