// RTMP command messages (AMF0, type 20; Adobe RTMP spec §7.2) and data
// messages (type 18): "name, transaction id, command object, args...".
// Builders for the replies we send (_result, _error, onStatus) and a parser.
// See docs/rtmp.md for which commands the server answers.
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <vector>

#include "server/protocol/amf0.h"

namespace ffsb {

struct RtmpCommand {
  std::string name;
  double transaction_id = 0;
  Amf0Value object;             // command object (often null)
  std::vector<Amf0Value> args;  // optional arguments after it
  // The first argument as a string ("" if absent), e.g. the stream name.
  std::string StringArg(size_t i) const;
};

Result<RtmpCommand> ParseCommand(const std::vector<uint8_t>& payload);
std::vector<uint8_t> EncodeCommand(const std::string& name, double transaction_id,
                                   const Amf0Value& object,
                                   const std::vector<Amf0Value>& args = {});
// The info object of onStatus/_result: {level, code, description}.
Amf0Value StatusObject(const std::string& level, const std::string& code,
                       const std::string& description);
// Encodes any list of values (data messages such as onMetaData).
std::vector<uint8_t> EncodeValues(const std::vector<Amf0Value>& values);

}  // namespace ffsb
