// Bounds-checked big/little-endian byte reader and appending writer: every
// parser in server/protocol reads through ByteReader, so a truncated or hostile
// input yields `false`, never an out-of-bounds read.
//
// Thread-safety: value types over caller-owned memory; not shared.
// Ownership: ByteReader borrows the bytes (they must outlive it); ByteWriter
// appends to a caller-owned vector.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"

namespace ffsb {

// All wire-format errors in the protocol layer use this one code; the media
// layer maps them to a closed connection, never to an API error.
inline Status ProtocolError(std::string what) {
  return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "protocol: " + std::move(what));
}

class ByteReader {
 public:
  ByteReader(const uint8_t* data, size_t size) : p_(data), n_(size) {}
  explicit ByteReader(std::string_view s)
      : p_(reinterpret_cast<const uint8_t*>(s.data())), n_(s.size()) {}

  size_t pos() const { return pos_; }
  size_t size() const { return n_; }
  size_t remaining() const { return n_ - pos_; }
  bool empty() const { return pos_ == n_; }
  const uint8_t* cursor() const { return p_ + pos_; }

  bool Skip(size_t k) {
    if (remaining() < k) return false;
    pos_ += k;
    return true;
  }
  bool ReadU8(uint8_t* v) {
    if (remaining() < 1) return false;
    *v = p_[pos_++];
    return true;
  }
  bool PeekU8(uint8_t* v) const {
    if (remaining() < 1) return false;
    *v = p_[pos_];
    return true;
  }
  bool ReadU16(uint16_t* v) { return ReadBE(2, v); }
  bool ReadU24(uint32_t* v) { return ReadBE(3, v); }
  bool ReadU32(uint32_t* v) { return ReadBE(4, v); }
  bool ReadU32LE(uint32_t* v) {
    if (remaining() < 4) return false;
    *v = uint32_t(p_[pos_]) | uint32_t(p_[pos_ + 1]) << 8 | uint32_t(p_[pos_ + 2]) << 16 |
         uint32_t(p_[pos_ + 3]) << 24;
    pos_ += 4;
    return true;
  }
  bool ReadDouble(double* v) {
    uint64_t bits;
    if (!ReadBE(8, &bits)) return false;
    std::memcpy(v, &bits, 8);
    return true;
  }
  // Points *out at the next k bytes (borrowed) and advances.
  bool ReadBytes(size_t k, const uint8_t** out) {
    if (remaining() < k) return false;
    *out = p_ + pos_;
    pos_ += k;
    return true;
  }
  bool ReadString(size_t k, std::string* out) {
    const uint8_t* b;
    if (!ReadBytes(k, &b)) return false;
    out->assign(reinterpret_cast<const char*>(b), k);
    return true;
  }

 private:
  template <typename T>
  bool ReadBE(int k, T* v) {
    if (remaining() < size_t(k)) return false;
    T r = 0;
    for (int i = 0; i < k; ++i) r = T(r << 8) | p_[pos_ + i];
    pos_ += k;
    *v = r;
    return true;
  }
  const uint8_t* p_;
  size_t n_;
  size_t pos_ = 0;
};

class ByteWriter {
 public:
  explicit ByteWriter(std::vector<uint8_t>* out) : out_(out) {}
  void U8(uint8_t v) { out_->push_back(v); }
  void U16(uint16_t v) { BE(2, v); }
  void U24(uint32_t v) { BE(3, v); }
  void U32(uint32_t v) { BE(4, v); }
  void U32LE(uint32_t v) {
    for (int i = 0; i < 4; ++i) out_->push_back(uint8_t(v >> (8 * i)));
  }
  void Double(double d) {
    uint64_t bits;
    std::memcpy(&bits, &d, 8);
    BE(8, bits);
  }
  void Bytes(const void* p, size_t k) {
    const uint8_t* b = static_cast<const uint8_t*>(p);
    out_->insert(out_->end(), b, b + k);
  }
  void Str(std::string_view s) { Bytes(s.data(), s.size()); }
  size_t size() const { return out_->size(); }

 private:
  void BE(int k, uint64_t v) {
    for (int i = k - 1; i >= 0; --i) out_->push_back(uint8_t(v >> (8 * i)));
  }
  std::vector<uint8_t>* out_;
};

}  // namespace ffsb
