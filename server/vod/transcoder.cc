#include "server/vod/transcoder.h"

extern "C" {
#include <libavutil/audio_fifo.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
}

namespace ffsb::vod {
namespace {

constexpr AVRational kMicros = {1, 1000000};

Status Fail(const std::string& what, int rc) {
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR,
                "transcode: " + what + (rc < 0 ? ": " + AvError(rc) : ""));
}

Result<CodecContextPtr> OpenDecoder(const AVStream* st) {
  const AVCodec* codec = avcodec_find_decoder(st->codecpar->codec_id);
  if (codec == nullptr) return Fail("no decoder", 0);
  CodecContextPtr ctx(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(ctx.get(), st->codecpar);
  ctx->pkt_timebase = kMicros;
  int rc = avcodec_open2(ctx.get(), codec, nullptr);
  if (rc < 0) return Fail("cannot open decoder", rc);
  return ctx;
}

}  // namespace

Result<std::unique_ptr<Transcoder>> Transcoder::Create(const ArchiveProfile& profile,
                                                       const PartInput& first) {
  std::unique_ptr<Transcoder> t(new Transcoder());
  Status s = t->OpenEncoders(profile, first);
  if (!s.ok()) return s;
  return t;
}

Transcoder::~Transcoder() {
  for (auto*& p : params_) avcodec_parameters_free(&p);
  sws_freeContext(sws_);
  swr_free(&swr_);
  if (fifo_ != nullptr) av_audio_fifo_free(fifo_);
}

AVRational Transcoder::output_time_base(int kind) const {
  return kind == 0 ? AVRational{1, 90000} : AVRational{1, enc_[1]->sample_rate};
}

Status Transcoder::OpenEncoders(const ArchiveProfile& profile, const PartInput& first) {
  if (first.video_index() >= 0) {
    const AVStream* st = first.stream(first.video_index());
    const AVCodec* x264 = avcodec_find_encoder_by_name("libx264");
    if (x264 == nullptr) return Fail("no libx264 encoder", 0);
    CodecContextPtr enc(avcodec_alloc_context3(x264));
    enc->width = profile.width > 0 ? profile.width : st->codecpar->width & ~1;
    enc->height = profile.height > 0 ? profile.height : st->codecpar->height & ~1;
    enc->pix_fmt = AV_PIX_FMT_YUV420P;
    enc->time_base = kMicros;
    AVRational fps = st->avg_frame_rate.num > 0 ? st->avg_frame_rate : AVRational{30, 1};
    enc->framerate = fps;
    enc->gop_size = 2 * (fps.num / std::max(1, fps.den));
    enc->bit_rate = profile.video_bitrate > 0 ? profile.video_bitrate : 2'500'000;
    enc->rc_max_rate = enc->bit_rate * 3 / 2;
    enc->rc_buffer_size = static_cast<int>(enc->bit_rate * 2);
    enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    av_opt_set(enc->priv_data, "preset", "veryfast", 0);
    int rc = avcodec_open2(enc.get(), x264, nullptr);
    if (rc < 0) return Fail("cannot open libx264", rc);
    params_[0] = avcodec_parameters_alloc();
    avcodec_parameters_from_context(params_[0], enc.get());
    enc_[0] = std::move(enc);
  }
  if (first.audio_index() >= 0) {
    const AVStream* st = first.stream(first.audio_index());
    const AVCodec* aac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    CodecContextPtr enc(avcodec_alloc_context3(aac));
    enc->sample_fmt = AV_SAMPLE_FMT_FLTP;
    enc->sample_rate = st->codecpar->sample_rate > 0 ? st->codecpar->sample_rate : 44100;
    av_channel_layout_default(&enc->ch_layout, std::min(2, std::max(1, st->codecpar->ch_layout.nb_channels)));
    enc->bit_rate = profile.audio_bitrate;
    enc->time_base = AVRational{1, enc->sample_rate};
    enc->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    int rc = avcodec_open2(enc.get(), aac, nullptr);
    if (rc < 0) return Fail("cannot open aac encoder", rc);
    params_[1] = avcodec_parameters_alloc();
    avcodec_parameters_from_context(params_[1], enc.get());
    fifo_ = av_audio_fifo_alloc(enc->sample_fmt, enc->ch_layout.nb_channels, enc->frame_size * 4);
    enc_[1] = std::move(enc);
  }
  return Status::Ok();
}

Status Transcoder::BeginPart(const PartInput& in) {
  const int index[2] = {in.video_index(), in.audio_index()};
  for (int kind = 0; kind < 2; ++kind) {
    dec_[kind].reset();
    if (index[kind] < 0 || !enc_[kind]) continue;
    auto dec = OpenDecoder(in.stream(index[kind]));
    if (!dec.ok()) return dec.status();
    dec_[kind] = std::move(*dec);
  }
  return Status::Ok();
}

Status Transcoder::Push(int kind, const AVPacket* packet, const Emit& emit) {
  if (!dec_[kind]) return Status::Ok();
  int rc = avcodec_send_packet(dec_[kind].get(), packet);
  if (rc == AVERROR(EAGAIN)) {
    Status s = Drain(kind, emit);
    if (!s.ok()) return s;
    rc = avcodec_send_packet(dec_[kind].get(), packet);
  }
  if (rc < 0 && rc != AVERROR_INVALIDDATA) return Fail("decode", rc);
  return Drain(kind, emit);
}

Status Transcoder::Drain(int kind, const Emit& emit) {
  for (;;) {
    int rc = avcodec_receive_frame(dec_[kind].get(), frame_.get());
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return Status::Ok();
    if (rc < 0) return Fail("decode", rc);
    Status s = kind == 0 ? EncodeVideo(frame_.get(), emit) : EncodeAudio(frame_.get(), emit);
    av_frame_unref(frame_.get());
    if (!s.ok()) return s;
  }
}

Status Transcoder::EndPart(const Emit& emit) {
  for (int kind = 0; kind < 2; ++kind) {
    if (!dec_[kind]) continue;
    avcodec_send_packet(dec_[kind].get(), nullptr);
    Status s = Drain(kind, emit);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

// Sends `frame` (null = flush) to encoder `kind` and emits what comes out.
static Status EncodeAndEmit(AVCodecContext* enc, int kind, AVFrame* frame, AVPacket* out,
                            const Transcoder::Emit& emit) {
  int rc = avcodec_send_frame(enc, frame);
  if (rc < 0 && rc != AVERROR_EOF) return Fail("encode", rc);
  for (;;) {
    rc = avcodec_receive_packet(enc, out);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return Status::Ok();
    if (rc < 0) return Fail("encode", rc);
    av_packet_rescale_ts(out, enc->time_base, kMicros);
    Status s = emit(kind, out);
    av_packet_unref(out);
    if (!s.ok()) return s;
  }
}

Status Transcoder::EncodeVideo(AVFrame* in, const Emit& emit) {
  int64_t pts = in->best_effort_timestamp;
  if (pts == AV_NOPTS_VALUE || pts <= last_video_pts_) return Status::Ok();
  last_video_pts_ = pts;
  AVCodecContext* enc = enc_[0].get();
  sws_ = sws_getCachedContext(sws_, in->width, in->height, AVPixelFormat(in->format), enc->width,
                              enc->height, enc->pix_fmt, SWS_BILINEAR, nullptr, nullptr, nullptr);
  if (sws_ == nullptr) return Fail("cannot scale", 0);
  av_frame_unref(scaled_.get());
  scaled_->format = enc->pix_fmt;
  scaled_->width = enc->width;
  scaled_->height = enc->height;
  if (av_frame_get_buffer(scaled_.get(), 0) < 0) return Fail("out of memory", 0);
  sws_scale(sws_, in->data, in->linesize, 0, in->height, scaled_->data, scaled_->linesize);
  scaled_->pts = pts;
  return EncodeAndEmit(enc, 0, scaled_.get(), out_.get(), emit);
}

Status Transcoder::EncodeAudio(AVFrame* in, const Emit& emit) {
  AVCodecContext* enc = enc_[1].get();
  if (audio_origin_us_ == INT64_MIN) {
    audio_origin_us_ = in->best_effort_timestamp == AV_NOPTS_VALUE ? 0 : in->best_effort_timestamp;
  }
  if (swr_ == nullptr) {
    int rc = swr_alloc_set_opts2(&swr_, &enc->ch_layout, enc->sample_fmt, enc->sample_rate,
                                 &in->ch_layout, AVSampleFormat(in->format), in->sample_rate, 0,
                                 nullptr);
    if (rc < 0 || (rc = swr_init(swr_)) < 0) return Fail("cannot resample", rc);
  }
  int max_out = swr_get_out_samples(swr_, in->nb_samples);
  FramePtr conv = MakeFrame();
  conv->format = enc->sample_fmt;
  av_channel_layout_copy(&conv->ch_layout, &enc->ch_layout);
  conv->sample_rate = enc->sample_rate;
  conv->nb_samples = std::max(1, max_out);
  if (av_frame_get_buffer(conv.get(), 0) < 0) return Fail("out of memory", 0);
  int n = swr_convert(swr_, conv->data, conv->nb_samples, const_cast<const uint8_t**>(in->extended_data),
                      in->nb_samples);
  if (n < 0) return Fail("resample", n);
  av_audio_fifo_write(fifo_, reinterpret_cast<void**>(conv->data), n);
  return PumpAudio(false, emit);
}

Status Transcoder::PumpAudio(bool flush, const Emit& emit) {
  AVCodecContext* enc = enc_[1].get();
  while (av_audio_fifo_size(fifo_) >= enc->frame_size || (flush && av_audio_fifo_size(fifo_) > 0)) {
    FramePtr f = MakeFrame();
    f->format = enc->sample_fmt;
    av_channel_layout_copy(&f->ch_layout, &enc->ch_layout);
    f->sample_rate = enc->sample_rate;
    f->nb_samples = std::min(enc->frame_size, av_audio_fifo_size(fifo_));
    if (av_frame_get_buffer(f.get(), 0) < 0) return Fail("out of memory", 0);
    av_audio_fifo_read(fifo_, reinterpret_cast<void**>(f->data), f->nb_samples);
    f->pts = av_rescale_q(audio_origin_us_, kMicros, enc->time_base) + audio_samples_;
    audio_samples_ += f->nb_samples;
    Status s = EncodeAndEmit(enc, 1, f.get(), out_.get(), emit);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status Transcoder::Finish(const Emit& emit) {
  if (enc_[0]) {
    Status s = EncodeAndEmit(enc_[0].get(), 0, nullptr, out_.get(), emit);
    if (!s.ok()) return s;
  }
  if (enc_[1]) {
    Status s = PumpAudio(true, emit);
    if (s.ok()) s = EncodeAndEmit(enc_[1].get(), 1, nullptr, out_.get(), emit);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace ffsb::vod
