// Options shared by every `ffemu play` protocol.
#pragma once

#include <cstdio>
#include <string>

#include "emulator/common/url.h"

namespace ffsb::emu {

struct PlayOptions {
  std::string url_text;
  Url url;
  PlayProtocol protocol = PlayProtocol::kRtmp;
  double duration_s = 0;       // 0: until stopped or the stream breaks
  double media_timeout_s = 5;  // no media for this long = the stream broke
  std::string rendition;       // HLS/DASH: NAME, WxH, 360p, or a URI/id substring; "" = first
  bool force_barcode = false;  // HLS/DASH: decode pictures even when SEI stamps are present
  FILE* status_out = stdout;
};

}  // namespace ffsb::emu
