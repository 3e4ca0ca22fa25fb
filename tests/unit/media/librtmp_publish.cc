// A tiny librtmp publisher (librtmp is what OBS uses): pushes an FLV file to
// an RTMP URL in real time with RTMP_Write. Exit 0 when the whole file was
// sent, 2 when connect/publish failed, 3 when a write failed.
// Usage: librtmp_publish FILE.flv rtmp://host:port/live/KEY
#include <librtmp/log.h>
#include <librtmp/rtmp.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

#include "server/protocol/flv.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FILE.flv URL\n", argv[0]);
    return 1;
  }
  std::ifstream f(argv[1], std::ios::binary);
  std::vector<uint8_t> file((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (file.size() < 13) return 1;
  RTMP_LogSetLevel(RTMP_LOGWARNING);
  RTMP* r = RTMP_Alloc();
  RTMP_Init(r);
  if (!RTMP_SetupURL(r, argv[2])) return 2;
  RTMP_EnableWrite(r);
  if (!RTMP_Connect(r, nullptr) || !RTMP_ConnectStream(r, 0)) {
    std::fprintf(stderr, "librtmp: connect/publish failed\n");
    RTMP_Free(r);
    return 2;
  }
  // RTMP_Write takes whole FLV tags (+ PreviousTagSize); it would skip an
  // "FLV" header only when a tag follows it in the same call, so skip it here.
  size_t pos = 13;
  auto start = std::chrono::steady_clock::now();
  while (pos + 11 <= file.size()) {
    uint32_t size = uint32_t(file[pos + 1]) << 16 | uint32_t(file[pos + 2]) << 8 | file[pos + 3];
    uint32_t ts = uint32_t(file[pos + 4]) << 16 | uint32_t(file[pos + 5]) << 8 | file[pos + 6] |
                  uint32_t(file[pos + 7]) << 24;
    size_t total = 11 + size + 4;
    if (pos + total > file.size()) break;
    std::this_thread::sleep_until(start + std::chrono::milliseconds(ts));
    if (RTMP_Write(r, reinterpret_cast<const char*>(file.data() + pos), int(total)) <= 0 ||
        !RTMP_IsConnected(r)) {
      std::fprintf(stderr, "librtmp: write failed\n");
      RTMP_Free(r);
      return 3;
    }
    pos += total;
  }
  RTMP_Close(r);
  RTMP_Free(r);
  return 0;
}
