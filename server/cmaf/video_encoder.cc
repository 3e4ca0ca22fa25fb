#include "server/cmaf/video_encoder.h"

#include <algorithm>

extern "C" {
#include <libavutil/opt.h>
}

namespace ffsb::cmaf {
namespace {
Status Fatal(const std::string& m) { return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, m); }
int Even(double v) { return std::max(2, static_cast<int>(v / 2 + 0.5) * 2); }
}  // namespace

void FitInBox(int in_w, int in_h, int box_w, int box_h, int* out_w, int* out_h) {
  if (in_w <= 0 || in_h <= 0 || int64_t{in_w} * box_h == int64_t{in_h} * box_w) {
    *out_w = box_w;
    *out_h = box_h;
    return;
  }
  if (int64_t{in_w} * box_h > int64_t{in_h} * box_w) {  // input wider than the box
    *out_w = box_w;
    *out_h = std::min(box_h, Even(static_cast<double>(box_w) * in_h / in_w));
  } else {
    *out_h = box_h;
    *out_w = std::min(box_w, Even(static_cast<double>(box_h) * in_w / in_h));
  }
}

Status VideoEncoder::Open(int in_w, int in_h) {
  FitInBox(in_w, in_h, spec_.width, spec_.height, &out_w_, &out_h_);
  const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
  if (!codec) return Fatal("x264: libavcodec has no libx264 encoder");
  CodecCtxPtr ctx(avcodec_alloc_context3(codec));
  ctx->width = out_w_;
  ctx->height = out_h_;
  ctx->pix_fmt = AV_PIX_FMT_YUV420P;
  ctx->time_base = kVideoTimeBase;
  ctx->framerate = AVRational{settings_.max_fps, 1};
  ctx->sample_aspect_ratio = AVRational{1, 1};
  ctx->bit_rate = spec_.bitrate;
  ctx->rc_max_rate = spec_.bitrate;
  ctx->rc_buffer_size = static_cast<int>(spec_.bitrate * settings_.segment_duration_s);
  ctx->gop_size = settings_.max_fps * settings_.segment_duration_s * 10;
  ctx->keyint_min = 1;
  ctx->thread_count = settings_.threads;
  ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER | AV_CODEC_FLAG_CLOSED_GOP;
  ctx->color_range = AVCOL_RANGE_MPEG;
  AVDictionary* opts = nullptr;
  av_dict_set(&opts, "preset", settings_.preset.c_str(), 0);
  if (!settings_.tune.empty()) av_dict_set(&opts, "tune", settings_.tune.c_str(), 0);
  av_dict_set(&opts, "forced-idr", "1", 0);
  av_dict_set(&opts, "x264-params", "scenecut=0:open-gop=0", 0);
  int err = avcodec_open2(ctx.get(), codec, &opts);
  av_dict_free(&opts);
  if (err < 0) return Fatal("x264: open " + spec_.name + ": " + AvErrorString(err));
  ctx_ = std::move(ctx);
  return Status::Ok();
}

Status VideoEncoder::Encode(const AVFrame* frame, bool force_keyframe, const PacketSink& sink) {
  if (!sws_ || frame->width != sws_in_w_ || frame->height != sws_in_h_ || frame->format != sws_in_fmt_) {
    // The ffmpeg CLI's scale filter defaults to bicubic; we match it (benchmarked against it).
    sws_.reset(sws_getContext(frame->width, frame->height, static_cast<AVPixelFormat>(frame->format), out_w_,
                              out_h_, AV_PIX_FMT_YUV420P, SWS_BICUBIC, nullptr, nullptr, nullptr));
    if (!sws_) return Fatal("sws: cannot scale to " + spec_.name);
    sws_in_w_ = frame->width;
    sws_in_h_ = frame->height;
    sws_in_fmt_ = frame->format;
  }
  av_frame_unref(scaled_.get());
  scaled_->width = out_w_;
  scaled_->height = out_h_;
  scaled_->format = AV_PIX_FMT_YUV420P;
  if (av_frame_get_buffer(scaled_.get(), 0) < 0) return Fatal("sws: out of memory");
  sws_scale(sws_.get(), frame->data, frame->linesize, 0, frame->height, scaled_->data, scaled_->linesize);
  scaled_->pts = av_rescale_q(frame->pts, kMillis, kVideoTimeBase);
  scaled_->pict_type = force_keyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
  scaled_->key_frame = force_keyframe ? 1 : 0;
  int err = avcodec_send_frame(ctx_.get(), scaled_.get());
  if (err < 0) return Fatal("x264: encode " + spec_.name + ": " + AvErrorString(err));
  return Drain(sink);
}

Status VideoEncoder::Drain(const PacketSink& sink) {
  while (true) {
    int err = avcodec_receive_packet(ctx_.get(), pkt_.get());
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return Status::Ok();
    if (err < 0) return Fatal("x264: encode " + spec_.name + ": " + AvErrorString(err));
    Status s = sink(pkt_.get());
    av_packet_unref(pkt_.get());
    if (!s.ok()) return s;
  }
}

Status VideoEncoder::Flush(const PacketSink& sink) {
  if (!ctx_) return Status::Ok();
  avcodec_send_frame(ctx_.get(), nullptr);
  return Drain(sink);
}

}  // namespace ffsb::cmaf
