#include "server/protocol/command.h"

namespace ffsb {

std::string RtmpCommand::StringArg(size_t i) const {
  return i < args.size() && args[i].is_string() ? args[i].string : std::string();
}

Result<RtmpCommand> ParseCommand(const std::vector<uint8_t>& payload) {
  auto values = Amf0DecodeAll(payload.data(), payload.size());
  if (!values.ok()) return values.status();
  auto& v = *values;
  if (v.empty() || !v[0].is_string()) return ProtocolError("command without a name");
  RtmpCommand c;
  c.name = v[0].string;
  if (v.size() > 1 && v[1].is_number()) c.transaction_id = v[1].number;
  if (v.size() > 2) c.object = std::move(v[2]);
  for (size_t i = 3; i < v.size(); ++i) c.args.push_back(std::move(v[i]));
  return c;
}

std::vector<uint8_t> EncodeCommand(const std::string& name, double transaction_id,
                                   const Amf0Value& object, const std::vector<Amf0Value>& args) {
  std::vector<uint8_t> out;
  ByteWriter w(&out);
  Amf0Encode(Amf0Value::String(name), w);
  Amf0Encode(Amf0Value::Number(transaction_id), w);
  Amf0Encode(object, w);
  for (const auto& a : args) Amf0Encode(a, w);
  return out;
}

Amf0Value StatusObject(const std::string& level, const std::string& code,
                       const std::string& description) {
  Amf0Value o = Amf0Value::Object();
  o.Set("level", Amf0Value::String(level));
  o.Set("code", Amf0Value::String(code));
  o.Set("description", Amf0Value::String(description));
  return o;
}

std::vector<uint8_t> EncodeValues(const std::vector<Amf0Value>& values) {
  std::vector<uint8_t> out;
  ByteWriter w(&out);
  for (const auto& v : values) Amf0Encode(v, w);
  return out;
}

}  // namespace ffsb
