// Salted PBKDF2-HMAC-SHA256 hashes for the console's operator password (a
// human-chosen secret, so a slow, salted KDF; API secrets are random and use
// the control plane's own scheme). Encoded as one self-describing string:
//   "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>"
// so the iteration count can be raised later without invalidating old hashes.
//
// Thread-safety: stateless functions (the Random passed in must be safe for
// the caller's thread).
#pragma once

#include <string>
#include <string_view>

#include "server/base/random.h"

namespace ffsb::console {

inline constexpr int kDefaultPbkdf2Iterations = 210'000;  // OWASP 2023 floor for SHA-256 is 600k;
                                                          // this keeps sign-in < 0.2 s on a shared core.

// A fresh 16-byte salt from `random`. REQUIRES: iterations >= 1.
std::string HashPassword(std::string_view password, Random& random,
                         int iterations = kDefaultPbkdf2Iterations);

// Constant-time comparison against an encoded hash. A malformed encoding is
// simply "no match".
bool VerifyPassword(std::string_view password, std::string_view encoded);

}  // namespace ffsb::console
