#include "server/protocol/handshake.h"

#include "server/protocol/byte_io.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstring>

namespace ffsb {
namespace {

// "Genuine Adobe Flash Media Server 001" + 32 bytes; S1 uses the first 36,
// S2's key derivation all 68.
const uint8_t kFmsKey[68] = {
    'G', 'e', 'n', 'u', 'i', 'n', 'e', ' ', 'A', 'd', 'o', 'b', 'e', ' ', 'F', 'l', 'a',
    's', 'h', ' ', 'M', 'e', 'd', 'i', 'a', ' ', 'S', 'e', 'r', 'v', 'e', 'r', ' ', '0',
    '0', '1', 0xf0, 0xee, 0xc2, 0x4a, 0x80, 0x68, 0xbe, 0xe8, 0x2e, 0x00, 0xd0, 0xd1, 0x02,
    0x9e, 0x7e, 0x57, 0x6e, 0xec, 0x5d, 0x2d, 0x29, 0x80, 0x6f, 0xab, 0x93, 0xb8, 0xe6,
    0x36, 0xcf, 0xeb, 0x31, 0xae};
// "Genuine Adobe Flash Player 001" + the same 32 bytes; C1 uses the first 30.
const uint8_t kFpKey[62] = {
    'G', 'e', 'n', 'u', 'i', 'n', 'e', ' ', 'A', 'd', 'o', 'b', 'e', ' ', 'F', 'l',
    'a', 's', 'h', ' ', 'P', 'l', 'a', 'y', 'e', 'r', ' ', '0', '0', '1', 0xf0, 0xee,
    0xc2, 0x4a, 0x80, 0x68, 0xbe, 0xe8, 0x2e, 0x00, 0xd0, 0xd1, 0x02, 0x9e, 0x7e, 0x57,
    0x6e, 0xec, 0x5d, 0x2d, 0x29, 0x80, 0x6f, 0xab, 0x93, 0xb8, 0xe6, 0x36, 0xcf, 0xeb,
    0x31, 0xae};

std::array<uint8_t, 32> Hmac(const uint8_t* key, size_t key_len, const uint8_t* a, size_t an,
                             const uint8_t* b = nullptr, size_t bn = 0) {
  std::vector<uint8_t> msg(a, a + an);
  if (b) msg.insert(msg.end(), b, b + bn);
  std::array<uint8_t, 32> out{};
  unsigned int len = 32;
  HMAC(EVP_sha256(), key, int(key_len), msg.data(), msg.size(), out.data(), &len);
  return out;
}

// S2/C2 for the digest handshake: random bytes whose last 32 are
// HMAC(HMAC(full_key, peer_digest), first 1504 bytes).
void SignResponse(uint8_t* block, const uint8_t* peer_digest, const uint8_t* key, size_t key_len) {
  auto tmp = Hmac(key, key_len, peer_digest, 32);
  auto sig = Hmac(tmp.data(), 32, block, kHandshakeSize - 32);
  std::memcpy(block + kHandshakeSize - 32, sig.data(), 32);
}

}  // namespace

size_t HandshakeDigestOffset(const uint8_t* c1, int scheme) {
  size_t base = scheme == 0 ? 8 : 772;
  size_t sum = size_t(c1[base]) + c1[base + 1] + c1[base + 2] + c1[base + 3];
  return sum % 728 + base + 4;
}

std::array<uint8_t, 32> HandshakeDigest(const uint8_t* block, size_t offset, const uint8_t* key,
                                        size_t key_len) {
  return Hmac(key, key_len, block, offset, block + offset + 32, kHandshakeSize - offset - 32);
}

int FindClientDigestScheme(const uint8_t* c1) {
  for (int scheme = 0; scheme < 2; ++scheme) {
    size_t off = HandshakeDigestOffset(c1, scheme);
    auto d = HandshakeDigest(c1, off, kFpKey, 30);
    if (std::memcmp(d.data(), c1 + off, 32) == 0) return scheme;
  }
  return -1;
}

Result<size_t> HandshakeServer::Feed(const uint8_t* data, size_t n, std::vector<uint8_t>* out) {
  size_t used = 0;
  while (used < n && state_ != State::kDone) {
    size_t want = (state_ == State::kC0C1 ? 1 + kHandshakeSize : kHandshakeSize) - buf_.size();
    size_t take = std::min(want, n - used);
    buf_.insert(buf_.end(), data + used, data + used + take);
    used += take;
    if (state_ == State::kC0C1 && !buf_.empty() && buf_[0] != kRtmpVersion) {
      uint8_t v = buf_[0];
      return ProtocolError(v == 6 || v == 8 ? "RTMPE (encrypted) handshake not supported"
                                             : "bad handshake version byte " + std::to_string(v));
    }
    if (take < want) break;
    if (state_ == State::kC0C1) {
      Answer(out);
      state_ = State::kC2;
    } else {
      state_ = State::kDone;  // C2 content is not checked (spec §5.2.6 leniency, like SRS)
    }
    buf_.clear();
  }
  return used;
}

void HandshakeServer::Answer(std::vector<uint8_t>* out) {
  const uint8_t* c1 = buf_.data() + 1;
  scheme_ = FindClientDigestScheme(c1);
  size_t base = out->size();
  out->resize(base + 1 + 2 * kHandshakeSize);
  uint8_t* s0 = out->data() + base;
  uint8_t* s1 = s0 + 1;
  uint8_t* s2 = s1 + kHandshakeSize;
  s0[0] = kRtmpVersion;
  random_->Fill(s1, kHandshakeSize);
  std::memset(s1, 0, 4);  // time 0
  if (scheme_ < 0) {
    std::memset(s1 + 4, 0, 4);               // zero => plain handshake (spec §5.2.3)
    std::memcpy(s2, c1, kHandshakeSize);     // S2 echoes C1 (spec §5.2.4)
    return;
  }
  const uint8_t version[4] = {4, 0, 0, 1};
  std::memcpy(s1 + 4, version, 4);
  size_t off = HandshakeDigestOffset(s1, scheme_);
  auto d = HandshakeDigest(s1, off, kFmsKey, 36);
  std::memcpy(s1 + off, d.data(), 32);
  random_->Fill(s2, kHandshakeSize);
  SignResponse(s2, c1 + HandshakeDigestOffset(c1, scheme_), kFmsKey, sizeof(kFmsKey));
}

std::vector<uint8_t> HandshakeClient::Start(Random* random, bool digest) {
  digest_ = digest;
  c1_.assign(kHandshakeSize, 0);
  random->Fill(c1_.data(), kHandshakeSize);
  std::memset(c1_.data(), 0, 4);
  if (digest) {
    const uint8_t version[4] = {0x80, 0, 7, 2};
    std::memcpy(c1_.data() + 4, version, 4);
    size_t off = HandshakeDigestOffset(c1_.data(), 0);
    auto d = HandshakeDigest(c1_.data(), off, kFpKey, 30);
    std::memcpy(c1_.data() + off, d.data(), 32);
  } else {
    std::memset(c1_.data() + 4, 0, 4);
  }
  std::vector<uint8_t> out{kRtmpVersion};
  out.insert(out.end(), c1_.begin(), c1_.end());
  return out;
}

Result<size_t> HandshakeClient::Feed(const uint8_t* data, size_t n, std::vector<uint8_t>* out) {
  size_t want = 1 + 2 * kHandshakeSize - buf_.size();
  size_t take = std::min(want, n);
  buf_.insert(buf_.end(), data, data + take);
  if (!buf_.empty() && buf_[0] != kRtmpVersion) return ProtocolError("bad S0");
  if (take < want || done_) return take;
  const uint8_t* s1 = buf_.data() + 1;
  const uint8_t* s2 = s1 + kHandshakeSize;
  std::vector<uint8_t> c2(s1, s1 + kHandshakeSize);  // plain: echo S1
  if (digest_ && (s1[4] | s1[5] | s1[6] | s1[7])) {
    size_t soff = HandshakeDigestOffset(s1, 0);
    auto sd = HandshakeDigest(s1, soff, kFmsKey, 36);
    bool s1_ok = std::memcmp(sd.data(), s1 + soff, 32) == 0;
    std::vector<uint8_t> expect(s2, s2 + kHandshakeSize);
    SignResponse(expect.data(), c1_.data() + HandshakeDigestOffset(c1_.data(), 0), kFmsKey,
                 sizeof(kFmsKey));
    verified_ = s1_ok && std::memcmp(expect.data(), s2, kHandshakeSize) == 0;
    SignResponse(c2.data(), s1 + soff, kFpKey, sizeof(kFpKey));
  }
  out->insert(out->end(), c2.begin(), c2.end());
  done_ = true;
  return take;
}

}  // namespace ffsb
