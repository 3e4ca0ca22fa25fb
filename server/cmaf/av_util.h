// Small RAII owners and helpers for FFmpeg objects used across server/cmaf.
// Every AV* object the pipeline allocates is held by one of these, so no path
// (including early error returns) leaks or double-frees.
//
// Thread-safety: the owners are not shared between threads; each pipeline
// worker owns its own.
#pragma once

#include <memory>
#include <string>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/audio_fifo.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace ffsb::cmaf {

struct CodecCtxDeleter {
  void operator()(AVCodecContext* c) const { avcodec_free_context(&c); }
};
struct FrameDeleter {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};
struct PacketDeleter {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct SwsDeleter {
  void operator()(SwsContext* s) const { sws_freeContext(s); }
};
struct SwrDeleter {
  void operator()(SwrContext* s) const { swr_free(&s); }
};
struct FifoDeleter {
  void operator()(AVAudioFifo* f) const { av_audio_fifo_free(f); }
};

using CodecCtxPtr = std::unique_ptr<AVCodecContext, CodecCtxDeleter>;
using FramePtr = std::unique_ptr<AVFrame, FrameDeleter>;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsPtr = std::unique_ptr<SwsContext, SwsDeleter>;
using SwrPtr = std::unique_ptr<SwrContext, SwrDeleter>;
using FifoPtr = std::unique_ptr<AVAudioFifo, FifoDeleter>;

inline FramePtr MakeFrame() { return FramePtr(av_frame_alloc()); }
inline PacketPtr MakePacket() { return PacketPtr(av_packet_alloc()); }

// "Invalid data found when processing input (-1094995529)".
std::string AvErrorString(int averror);

// Time bases used on our output timeline.
inline constexpr AVRational kMillis{1, 1000};
inline constexpr AVRational kVideoTimeBase{1, 90000};

}  // namespace ffsb::cmaf

namespace ffsb::cmaf {
// RFC 6381 codec string of an H.264 encoder's extradata (Annex B or avcC),
// e.g. "avc1.64001f"; "avc1.640028" when no SPS can be found.
std::string AvcCodecString(const uint8_t* extradata, int size);
}  // namespace ffsb::cmaf
