// Small RAII owners and error formatting for the libav* C API, private to
// the VOD layer. Every AV object the archiver allocates is held by one of
// these, so early returns never leak.
//
// Thread-safety: value types; an owned AV object is used by one thread.
#pragma once

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
}

namespace ffsb::vod {

struct AvPacketFree {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct AvFrameFree {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct AvCodecContextFree {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
using PacketPtr = std::unique_ptr<AVPacket, AvPacketFree>;
using FramePtr = std::unique_ptr<AVFrame, AvFrameFree>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, AvCodecContextFree>;

inline PacketPtr MakePacket() { return PacketPtr(av_packet_alloc()); }
inline FramePtr MakeFrame() { return FramePtr(av_frame_alloc()); }

inline std::string AvError(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
  av_strerror(err, buf, sizeof buf);
  return buf;
}

}  // namespace ffsb::vod
