// A consumer of one ingest's FLV tags inside the process (the CMAF transcoder,
// the recorder). Attached per publish through MediaServer::SetSinkFactory().
//
// Thread-safety: called on the media loop thread only. Implementations must
// not block: copy what they need and hand it to their own thread.
// Ordering: cached metadata/sequence headers first (if any), then every tag
// in arrival order, then OnEnd() exactly once.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ffsb {

class MediaSink {
 public:
  virtual ~MediaSink() = default;
  // tag_type: 8 audio, 9 video, 18 script (onMetaData). body is the FLV tag
  // body (same bytes as the RTMP message payload); valid only during the call.
  virtual void OnFlvTag(uint8_t tag_type, uint32_t timestamp_ms, const uint8_t* body,
                        size_t size) = 0;
  virtual void OnEnd() = 0;
};

}  // namespace ffsb
