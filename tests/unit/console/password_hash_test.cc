// PBKDF2 operator password hashes: round trip, salt, malformed encodings.
#include "server/console/password_hash.h"

#include <catch2/catch.hpp>

namespace ffsb::console {
namespace {

TEST_CASE("HashPassword/VerifyPassword round trip", "[console][password]") {
  SeededRandom r(7);
  std::string h = HashPassword("correct horse", r, 1000);
  CHECK(h.rfind("pbkdf2-sha256$1000$", 0) == 0);
  CHECK(h.find("correct horse") == std::string::npos);
  CHECK(VerifyPassword("correct horse", h));
  CHECK_FALSE(VerifyPassword("correct hors", h));
  CHECK_FALSE(VerifyPassword("", h));
}

TEST_CASE("each hash has its own salt", "[console][password]") {
  SecureRandom r;
  std::string a = HashPassword("pw", r, 1000), b = HashPassword("pw", r, 1000);
  CHECK(a != b);
  CHECK(VerifyPassword("pw", a));
  CHECK(VerifyPassword("pw", b));
}

TEST_CASE("malformed encodings never verify", "[console][password]") {
  SeededRandom r(1);
  std::string good = HashPassword("pw", r, 1000);
  for (std::string bad : {std::string(""), std::string("pw"), std::string("pbkdf2-sha256$1000$abcd"),
                          std::string("md5$1000$00$00"), good + "$extra", std::string("pbkdf2-sha256$0$00$00"),
                          std::string("pbkdf2-sha256$x$00$00"), std::string("pbkdf2-sha256$99999999999$00$00")})
    CHECK_FALSE(VerifyPassword("pw", bad));
  std::string upper = good;
  upper.back() = upper.back() == 'a' ? 'b' : 'a';
  CHECK_FALSE(VerifyPassword("pw", upper));
}

}  // namespace
}  // namespace ffsb::console
