// libFuzzer target: the RTMP chunk stream parser (server/protocol/chunk_reader)
// and what the server does with each message (control parsing, AMF0 commands,
// AVC/AAC sequence headers). Input: raw bytes after the handshake. The first
// byte picks how the input is split into reads, to exercise partial chunks.
#include <cstddef>
#include <cstdint>

#include "server/protocol/aac.h"
#include "server/protocol/avc.h"
#include "server/protocol/chunk_reader.h"
#include "server/protocol/command.h"
#include "server/protocol/control.h"
#include "server/protocol/flv_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  size_t step = size_t(data[0] % 64) + 1;
  ffsb::ChunkReader reader(ffsb::ChunkReader::Limits{1 << 20, 16});
  ffsb::RtmpMessage m;
  for (size_t off = 1; off < size; off += step) {
    reader.Append(data + off, std::min(step, size - off));
    for (;;) {
      auto got = reader.Next(&m);
      if (!got.ok()) return 0;
      if (!*got) break;
      switch (m.type) {
        case ffsb::rtmp::kSetChunkSize: {
          auto v = ffsb::ParseU32Payload(m.payload);
          if (!v.ok() || !reader.SetChunkSize(*v).ok()) return 0;
          break;
        }
        case ffsb::rtmp::kAbort:
          if (auto v = ffsb::ParseU32Payload(m.payload); v.ok()) reader.Abort(*v);
          break;
        case ffsb::rtmp::kUserControl:
          (void)ffsb::ParseUserControl(m.payload);
          break;
        case ffsb::rtmp::kCommandAmf0:
        case ffsb::rtmp::kDataAmf0:
          (void)ffsb::ParseCommand(m.payload);
          break;
        case ffsb::rtmp::kVideo:
          if (ffsb::flv::IsVideoSequenceHeader(m.payload.data(), m.payload.size()) && m.payload.size() > 5) {
            (void)ffsb::ParseAvcDecoderConfigurationRecord(m.payload.data() + 5, m.payload.size() - 5);
          }
          break;
        case ffsb::rtmp::kAudio:
          if (ffsb::flv::IsAudioSequenceHeader(m.payload.data(), m.payload.size())) {
            (void)ffsb::ParseAudioSpecificConfig(m.payload.data() + 2, m.payload.size() - 2);
          }
          break;
        default:
          break;
      }
    }
  }
  return 0;
}
