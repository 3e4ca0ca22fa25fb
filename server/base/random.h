// Randomness comes in through this seam (tests inject a seeded one).
// Used for stream keys, API keys and secrets, tokens, play ids and uuids.
//
// Thread-safety: SecureRandom is safe from any thread (reads getrandom(2)).
// SeededRandom is not; give each thread its own.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace ffsb {

class Random {
 public:
  virtual ~Random() = default;
  virtual void Fill(uint8_t* out, size_t n) = 0;

  // n characters from [A-Za-z0-9].
  std::string Alnum(size_t n);
  // n lowercase hex characters.
  std::string Hex(size_t n);
  // RFC 4122 version-4 uuid, lowercase.
  std::string Uuid4();
};

class SecureRandom final : public Random {
 public:
  void Fill(uint8_t* out, size_t n) override;
};

class SeededRandom final : public Random {
 public:
  explicit SeededRandom(uint64_t seed) : rng_(seed) {}
  void Fill(uint8_t* out, size_t n) override;

 private:
  std::mt19937_64 rng_;
};

}  // namespace ffsb
