#include "emulator/media/avc_format.h"

namespace ffsb::emu {

void ForEachAnnexBNal(std::span<const uint8_t> d, const std::function<void(std::span<const uint8_t>)>& fn) {
  size_t n = d.size();
  size_t i = 0;
  // Find the first start code.
  auto find_start = [&](size_t from, size_t* code_len) -> size_t {
    for (size_t k = from; k + 2 < n; ++k) {
      if (d[k] == 0 && d[k + 1] == 0) {
        if (d[k + 2] == 1) { *code_len = 3; return k; }
        if (k + 3 < n && d[k + 2] == 0 && d[k + 3] == 1) { *code_len = 4; return k; }
      }
    }
    return n;
  };
  size_t len = 0;
  i = find_start(0, &len);
  while (i < n) {
    size_t begin = i + len;
    size_t next_len = 0;
    size_t next = find_start(begin, &next_len);
    size_t end = next;
    while (end > begin && d[end - 1] == 0) --end;  // trailing_zero_8bits
    if (end > begin) fn(d.subspan(begin, end - begin));
    i = next;
    len = next_len;
  }
}

bool ForEachAvccNal(std::span<const uint8_t> d, int length_size,
                    const std::function<void(std::span<const uint8_t>)>& fn) {
  size_t i = 0;
  while (i + length_size <= d.size()) {
    size_t len = 0;
    for (int k = 0; k < length_size; ++k) len = (len << 8) | d[i + k];
    i += length_size;
    if (len > d.size() - i) return false;
    if (len > 0) fn(d.subspan(i, len));
    i += len;
  }
  return i == d.size();
}

void AppendAvccNal(std::vector<uint8_t>* out, std::span<const uint8_t> nal) {
  uint32_t len = static_cast<uint32_t>(nal.size());
  out->push_back(static_cast<uint8_t>(len >> 24));
  out->push_back(static_cast<uint8_t>(len >> 16));
  out->push_back(static_cast<uint8_t>(len >> 8));
  out->push_back(static_cast<uint8_t>(len));
  out->insert(out->end(), nal.begin(), nal.end());
}

std::vector<uint8_t> AnnexBToAvcc(std::span<const uint8_t> annexb, bool drop_parameter_sets) {
  std::vector<uint8_t> out;
  out.reserve(annexb.size() + 16);
  ForEachAnnexBNal(annexb, [&](std::span<const uint8_t> nal) {
    uint8_t t = nal[0] & 0x1f;
    if (drop_parameter_sets && (t == kNalSps || t == kNalPps || t == kNalAud)) return;
    AppendAvccNal(&out, nal);
  });
  return out;
}

bool IsAvcDecoderConfig(std::span<const uint8_t> e) { return e.size() >= 7 && e[0] == 1; }

int AvccLengthSize(std::span<const uint8_t> c) { return IsAvcDecoderConfig(c) ? (c[4] & 3) + 1 : 4; }

Result<std::vector<uint8_t>> BuildAvcDecoderConfig(std::span<const uint8_t> annexb) {
  std::vector<std::vector<uint8_t>> sps, pps;
  ForEachAnnexBNal(annexb, [&](std::span<const uint8_t> nal) {
    uint8_t t = nal[0] & 0x1f;
    if (t == kNalSps && nal.size() >= 4) sps.emplace_back(nal.begin(), nal.end());
    if (t == kNalPps) pps.emplace_back(nal.begin(), nal.end());
  });
  if (sps.empty() || pps.empty())
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "no SPS/PPS in H.264 extradata");
  std::vector<uint8_t> c = {1, sps[0][1], sps[0][2], sps[0][3], 0xff /* 4-byte lengths */,
                            static_cast<uint8_t>(0xe0 | sps.size())};
  for (auto& s : sps) {
    c.push_back(static_cast<uint8_t>(s.size() >> 8));
    c.push_back(static_cast<uint8_t>(s.size()));
    c.insert(c.end(), s.begin(), s.end());
  }
  c.push_back(static_cast<uint8_t>(pps.size()));
  for (auto& p : pps) {
    c.push_back(static_cast<uint8_t>(p.size() >> 8));
    c.push_back(static_cast<uint8_t>(p.size()));
    c.insert(c.end(), p.begin(), p.end());
  }
  return c;
}

std::vector<uint8_t> UnescapeRbsp(std::span<const uint8_t> nal) {
  std::vector<uint8_t> out;
  out.reserve(nal.size());
  int zeros = 0;
  for (uint8_t b : nal) {
    if (zeros >= 2 && b == 3) { zeros = 0; continue; }
    zeros = b == 0 ? zeros + 1 : 0;
    out.push_back(b);
  }
  return out;
}

std::vector<uint8_t> EscapeRbsp(std::span<const uint8_t> rbsp) {
  std::vector<uint8_t> out;
  out.reserve(rbsp.size() + 8);
  int zeros = 0;
  for (uint8_t b : rbsp) {
    if (zeros >= 2 && b <= 3) { out.push_back(3); zeros = 0; }
    zeros = b == 0 ? zeros + 1 : 0;
    out.push_back(b);
  }
  return out;
}

}  // namespace ffsb::emu
