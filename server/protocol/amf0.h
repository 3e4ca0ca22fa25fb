// AMF0 values, encoder and decoder (Adobe "Action Message Format -- AMF 0"
// spec, §2). Used by RTMP commands (type 20) and data messages (type 18).
// Supported markers: number, boolean, string, object, null, undefined,
// ECMA array, object end, strict array, date, long string (and XML document,
// read as a long string). Refused: movieclip, reference, recordset, typed
// object, AVM+ (AMF3) switch, nesting deeper than the limit. See docs/rtmp.md.
//
// Thread-safety: value types and stateless functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/status.h"
#include "server/protocol/byte_io.h"

namespace ffsb {

struct Amf0Property;

struct Amf0Value {
  enum class Type {
    kNumber, kBoolean, kString, kObject, kNull, kUndefined,
    kEcmaArray, kStrictArray, kDate, kLongString,
  };
  Type type = Type::kNull;
  double number = 0;        // kNumber; kDate: ms since epoch
  bool boolean = false;     // kBoolean
  int16_t timezone = 0;     // kDate (reserved, spec says 0)
  std::string string;       // kString, kLongString
  std::vector<Amf0Property> properties;  // kObject, kEcmaArray (ordered)
  std::vector<Amf0Value> items;          // kStrictArray

  static Amf0Value Number(double v);
  static Amf0Value Boolean(bool v);
  static Amf0Value String(std::string v);
  static Amf0Value Null();
  static Amf0Value Undefined();
  static Amf0Value Object();
  static Amf0Value EcmaArray();
  static Amf0Value StrictArray(std::vector<Amf0Value> items);
  static Amf0Value Date(double ms);

  bool is_string() const { return type == Type::kString || type == Type::kLongString; }
  bool is_number() const { return type == Type::kNumber; }
  // Object/ECMA array property lookup; nullptr when absent.
  const Amf0Value* Get(std::string_view name) const;
  std::string GetString(std::string_view name) const;  // "" when absent/not a string
  double GetNumber(std::string_view name, double fallback = 0) const;
  // Appends a property (objects and ECMA arrays); returns *this for chaining.
  Amf0Value& Set(std::string name, Amf0Value v);

  bool operator==(const Amf0Value& o) const;
};

struct Amf0Property {
  std::string name;
  Amf0Value value;
  bool operator==(const Amf0Property& o) const { return name == o.name && value == o.value; }
};

inline constexpr int kAmf0MaxDepth = 32;
// Decoding more values than this from one input is refused (memory bound).
inline constexpr size_t kAmf0MaxValues = 10000;

void Amf0Encode(const Amf0Value& v, ByteWriter& w);
// Decodes one value; `depth` counts enclosing containers.
Status Amf0Decode(ByteReader& r, Amf0Value* out, int max_depth = kAmf0MaxDepth);
// Decodes values until the input ends (a command or data message body).
Result<std::vector<Amf0Value>> Amf0DecodeAll(const uint8_t* data, size_t size,
                                             int max_depth = kAmf0MaxDepth);

}  // namespace ffsb
