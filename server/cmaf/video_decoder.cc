#include "server/cmaf/video_decoder.h"

#include <cstring>

namespace ffsb::cmaf {
namespace {
Status Fatal(const std::string& m) { return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, m); }
}  // namespace

Status VideoDecoder::Configure(const uint8_t* avcc, size_t size) {
  if (ctx_ && extradata_.size() == size && std::memcmp(extradata_.data(), avcc, size) == 0)
    return Status::Ok();
  // A record must at least hold version, profile, level, length size, 1 SPS.
  if (size < 7 || avcc[0] != 1) return Fatal("h264: malformed AVCDecoderConfigurationRecord");
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_H264);
  if (!codec) return Fatal("h264: no decoder in libavcodec");
  CodecCtxPtr ctx(avcodec_alloc_context3(codec));
  ctx->extradata = static_cast<uint8_t*>(av_mallocz(size + AV_INPUT_BUFFER_PADDING_SIZE));
  std::memcpy(ctx->extradata, avcc, size);
  ctx->extradata_size = static_cast<int>(size);
  ctx->pkt_timebase = kMillis;
  ctx->thread_count = 0;  // auto, as the ffmpeg CLI does
  int err = avcodec_open2(ctx.get(), codec, nullptr);
  if (err < 0) return Fatal("h264: decoder refused the sequence header: " + AvErrorString(err));
  if (ctx_) {
    // Frames of the old configuration are dropped; the new one starts at a keyframe.
    avcodec_send_packet(ctx_.get(), nullptr);
  }
  ctx_ = std::move(ctx);
  extradata_.assign(avcc, avcc + size);
  return Status::Ok();
}

Status VideoDecoder::CountFailure(const std::string& what) {
  if (++consecutive_failures_ >= kMaxConsecutiveFailures)
    return Fatal("h264: decoding fails persistently (" + std::to_string(consecutive_failures_) +
                 " packets in a row), last: " + what);
  return Status::Ok();
}

Status VideoDecoder::Decode(const uint8_t* data, size_t size, int64_t pts_ms, int64_t dts_ms, bool key,
                            const FrameSink& sink) {
  av_packet_unref(pkt_.get());
  if (av_new_packet(pkt_.get(), static_cast<int>(size)) < 0) return Fatal("h264: out of memory");
  std::memcpy(pkt_->data, data, size);
  pkt_->pts = pts_ms;
  pkt_->dts = dts_ms;
  if (key) pkt_->flags |= AV_PKT_FLAG_KEY;
  int err = avcodec_send_packet(ctx_.get(), pkt_.get());
  if (err == AVERROR(EAGAIN)) {
    Status s = Drain(sink);
    if (!s.ok()) return s;
    err = avcodec_send_packet(ctx_.get(), pkt_.get());
  }
  if (err < 0 && err != AVERROR(EAGAIN)) {
    Status s = CountFailure(AvErrorString(err));
    if (!s.ok()) return s;
  }
  return Drain(sink);
}

Status VideoDecoder::Drain(const FrameSink& sink) {
  while (true) {
    int err = avcodec_receive_frame(ctx_.get(), frame_.get());
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return Status::Ok();
    if (err < 0) {
      Status s = CountFailure(AvErrorString(err));
      if (!s.ok()) return s;
      continue;
    }
    bool corrupt = (frame_->flags & AV_FRAME_FLAG_CORRUPT) || frame_->decode_error_flags != 0;
    if (corrupt) {
      Status s = CountFailure("corrupt frame");
      av_frame_unref(frame_.get());
      if (!s.ok()) return s;
      continue;
    }
    consecutive_failures_ = 0;
    ++frames_;
    frame_->pts = frame_->best_effort_timestamp;
    Status s = sink(frame_.get());
    av_frame_unref(frame_.get());
    if (!s.ok()) return s;
  }
}

Status VideoDecoder::Flush(const FrameSink& sink) {
  if (!ctx_) return Status::Ok();
  avcodec_send_packet(ctx_.get(), nullptr);
  return Drain(sink);
}

}  // namespace ffsb::cmaf
