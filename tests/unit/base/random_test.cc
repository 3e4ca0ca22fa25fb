// Random: Alnum, Hex, Uuid4 shapes; SeededRandom determinism.
#include "server/base/random.h"

#include <catch2/catch.hpp>
#include <regex>
#include <set>

namespace ffsb {
namespace {

TEST_CASE("Alnum: length and alphabet", "[base][random]") {
  SecureRandom r;
  for (size_t n : {size_t{0}, size_t{1}, size_t{24}, size_t{100}}) {
    std::string s = r.Alnum(n);
    CHECK(s.size() == n);
    for (char c : s) CHECK(std::isalnum(static_cast<unsigned char>(c)));
  }
  // 2000 draws should hit all 62 characters.
  std::set<char> seen;
  for (char c : r.Alnum(2000)) seen.insert(c);
  CHECK(seen.size() == 62);
}

TEST_CASE("Hex: lowercase", "[base][random]") {
  SeededRandom r(1);
  std::string s = r.Hex(64);
  CHECK(s.size() == 64);
  CHECK(std::regex_match(s, std::regex("[0-9a-f]{64}")));
}

TEST_CASE("Uuid4: RFC 4122 version 4, lowercase", "[base][random]") {
  SecureRandom r;
  const std::regex shape("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    std::string u = r.Uuid4();
    INFO(u);
    CHECK(std::regex_match(u, shape));
    seen.insert(u);
  }
  CHECK(seen.size() == 200);
}

TEST_CASE("SeededRandom is deterministic per seed", "[base][random]") {
  SeededRandom a(42), b(42), c(43);
  std::string sa = a.Alnum(32);
  CHECK(sa == b.Alnum(32));
  CHECK(sa != c.Alnum(32));
  CHECK(a.Uuid4() == b.Uuid4());
}

}  // namespace
}  // namespace ffsb
