#include "server/protocol/handshake.h"

#include <catch2/catch.hpp>
#include <cstring>

using namespace ffsb;

namespace {
// Runs a client against the server, feeding in odd-sized pieces.
void RunHandshake(bool digest, size_t piece, bool* verified, bool* server_digest) {
  SeededRandom rc(1), rs(2);
  HandshakeClient client;
  HandshakeServer server(&rs);
  std::vector<uint8_t> c0c1 = client.Start(&rc, digest);
  std::vector<uint8_t> s_out, c_out;
  for (size_t i = 0; i < c0c1.size(); i += piece) {
    size_t n = std::min(piece, c0c1.size() - i);
    auto used = server.Feed(c0c1.data() + i, n, &s_out);
    REQUIRE(used.ok());
    REQUIRE(*used == n);
  }
  REQUIRE(s_out.size() == 1 + 2 * kHandshakeSize);
  auto used = client.Feed(s_out.data(), s_out.size(), &c_out);
  REQUIRE(used.ok());
  REQUIRE(client.done());
  // C2 followed by the first chunk bytes: only C2 is consumed.
  c_out.push_back(0x03);
  auto used2 = server.Feed(c_out.data(), c_out.size(), &s_out);
  REQUIRE(used2.ok());
  REQUIRE(*used2 == kHandshakeSize);
  REQUIRE(server.done());
  *verified = client.server_verified();
  *server_digest = server.used_digest();
}
}  // namespace

TEST_CASE("plain handshake: S2 echoes C1, zero version S1", "[handshake]") {
  for (size_t piece : {1u, 7u, 1537u, 4000u}) {
    bool verified, digest;
    RunHandshake(false, piece, &verified, &digest);
    CHECK_FALSE(digest);
  }
  SeededRandom r(3);
  HandshakeClient c;
  auto c0c1 = c.Start(&r, false);
  HandshakeServer s(&r);
  std::vector<uint8_t> out;
  REQUIRE(s.Feed(c0c1.data(), c0c1.size(), &out).ok());
  CHECK(std::memcmp(out.data() + 1 + kHandshakeSize, c0c1.data() + 1, kHandshakeSize) == 0);
  CHECK(out[1 + 4] == 0);
}

TEST_CASE("digest (FP9) handshake: the server answers a verifiable S1/S2", "[handshake]") {
  bool verified, digest;
  RunHandshake(true, 100, &verified, &digest);
  CHECK(digest);
  CHECK(verified);
}

TEST_CASE("digest detection finds scheme 0 and rejects a corrupted digest", "[handshake]") {
  SeededRandom r(4);
  HandshakeClient c;
  auto c0c1 = c.Start(&r, true);
  CHECK(FindClientDigestScheme(c0c1.data() + 1) == 0);
  size_t off = HandshakeDigestOffset(c0c1.data() + 1, 0);
  c0c1[1 + off] ^= 1;
  CHECK(FindClientDigestScheme(c0c1.data() + 1) == -1);
}

TEST_CASE("bad C0 versions are refused, RTMPE named", "[handshake]") {
  SeededRandom r(5);
  for (uint8_t v : {0, 6, 8, 0x47}) {
    HandshakeServer s(&r);
    std::vector<uint8_t> out;
    uint8_t c0 = v;
    auto res = s.Feed(&c0, 1, &out);
    REQUIRE_FALSE(res.ok());
    if (v == 6) CHECK(res.status().message().find("RTMPE") != std::string::npos);
  }
}
