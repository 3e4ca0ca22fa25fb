#include "server/protocol/avc.h"

#include "server/protocol/bit_reader.h"
#include "server/protocol/byte_io.h"

namespace ffsb {
namespace {

// H.264 §7.4.1: drop emulation_prevention_three_byte (00 00 03 -> 00 00).
std::vector<uint8_t> Unescape(const uint8_t* p, size_t n) {
  std::vector<uint8_t> out;
  out.reserve(n);
  int zeros = 0;
  for (size_t i = 0; i < n; ++i) {
    if (zeros >= 2 && p[i] == 3) {
      zeros = 0;
      continue;
    }
    zeros = p[i] == 0 ? zeros + 1 : 0;
    out.push_back(p[i]);
  }
  return out;
}

void SkipScalingList(BitReader& b, int size) {  // §7.3.2.1.1.1
  int last = 8, next = 8;
  for (int j = 0; j < size && b.ok(); ++j) {
    if (next != 0) next = (last + b.Se() + 256) % 256;
    last = next == 0 ? last : next;
  }
}

}  // namespace

Result<SpsInfo> ParseSps(const uint8_t* nal, size_t size) {
  if (size < 4 || (nal[0] & 0x1f) != 7) return ProtocolError("sps: not an SPS NAL unit");
  std::vector<uint8_t> rbsp = Unescape(nal + 1, size - 1);
  BitReader b(rbsp.data(), rbsp.size());
  SpsInfo s;
  s.profile_idc = uint8_t(b.Bits(8));
  s.constraint_flags = uint8_t(b.Bits(8));
  s.level_idc = uint8_t(b.Bits(8));
  b.Ue();  // seq_parameter_set_id
  uint32_t chroma_format_idc = 1;
  bool separate_colour_plane = false;
  switch (s.profile_idc) {
    case 100: case 110: case 122: case 244: case 44: case 83: case 86:
    case 118: case 128: case 138: case 139: case 134: case 135:
      chroma_format_idc = b.Ue();
      if (chroma_format_idc > 3) return ProtocolError("sps: bad chroma_format_idc");
      if (chroma_format_idc == 3) separate_colour_plane = b.Bit();
      b.Ue();   // bit_depth_luma_minus8
      b.Ue();   // bit_depth_chroma_minus8
      b.Bit();  // qpprime_y_zero_transform_bypass_flag
      if (b.Bit()) {  // seq_scaling_matrix_present_flag
        int lists = chroma_format_idc != 3 ? 8 : 12;
        for (int i = 0; i < lists; ++i) {
          if (b.Bit()) SkipScalingList(b, i < 6 ? 16 : 64);
        }
      }
      break;
    default:
      break;
  }
  b.Ue();  // log2_max_frame_num_minus4
  uint32_t poc_type = b.Ue();
  if (poc_type == 0) {
    b.Ue();  // log2_max_pic_order_cnt_lsb_minus4
  } else if (poc_type == 1) {
    b.Bit();
    b.Se();
    b.Se();
    uint32_t cycle = b.Ue();
    if (cycle > 255) return ProtocolError("sps: bad num_ref_frames_in_pic_order_cnt_cycle");
    for (uint32_t i = 0; i < cycle; ++i) b.Se();
  }
  b.Ue();   // max_num_ref_frames
  b.Bit();  // gaps_in_frame_num_value_allowed_flag
  uint32_t width_mbs = b.Ue() + 1;
  uint32_t height_map_units = b.Ue() + 1;
  uint32_t frame_mbs_only = b.Bit();
  if (!frame_mbs_only) b.Bit();  // mb_adaptive_frame_field_flag
  b.Bit();                       // direct_8x8_inference_flag
  uint32_t crop_l = 0, crop_r = 0, crop_t = 0, crop_b = 0;
  if (b.Bit()) {
    crop_l = b.Ue();
    crop_r = b.Ue();
    crop_t = b.Ue();
    crop_b = b.Ue();
  }
  if (!b.ok() || width_mbs > 1024 || height_map_units > 1024) return ProtocolError("sps: truncated or bad size");
  // Table 6-1 and §7.4.2.1.1 (frame_crop_*_offset units).
  uint32_t array_type = separate_colour_plane ? 0 : chroma_format_idc;
  uint32_t sub_w = array_type == 1 || array_type == 2 ? 2 : 1;
  uint32_t sub_h = array_type == 1 ? 2 : 1;
  uint32_t crop_x = array_type == 0 ? 1 : sub_w;
  uint32_t crop_y = (array_type == 0 ? 1 : sub_h) * (2 - frame_mbs_only);
  uint64_t w = uint64_t(width_mbs) * 16, h = uint64_t(height_map_units) * 16 * (2 - frame_mbs_only);
  uint64_t cw = uint64_t(crop_x) * (crop_l + crop_r), ch = uint64_t(crop_y) * (crop_t + crop_b);
  if (cw >= w || ch >= h) return ProtocolError("sps: cropping larger than the picture");
  s.width = uint32_t(w - cw);
  s.height = uint32_t(h - ch);
  if (b.Bit()) {  // vui_parameters_present_flag, Annex E.1.1
    if (b.Bit() && b.Bits(8) == 255) b.Bits(32);  // aspect ratio (+ extended SAR)
    if (b.Bit()) b.Bit();                          // overscan
    if (b.Bit()) {                                 // video signal type
      b.Bits(4);
      if (b.Bit()) b.Bits(24);  // colour description
    }
    if (b.Bit()) {  // chroma loc
      b.Ue();
      b.Ue();
    }
    if (b.Bit()) {  // timing_info_present_flag
      uint32_t units = b.Bits(32), scale = b.Bits(32);
      if (b.ok() && units > 0) s.fps = double(scale) / (2.0 * units);
    }
  }
  return s;
}

Result<AvcConfig> ParseAvcDecoderConfigurationRecord(const uint8_t* data, size_t size) {
  ByteReader r(data, size);
  AvcConfig c;
  uint8_t version, len_byte, nsps, npps;
  if (!r.ReadU8(&version) || !r.ReadU8(&c.profile) || !r.ReadU8(&c.profile_compat) ||
      !r.ReadU8(&c.level) || !r.ReadU8(&len_byte) || !r.ReadU8(&nsps)) {
    return ProtocolError("avcC: truncated");
  }
  if (version != 1) return ProtocolError("avcC: version " + std::to_string(version));
  c.nal_length_size = (len_byte & 3) + 1;
  for (int i = 0; i < (nsps & 0x1f); ++i) {
    uint16_t n;
    const uint8_t* p;
    if (!r.ReadU16(&n) || !r.ReadBytes(n, &p)) return ProtocolError("avcC: truncated SPS");
    c.sps.emplace_back(p, p + n);
  }
  if (!r.ReadU8(&npps)) return ProtocolError("avcC: truncated");
  for (int i = 0; i < npps; ++i) {
    uint16_t n;
    const uint8_t* p;
    if (!r.ReadU16(&n) || !r.ReadBytes(n, &p)) return ProtocolError("avcC: truncated PPS");
    c.pps.emplace_back(p, p + n);
  }
  if (c.sps.empty()) return ProtocolError("avcC: no SPS");
  auto info = ParseSps(c.sps[0].data(), c.sps[0].size());
  if (!info.ok()) return info.status();
  c.info = *info;
  return c;
}

}  // namespace ffsb
