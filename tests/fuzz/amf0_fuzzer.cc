// libFuzzer target: the AMF0 decoder (server/protocol/amf0). Whatever decodes
// must re-encode and decode to an equal value (round-trip invariant).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "server/protocol/amf0.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto values = ffsb::Amf0DecodeAll(data, size);
  if (!values.ok()) return 0;
  std::vector<uint8_t> out;
  ffsb::ByteWriter w(&out);
  for (const auto& v : *values) ffsb::Amf0Encode(v, w);
  auto again = ffsb::Amf0DecodeAll(out.data(), out.size());
  if (!again.ok() || again->size() != values->size()) std::abort();
  for (size_t i = 0; i < values->size(); ++i) {
    // NaN != NaN: compare encodings instead of values.
    std::vector<uint8_t> a, b;
    ffsb::ByteWriter wa(&a), wb(&b);
    ffsb::Amf0Encode((*values)[i], wa);
    ffsb::Amf0Encode((*again)[i], wb);
    if (a != b) std::abort();
  }
  return 0;
}
