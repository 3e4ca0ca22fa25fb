#include "emulator/media/test_pattern.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ffsb::emu {
namespace {
void Rect(PlaneView p, int x0, int y0, int w, int h, uint8_t value) {
  int x1 = std::min(p.width, x0 + w), y1 = std::min(p.height, y0 + h);
  x0 = std::max(0, x0);
  for (int yy = std::max(0, y0); yy < y1; ++yy)
    if (x1 > x0) std::memset(p.data + yy * p.stride + x0, value, x1 - x0);
}
}  // namespace

TestPattern::TestPattern(int width, int height) : width_(width), height_(height), ramp_(width) {
  for (int x = 0; x < width; ++x) ramp_[x] = static_cast<uint8_t>(48 + (160 * x) / std::max(1, width - 1));
}

void TestPattern::Draw(int64_t index, Micros capture_time, PlaneView y, PlaneView u, PlaneView v) const {
  for (int row = 0; row < height_; ++row) std::memcpy(y.data + row * y.stride, ramp_.data(), width_);
  for (int row = 0; row < u.height; ++row) {
    std::memset(u.data + row * u.stride, 128, u.width);
    std::memset(v.data + row * v.stride, 128, v.width);
  }
  // Moving bar: crosses the picture in 4 seconds at 30 fps.
  int bar_w = std::max(4, width_ / 40);
  int bar_x = static_cast<int>((index * width_ / 120) % width_);
  Rect(y, bar_x, 0, bar_w, height_, 235);
  // Bouncing box, reddish.
  int box = std::max(8, std::min(width_, height_) / 6);
  int span_x = std::max(1, width_ - box), span_y = std::max(1, height_ - box);
  int64_t px = (index * 7) % (2 * span_x), py = (index * 5) % (2 * span_y);
  int bx = static_cast<int>(px < span_x ? px : 2 * span_x - px);
  int by = static_cast<int>(py < span_y ? py : 2 * span_y - py);
  Rect(y, bx, by, box, box, 82);
  Rect(u, bx / 2, by / 2, box / 2, box / 2, 90);
  Rect(v, bx / 2, by / 2, box / 2, box / 2, 240);
  // Frame counter: 16 blocks along the bottom edge.
  int cb = std::max(4, width_ / 64);
  for (int bit = 0; bit < 16; ++bit)
    Rect(y, bit * cb, height_ - cb, cb, cb, ((index >> (15 - bit)) & 1) ? 235 : 16);
  DrawBarcode(y, u, v, capture_time);
}

void FillTone(float* out, int count, int64_t first_sample, int rate) {
  for (int i = 0; i < count; ++i) {
    int64_t s = first_sample + i;
    bool beep = (s % rate) < rate / 10;
    double f = beep ? 1000.0 : 440.0;
    out[i] = static_cast<float>(0.25 * std::sin(2 * M_PI * f * static_cast<double>(s) / rate));
  }
}

}  // namespace ffsb::emu
