// A wall-clock stamp drawn into the picture, for viewers of transcoded
// outputs (CMAF HLS/DASH) where the SEI stamp does not survive re-encoding.
// 64 bits in a 16x4 grid of square luma blocks in the top-left corner, white
// (Y=235) for 1 and black (Y=16) for 0, most significant bit first, row by
// row. Geometry is relative to the picture width (block side = width/80: 16
// px at 1280, 8 px at 640, 9 px at 720 portrait), so a scaled rendition is
// read with the same rule. Bits 0..55 are the capture time in microseconds
// since the Unix epoch; bits 56..63 are a check byte (XOR of the other seven
// bytes, XOR 0xA5) that rejects misreads.
//
// Thread-safety: pure functions over caller-owned planes.
#pragma once

#include <cstdint>
#include <optional>

#include "server/base/clock.h"

namespace ffsb::emu {

inline constexpr int kBarcodeColumns = 16;
inline constexpr int kBarcodeRows = 4;
inline constexpr int kBarcodeWidthDivisor = 80;

struct PlaneView {
  uint8_t* data;
  int stride;
  int width;
  int height;
};

uint64_t EncodeBarcodeWord(Micros t);
std::optional<Micros> DecodeBarcodeWord(uint64_t word);

// Draws into a YUV420P picture (chroma planes may be null).
void DrawBarcode(PlaneView y, PlaneView u, PlaneView v, Micros t);
// Reads the stamp from a luma plane; nullopt when absent or the check fails.
std::optional<Micros> ReadBarcode(const PlaneView& y);

}  // namespace ffsb::emu
