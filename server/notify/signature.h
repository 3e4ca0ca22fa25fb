// Webhook signatures (beyond the real service, in Mux's form). Each delivery
// carries
//   FlipFlop-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(key=secret, msg="<t>.<body>")>
// where secret is the app's callback accessPassword. A receiver recomputes
// the HMAC over the raw body it received and rejects old timestamps (replay).
// Several v1= entries may appear (secret rotation): any match verifies.
// See docs/webhooks.md for a Python snippet.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ffsb::notify {

inline constexpr std::string_view kSignatureHeader = "FlipFlop-Signature";
inline constexpr std::string_view kDeliveryIdHeader = "FlipFlop-Delivery-Id";
inline constexpr std::string_view kEventTypeHeader = "FlipFlop-Event-Type";

// Lowercase hex HMAC-SHA256 of message keyed with key.
std::string HmacSha256Hex(std::string_view key, std::string_view message);

// "t=1700000000,v1=5f2c…"
std::string SignatureHeader(int64_t unix_seconds, std::string_view body, std::string_view secret);

enum class VerifyResult {
  kOk,
  kMalformed,   // no t= or no v1=, or t not a number
  kMismatch,    // no v1 matches the body and secret
  kOutOfWindow  // |now - t| > tolerance
};
std::string_view ToString(VerifyResult r);

// REQUIRES: tolerance_seconds >= 0. Compares in constant time.
VerifyResult Verify(std::string_view signature_header, std::string_view body, std::string_view secret,
                    int64_t now_unix_seconds, int64_t tolerance_seconds = 300);

}  // namespace ffsb::notify
