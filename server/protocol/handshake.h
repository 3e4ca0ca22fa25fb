// RTMP handshake, server and client side, driven from memory buffers.
// Spec: Adobe RTMP spec §5.2 (C0/C1/C2, S0/S1/S2). Also the "digest" (FP9)
// variant that Flash, ffmpeg and librtmp send: C1 carries an HMAC-SHA256
// digest at an offset derived from its own bytes; when we find a valid one we
// answer with a digest S1 and an S2 keyed on the client's digest, so clients
// that verify the server (ffmpeg when playing) accept us. See docs/rtmp.md.
// RTMPE (C0 = 6/8, encrypted) is refused.
//
// Thread-safety: one instance per connection, used by one thread.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "server/base/random.h"
#include "server/base/status.h"

namespace ffsb {

inline constexpr size_t kHandshakeSize = 1536;
inline constexpr uint8_t kRtmpVersion = 3;

// Offset of the 32-byte digest in a 1536-byte C1/S1. scheme 0: the digest
// block follows time+version (offset bytes at 8..11); scheme 1: it follows the
// key block (offset bytes at 772..775).
size_t HandshakeDigestOffset(const uint8_t* c1, int scheme);
// HMAC-SHA256 of the 1536-byte block without the 32 digest bytes at `offset`.
std::array<uint8_t, 32> HandshakeDigest(const uint8_t* block, size_t offset, const uint8_t* key,
                                        size_t key_len);
// Returns the scheme (0 or 1) whose digest validates with the Flash Player
// key, or -1 for a plain (non-digest) C1.
int FindClientDigestScheme(const uint8_t* c1);

class HandshakeServer {
 public:
  explicit HandshakeServer(Random* random) : random_(random) {}

  // Consumes handshake bytes from `data`; when C0+C1 is complete appends
  // S0+S1+S2 to *out. Returns how many bytes were consumed: bytes after C2
  // belong to the chunk stream. Error on a bad C0.
  Result<size_t> Feed(const uint8_t* data, size_t n, std::vector<uint8_t>* out);
  bool done() const { return state_ == State::kDone; }
  bool used_digest() const { return scheme_ >= 0; }

 private:
  void Answer(std::vector<uint8_t>* out);
  enum class State { kC0C1, kC2, kDone };
  Random* random_;
  State state_ = State::kC0C1;
  std::vector<uint8_t> buf_;
  int scheme_ = -1;
};

// Client side, used by tests, the fan-out load client and the fuzz corpus.
class HandshakeClient {
 public:
  // C0+C1; with `digest`, a Flash-style C1 (scheme 0) like ffmpeg sends.
  std::vector<uint8_t> Start(Random* random, bool digest);
  // Consumes S0S1S2; appends C2 when complete. Returns bytes consumed.
  Result<size_t> Feed(const uint8_t* data, size_t n, std::vector<uint8_t>* out);
  bool done() const { return done_; }
  // With a digest C1: whether S1 and S2 carried valid server digests.
  bool server_verified() const { return verified_; }

 private:
  std::vector<uint8_t> c1_, buf_;
  bool digest_ = false, done_ = false, verified_ = false;
};

}  // namespace ffsb
