#include "emulator/media/timestamp_sei.h"

#include <algorithm>

#include "emulator/media/avc_format.h"

namespace ffsb::emu {

// 7c3e0f52-9a1d-4b86-b5e2-ffsb0emu0001 in spirit: random bytes, fixed forever.
const std::array<uint8_t, 16> kTimestampSeiUuid = {0x7c, 0x3e, 0x0f, 0x52, 0x9a, 0x1d, 0x4b, 0x86,
                                                   0xb5, 0xe2, 0xf5, 0xb0, 0xe3, 0x00, 0x00, 0x01};

std::vector<uint8_t> BuildTimestampSei(Micros t) {
  std::vector<uint8_t> rbsp = {5 /* user_data_unregistered */, 24 /* payloadSize */};
  rbsp.insert(rbsp.end(), kTimestampSeiUuid.begin(), kTimestampSeiUuid.end());
  uint64_t v = static_cast<uint64_t>(t);
  for (int i = 7; i >= 0; --i) rbsp.push_back(static_cast<uint8_t>(v >> (i * 8)));
  rbsp.push_back(0x80);  // rbsp_trailing_bits
  std::vector<uint8_t> nal = {kNalSei};
  auto esc = EscapeRbsp(rbsp);
  nal.insert(nal.end(), esc.begin(), esc.end());
  return nal;
}

std::optional<Micros> ParseTimestampSei(std::span<const uint8_t> nal) {
  if (nal.empty() || (nal[0] & 0x1f) != kNalSei) return std::nullopt;
  std::vector<uint8_t> r = UnescapeRbsp(nal.subspan(1));
  size_t i = 0;
  while (i < r.size() && !(r[i] == 0x80 && i + 1 == r.size())) {
    uint32_t type = 0, size = 0;
    while (i < r.size() && r[i] == 0xff) { type += 255; ++i; }
    if (i >= r.size()) break;
    type += r[i++];
    while (i < r.size() && r[i] == 0xff) { size += 255; ++i; }
    if (i >= r.size()) break;
    size += r[i++];
    if (size > r.size() - i) break;
    if (type == 5 && size >= 24 && std::equal(kTimestampSeiUuid.begin(), kTimestampSeiUuid.end(), r.begin() + i)) {
      uint64_t v = 0;
      for (int k = 0; k < 8; ++k) v = (v << 8) | r[i + 16 + k];
      return static_cast<Micros>(v);
    }
    i += size;
  }
  return std::nullopt;
}

std::optional<Micros> FindTimestampInAvcc(std::span<const uint8_t> avcc, int length_size) {
  std::optional<Micros> found;
  ForEachAvccNal(avcc, length_size, [&](std::span<const uint8_t> nal) {
    if (!found && (nal[0] & 0x1f) == kNalSei) found = ParseTimestampSei(nal);
  });
  return found;
}

std::optional<Micros> FindTimestampInAnnexB(std::span<const uint8_t> annexb) {
  std::optional<Micros> found;
  ForEachAnnexBNal(annexb, [&](std::span<const uint8_t> nal) {
    if (!found && (nal[0] & 0x1f) == kNalSei) found = ParseTimestampSei(nal);
  });
  return found;
}

std::vector<uint8_t> InsertTimestampSei(std::span<const uint8_t> avcc, Micros t, int length_size) {
  std::vector<uint8_t> sei = BuildTimestampSei(t);
  std::vector<uint8_t> out;
  out.reserve(avcc.size() + sei.size() + 8);
  bool inserted = false;
  ForEachAvccNal(avcc, length_size, [&](std::span<const uint8_t> nal) {
    uint8_t type = nal[0] & 0x1f;
    if (!inserted && type != kNalAud && type != kNalSps && type != kNalPps) {
      AppendAvccNal(&out, sei);
      inserted = true;
    }
    AppendAvccNal(&out, nal);
  });
  if (!inserted) AppendAvccNal(&out, sei);
  return out;
}

}  // namespace ffsb::emu
