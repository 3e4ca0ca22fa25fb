#include "emulator/rtmp/amf0.h"

#include <bit>
#include <cstring>

namespace ffsb::emu::amf0 {
namespace {
enum : uint8_t { kNumber = 0, kBool = 1, kString = 2, kObject = 3, kNull = 5, kUndefined = 6,
                 kEcmaArray = 8, kObjectEnd = 9, kStrictArray = 10, kDate = 11, kLongString = 12 };

void Put16(std::vector<uint8_t>* out, uint16_t v) { out->push_back(v >> 8); out->push_back(v & 0xff); }
void Put32(std::vector<uint8_t>* out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<uint8_t>(v >> (8 * i)));
}

class Reader {
 public:
  explicit Reader(std::span<const uint8_t> d) : d_(d) {}
  bool done() const { return pos_ >= d_.size(); }
  bool Read(Value* v, int depth = 0) {
    if (depth > 32 || !Have(1)) return false;
    uint8_t marker = d_[pos_++];
    switch (marker) {
      case kNumber: {
        if (!Have(8)) return false;
        uint64_t bits = 0;
        for (int i = 0; i < 8; ++i) bits = (bits << 8) | d_[pos_++];
        v->type = Value::Type::kNumber;
        v->number = std::bit_cast<double>(bits);
        return true;
      }
      case kBool:
        if (!Have(1)) return false;
        v->type = Value::Type::kBool;
        v->boolean = d_[pos_++] != 0;
        return true;
      case kString: v->type = Value::Type::kString; return Str(2, &v->string);
      case kLongString: v->type = Value::Type::kString; return Str(4, &v->string);
      case kNull: v->type = Value::Type::kNull; return true;
      case kUndefined: v->type = Value::Type::kUndefined; return true;
      case kEcmaArray:
        if (!Have(4)) return false;
        pos_ += 4;
        [[fallthrough]];
      case kObject: {
        v->type = Value::Type::kObject;
        for (;;) {
          std::string key;
          if (!Str(2, &key)) return false;
          if (key.empty() && Have(1) && d_[pos_] == kObjectEnd) { ++pos_; return true; }
          Value child;
          if (!Read(&child, depth + 1)) return false;
          v->object[key] = std::move(child);
        }
      }
      case kStrictArray: {
        if (!Have(4)) return false;
        uint32_t n = (d_[pos_] << 24) | (d_[pos_ + 1] << 16) | (d_[pos_ + 2] << 8) | d_[pos_ + 3];
        pos_ += 4;
        v->type = Value::Type::kArray;
        for (uint32_t i = 0; i < n; ++i) {
          Value child;
          if (!Read(&child, depth + 1)) return false;
          v->array.push_back(std::move(child));
        }
        return true;
      }
      case kDate:
        if (!Have(10)) return false;
        pos_ += 10;
        v->type = Value::Type::kOther;
        return true;
      default: return false;
    }
  }

 private:
  bool Have(size_t n) const { return d_.size() - pos_ >= n; }
  bool Str(int len_bytes, std::string* s) {
    if (!Have(len_bytes)) return false;
    size_t n = 0;
    for (int i = 0; i < len_bytes; ++i) n = (n << 8) | d_[pos_++];
    if (!Have(n)) return false;
    s->assign(reinterpret_cast<const char*>(d_.data() + pos_), n);
    pos_ += n;
    return true;
  }
  std::span<const uint8_t> d_;
  size_t pos_ = 0;
};
}  // namespace

void WriteNumber(std::vector<uint8_t>* out, double v) {
  out->push_back(kNumber);
  uint64_t bits = std::bit_cast<uint64_t>(v);
  for (int i = 7; i >= 0; --i) out->push_back(static_cast<uint8_t>(bits >> (8 * i)));
}
void WriteBool(std::vector<uint8_t>* out, bool v) { out->push_back(kBool); out->push_back(v ? 1 : 0); }
void WriteString(std::vector<uint8_t>* out, std::string_view v) {
  out->push_back(kString);
  Put16(out, static_cast<uint16_t>(v.size()));
  out->insert(out->end(), v.begin(), v.end());
}
void WriteNull(std::vector<uint8_t>* out) { out->push_back(kNull); }
void WriteObjectStart(std::vector<uint8_t>* out) { out->push_back(kObject); }
void WriteEcmaArrayStart(std::vector<uint8_t>* out, uint32_t count) { out->push_back(kEcmaArray); Put32(out, count); }
void WriteKey(std::vector<uint8_t>* out, std::string_view key) {
  Put16(out, static_cast<uint16_t>(key.size()));
  out->insert(out->end(), key.begin(), key.end());
}
void WriteObjectEnd(std::vector<uint8_t>* out) { Put16(out, 0); out->push_back(kObjectEnd); }

const Value* Value::Get(std::string_view key) const {
  auto it = object.find(std::string(key));
  return it == object.end() ? nullptr : &it->second;
}
std::string Value::GetString(std::string_view key) const {
  const Value* v = Get(key);
  return v && v->type == Type::kString ? v->string : std::string();
}

std::optional<std::vector<Value>> DecodeAll(std::span<const uint8_t> data) {
  Reader r(data);
  std::vector<Value> out;
  while (!r.done()) {
    Value v;
    if (!r.Read(&v)) return std::nullopt;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace ffsb::emu::amf0
