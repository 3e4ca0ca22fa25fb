// The synthetic picture and sound ffemu publishes by default: a moving
// vertical bar and a bouncing box over a grey ramp, a 16-bit frame counter
// drawn as blocks along the bottom edge, and the barcode time stamp
// (barcode.h) in the top-left corner; the audio is a 440 Hz sine tone with a
// 1 kHz beep on every whole second of stream time (to eyeball A/V sync).
//
// Thread-safety: a TestPattern is used by one thread at a time.
#pragma once

#include <cstdint>
#include <vector>

#include "emulator/media/barcode.h"

namespace ffsb::emu {

class TestPattern {
 public:
  TestPattern(int width, int height);
  // Draws frame number `index` stamped with `capture_time` into the planes
  // (YUV420P, planes of width x height and width/2 x height/2).
  void Draw(int64_t index, Micros capture_time, PlaneView y, PlaneView u, PlaneView v) const;

 private:
  int width_, height_;
  std::vector<uint8_t> ramp_;  // one row of background luma
};

// Fills `count` interleaved-free float samples (mono) of the tone starting at
// sample index `first_sample` at `sample_rate`.
void FillTone(float* out, int count, int64_t first_sample, int sample_rate);

}  // namespace ffsb::emu
