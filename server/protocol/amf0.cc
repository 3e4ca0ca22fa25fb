#include "server/protocol/amf0.h"

namespace ffsb {
namespace {

// Markers, AMF0 spec §2.1.
enum : uint8_t {
  kNumberMarker = 0x00, kBooleanMarker = 0x01, kStringMarker = 0x02, kObjectMarker = 0x03,
  kNullMarker = 0x05, kUndefinedMarker = 0x06, kEcmaArrayMarker = 0x08,
  kObjectEndMarker = 0x09, kStrictArrayMarker = 0x0A, kDateMarker = 0x0B,
  kLongStringMarker = 0x0C, kUnsupportedMarker = 0x0D, kXmlDocumentMarker = 0x0F,
};

void WriteUtf8(ByteWriter& w, std::string_view s) {  // UTF-8 (u16 length), §1.3
  w.U16(uint16_t(s.size()));
  w.Str(s);
}

void WriteProperties(const std::vector<Amf0Property>& props, ByteWriter& w) {
  for (const auto& p : props) {
    WriteUtf8(w, p.name.size() > 0xFFFF ? std::string_view(p.name).substr(0, 0xFFFF) : p.name);
    Amf0Encode(p.value, w);
  }
  w.U16(0);
  w.U8(kObjectEndMarker);
}

struct Ctx {
  int max_depth;
  size_t nodes_left;  // bounds memory: each decoded value costs one
};
Status Decode(ByteReader& r, Amf0Value* out, int depth, Ctx& ctx);

// Reads "name value" pairs until the empty name + object-end marker (§2.5).
Status ReadProperties(ByteReader& r, std::vector<Amf0Property>* props, int depth, Ctx& ctx) {
  for (;;) {
    uint16_t len;
    if (!r.ReadU16(&len)) return ProtocolError("amf0: truncated property name");
    if (len == 0) {
      uint8_t m;
      if (!r.ReadU8(&m)) return ProtocolError("amf0: missing object end");
      if (m == kObjectEndMarker) return Status::Ok();
      return ProtocolError("amf0: empty property name without object end");
    }
    Amf0Property p;
    if (!r.ReadString(len, &p.name)) return ProtocolError("amf0: truncated property name");
    Status s = Decode(r, &p.value, depth + 1, ctx);
    if (!s.ok()) return s;
    props->push_back(std::move(p));
  }
}

Status Decode(ByteReader& r, Amf0Value* out, int depth, Ctx& ctx) {
  if (depth > ctx.max_depth) {
    return ProtocolError("amf0: nesting deeper than " + std::to_string(ctx.max_depth));
  }
  if (ctx.nodes_left == 0) return ProtocolError("amf0: too many values");
  --ctx.nodes_left;
  uint8_t marker;
  if (!r.ReadU8(&marker)) return ProtocolError("amf0: truncated value");
  *out = Amf0Value();
  switch (marker) {
    case kNumberMarker:
      out->type = Amf0Value::Type::kNumber;
      if (!r.ReadDouble(&out->number)) return ProtocolError("amf0: truncated number");
      return Status::Ok();
    case kBooleanMarker: {
      uint8_t b;
      if (!r.ReadU8(&b)) return ProtocolError("amf0: truncated boolean");
      out->type = Amf0Value::Type::kBoolean;
      out->boolean = b != 0;
      return Status::Ok();
    }
    case kStringMarker: {
      uint16_t len;
      out->type = Amf0Value::Type::kString;
      if (!r.ReadU16(&len) || !r.ReadString(len, &out->string)) {
        return ProtocolError("amf0: truncated string");
      }
      return Status::Ok();
    }
    case kLongStringMarker:
    case kXmlDocumentMarker: {
      uint32_t len;
      out->type = Amf0Value::Type::kLongString;
      if (!r.ReadU32(&len) || !r.ReadString(len, &out->string)) {
        return ProtocolError("amf0: truncated long string");
      }
      return Status::Ok();
    }
    case kObjectMarker:
      out->type = Amf0Value::Type::kObject;
      return ReadProperties(r, &out->properties, depth, ctx);
    case kEcmaArrayMarker: {
      uint32_t count_hint;  // associative count (§2.10): a hint only
      if (!r.ReadU32(&count_hint)) return ProtocolError("amf0: truncated ECMA array");
      out->type = Amf0Value::Type::kEcmaArray;
      return ReadProperties(r, &out->properties, depth, ctx);
    }
    case kStrictArrayMarker: {
      uint32_t count;
      if (!r.ReadU32(&count)) return ProtocolError("amf0: truncated strict array");
      if (count > r.remaining()) return ProtocolError("amf0: strict array count exceeds input");
      out->type = Amf0Value::Type::kStrictArray;
      for (uint32_t i = 0; i < count; ++i) {
        Amf0Value item;
        Status s = Decode(r, &item, depth + 1, ctx);
        if (!s.ok()) return s;
        out->items.push_back(std::move(item));
      }
      return Status::Ok();
    }
    case kDateMarker: {
      uint16_t tz;
      out->type = Amf0Value::Type::kDate;
      if (!r.ReadDouble(&out->number) || !r.ReadU16(&tz)) return ProtocolError("amf0: truncated date");
      out->timezone = int16_t(tz);
      return Status::Ok();
    }
    case kNullMarker:
      out->type = Amf0Value::Type::kNull;
      return Status::Ok();
    case kUndefinedMarker:
    case kUnsupportedMarker:
      out->type = Amf0Value::Type::kUndefined;
      return Status::Ok();
    case kObjectEndMarker:
      return ProtocolError("amf0: object end outside an object");
    default:
      return ProtocolError("amf0: unsupported marker " + std::to_string(marker));
  }
}

}  // namespace

Amf0Value Amf0Value::Number(double v) { Amf0Value a; a.type = Type::kNumber; a.number = v; return a; }
Amf0Value Amf0Value::Boolean(bool v) { Amf0Value a; a.type = Type::kBoolean; a.boolean = v; return a; }
Amf0Value Amf0Value::String(std::string v) {
  Amf0Value a;
  a.type = v.size() > 0xFFFF ? Type::kLongString : Type::kString;
  a.string = std::move(v);
  return a;
}
Amf0Value Amf0Value::Null() { return Amf0Value(); }
Amf0Value Amf0Value::Undefined() { Amf0Value a; a.type = Type::kUndefined; return a; }
Amf0Value Amf0Value::Object() { Amf0Value a; a.type = Type::kObject; return a; }
Amf0Value Amf0Value::EcmaArray() { Amf0Value a; a.type = Type::kEcmaArray; return a; }
Amf0Value Amf0Value::StrictArray(std::vector<Amf0Value> items) {
  Amf0Value a; a.type = Type::kStrictArray; a.items = std::move(items); return a;
}
Amf0Value Amf0Value::Date(double ms) { Amf0Value a; a.type = Type::kDate; a.number = ms; return a; }

const Amf0Value* Amf0Value::Get(std::string_view name) const {
  for (const auto& p : properties) {
    if (p.name == name) return &p.value;
  }
  return nullptr;
}
std::string Amf0Value::GetString(std::string_view name) const {
  const Amf0Value* v = Get(name);
  return v && v->is_string() ? v->string : std::string();
}
double Amf0Value::GetNumber(std::string_view name, double fallback) const {
  const Amf0Value* v = Get(name);
  return v && v->is_number() ? v->number : fallback;
}
Amf0Value& Amf0Value::Set(std::string name, Amf0Value v) {
  properties.push_back({std::move(name), std::move(v)});
  return *this;
}

bool Amf0Value::operator==(const Amf0Value& o) const {
  if (type != o.type) return false;
  switch (type) {
    case Type::kNumber: return number == o.number;
    case Type::kBoolean: return boolean == o.boolean;
    case Type::kString: case Type::kLongString: return string == o.string;
    case Type::kObject: case Type::kEcmaArray: return properties == o.properties;
    case Type::kStrictArray: return items == o.items;
    case Type::kDate: return number == o.number && timezone == o.timezone;
    default: return true;
  }
}

void Amf0Encode(const Amf0Value& v, ByteWriter& w) {
  using T = Amf0Value::Type;
  switch (v.type) {
    case T::kNumber: w.U8(kNumberMarker); w.Double(v.number); break;
    case T::kBoolean: w.U8(kBooleanMarker); w.U8(v.boolean ? 1 : 0); break;
    case T::kString:
    case T::kLongString:
      if (v.string.size() <= 0xFFFF && v.type == T::kString) {
        w.U8(kStringMarker);
        WriteUtf8(w, v.string);
      } else {
        w.U8(kLongStringMarker);
        w.U32(uint32_t(v.string.size()));
        w.Str(v.string);
      }
      break;
    case T::kObject: w.U8(kObjectMarker); WriteProperties(v.properties, w); break;
    case T::kEcmaArray:
      w.U8(kEcmaArrayMarker);
      w.U32(uint32_t(v.properties.size()));
      WriteProperties(v.properties, w);
      break;
    case T::kStrictArray:
      w.U8(kStrictArrayMarker);
      w.U32(uint32_t(v.items.size()));
      for (const auto& i : v.items) Amf0Encode(i, w);
      break;
    case T::kDate: w.U8(kDateMarker); w.Double(v.number); w.U16(uint16_t(v.timezone)); break;
    case T::kNull: w.U8(kNullMarker); break;
    case T::kUndefined: w.U8(kUndefinedMarker); break;
  }
}

Status Amf0Decode(ByteReader& r, Amf0Value* out, int max_depth) {
  Ctx ctx{max_depth, kAmf0MaxValues};
  return Decode(r, out, 0, ctx);
}

Result<std::vector<Amf0Value>> Amf0DecodeAll(const uint8_t* data, size_t size, int max_depth) {
  ByteReader r(data, size);
  std::vector<Amf0Value> values;
  Ctx ctx{max_depth, kAmf0MaxValues};
  while (!r.empty()) {
    Amf0Value v;
    Status s = Decode(r, &v, 0, ctx);
    if (!s.ok()) return s;
    values.push_back(std::move(v));
  }
  return values;
}

}  // namespace ffsb
