#include "emulator/media/av_error.h"

extern "C" {
#include <libavutil/error.h>
}

namespace ffsb::emu {

Status AvStatus(int averror, std::string_view what) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(averror, buf, sizeof(buf));
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, std::string(what) + ": " + buf);
}

}  // namespace ffsb::emu
