// Minimal AMF0 (Adobe AMF0 spec, 2006) as an RTMP client needs it: encoding
// command arguments and metadata, decoding server replies into a small value
// tree. Written for the emulator before server/protocol existed; switch to
// ffs_protocol's codec once it is committed (it will cover the same types).
//
// Thread-safety: value types and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ffsb::emu::amf0 {

// --- encoding: appends to *out ---
void WriteNumber(std::vector<uint8_t>* out, double v);
void WriteBool(std::vector<uint8_t>* out, bool v);
void WriteString(std::vector<uint8_t>* out, std::string_view v);
void WriteNull(std::vector<uint8_t>* out);
void WriteObjectStart(std::vector<uint8_t>* out);
void WriteEcmaArrayStart(std::vector<uint8_t>* out, uint32_t count);
void WriteKey(std::vector<uint8_t>* out, std::string_view key);  // property name inside an object
void WriteObjectEnd(std::vector<uint8_t>* out);

// --- decoding ---
struct Value {
  enum class Type { kNumber, kBool, kString, kObject, kNull, kUndefined, kArray, kOther } type = Type::kNull;
  double number = 0;
  bool boolean = false;
  std::string string;
  std::map<std::string, Value> object;  // objects and ECMA arrays
  std::vector<Value> array;

  // Property lookup on objects; nullptr when absent.
  const Value* Get(std::string_view key) const;
  std::string GetString(std::string_view key) const;  // "" when absent / not a string
};

// Decodes consecutive values until the buffer ends; nullopt when malformed.
std::optional<std::vector<Value>> DecodeAll(std::span<const uint8_t> data);

}  // namespace ffsb::emu::amf0
