#include "emulator/media/barcode.h"

#include <algorithm>

namespace ffsb::emu {
namespace {
uint8_t CheckByte(uint64_t low56) {
  uint8_t c = 0xA5;
  for (int i = 0; i < 7; ++i) c ^= static_cast<uint8_t>(low56 >> (i * 8));
  return c;
}
void Fill(PlaneView p, int x0, int y0, int w, int h, uint8_t value) {
  if (!p.data) return;
  int x1 = std::min(p.width, x0 + w), y1 = std::min(p.height, y0 + h);
  for (int yy = std::max(0, y0); yy < y1; ++yy)
    std::fill(p.data + yy * p.stride + std::max(0, x0), p.data + yy * p.stride + x1, value);
}
}  // namespace

uint64_t EncodeBarcodeWord(Micros t) {
  uint64_t low = static_cast<uint64_t>(t) & ((uint64_t{1} << 56) - 1);
  return (uint64_t{CheckByte(low)} << 56) | low;
}

std::optional<Micros> DecodeBarcodeWord(uint64_t word) {
  uint64_t low = word & ((uint64_t{1} << 56) - 1);
  if (static_cast<uint8_t>(word >> 56) != CheckByte(low)) return std::nullopt;
  return static_cast<Micros>(low);
}

void DrawBarcode(PlaneView y, PlaneView u, PlaneView v, Micros t) {
  uint64_t word = EncodeBarcodeWord(t);
  double b = static_cast<double>(y.width) / kBarcodeWidthDivisor;
  for (int i = 0; i < kBarcodeColumns * kBarcodeRows; ++i) {
    int col = i % kBarcodeColumns, row = i / kBarcodeColumns;
    int x0 = static_cast<int>(col * b), x1 = static_cast<int>((col + 1) * b);
    int y0 = static_cast<int>(row * b), y1 = static_cast<int>((row + 1) * b);
    bool bit = (word >> (63 - i)) & 1;
    Fill(y, x0, y0, x1 - x0, y1 - y0, bit ? 235 : 16);
  }
  int cw = static_cast<int>(kBarcodeColumns * b + 1) / 2 + 1, ch = static_cast<int>(kBarcodeRows * b + 1) / 2 + 1;
  Fill(u, 0, 0, cw, ch, 128);
  Fill(v, 0, 0, cw, ch, 128);
}

std::optional<Micros> ReadBarcode(const PlaneView& y) {
  double b = static_cast<double>(y.width) / kBarcodeWidthDivisor;
  if (b < 2 || kBarcodeRows * b > y.height) return std::nullopt;
  uint64_t word = 0;
  for (int i = 0; i < kBarcodeColumns * kBarcodeRows; ++i) {
    int col = i % kBarcodeColumns, row = i / kBarcodeColumns;
    // Sample the middle half of the block, away from blurred edges.
    int x0 = static_cast<int>((col + 0.25) * b), x1 = std::max(x0 + 1, static_cast<int>((col + 0.75) * b));
    int y0 = static_cast<int>((row + 0.25) * b), y1 = std::max(y0 + 1, static_cast<int>((row + 0.75) * b));
    long sum = 0, n = 0;
    for (int yy = y0; yy < y1; ++yy)
      for (int xx = x0; xx < x1; ++xx) { sum += y.data[yy * y.stride + xx]; ++n; }
    word = (word << 1) | (sum / n >= 126 ? 1 : 0);
  }
  return DecodeBarcodeWord(word);
}

}  // namespace ffsb::emu
