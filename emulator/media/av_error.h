// FFmpeg error codes as ffsb::Status values, with FFmpeg's own message.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "server/base/status.h"

namespace ffsb::emu {

Status AvStatus(int averror, std::string_view what);

}  // namespace ffsb::emu
