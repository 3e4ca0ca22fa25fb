#include "server/cmaf/audio_transcoder.h"

#include <cstring>

extern "C" {
#include <libavutil/channel_layout.h>
}

namespace ffsb::cmaf {
namespace {
Status Fatal(const std::string& m) { return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, m); }
constexpr AVRational kAudioTb{1, AudioTranscoder::kSampleRate};
}  // namespace

Status AudioTranscoder::OpenEncoder(int64_t bitrate) {
  const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_AAC);
  if (!codec) return Fatal("aac: no encoder");
  CodecCtxPtr ctx(avcodec_alloc_context3(codec));
  ctx->sample_rate = kSampleRate;
  ctx->sample_fmt = AV_SAMPLE_FMT_FLTP;
  AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
  av_channel_layout_copy(&ctx->ch_layout, &stereo);
  ctx->bit_rate = bitrate;
  ctx->time_base = kAudioTb;
  ctx->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  int err = avcodec_open2(ctx.get(), codec, nullptr);
  if (err < 0) return Fatal("aac: open encoder: " + AvErrorString(err));
  enc_ = std::move(ctx);
  fifo_.reset(av_audio_fifo_alloc(AV_SAMPLE_FMT_FLTP, 2, 4096));
  return Status::Ok();
}

Status AudioTranscoder::Configure(const uint8_t* asc, size_t size) {
  if (dec_ && asc_.size() == size && std::memcmp(asc_.data(), asc, size) == 0) return Status::Ok();
  if (size < 2) return Fatal("aac: AudioSpecificConfig too short");
  const AVCodec* codec = avcodec_find_decoder(AV_CODEC_ID_AAC);
  CodecCtxPtr ctx(avcodec_alloc_context3(codec));
  ctx->extradata = static_cast<uint8_t*>(av_mallocz(size + AV_INPUT_BUFFER_PADDING_SIZE));
  std::memcpy(ctx->extradata, asc, size);
  ctx->extradata_size = static_cast<int>(size);
  ctx->pkt_timebase = kMillis;
  int err = avcodec_open2(ctx.get(), codec, nullptr);
  if (err < 0) return Fatal("aac: decoder refused AudioSpecificConfig: " + AvErrorString(err));
  dec_ = std::move(ctx);
  asc_.assign(asc, asc + size);
  return Status::Ok();
}

Status AudioTranscoder::Decode(const uint8_t* data, size_t size, int64_t pts_ms, const PacketSink& sink) {
  av_packet_unref(pkt_.get());
  if (av_new_packet(pkt_.get(), static_cast<int>(size)) < 0) return Fatal("aac: out of memory");
  std::memcpy(pkt_->data, data, size);
  pkt_->pts = pkt_->dts = pts_ms;
  int err = avcodec_send_packet(dec_.get(), pkt_.get());
  av_packet_unref(pkt_.get());
  if (err < 0) return Status::Ok();  // a bad audio frame is skipped, never fatal
  while (avcodec_receive_frame(dec_.get(), in_.get()) >= 0) {
    Status s = OnDecoded(in_.get(), sink);
    av_frame_unref(in_.get());
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status AudioTranscoder::OnDecoded(AVFrame* f, const PacketSink& sink) {
  int ch = f->ch_layout.nb_channels;
  if (!swr_ || f->sample_rate != swr_in_rate_ || f->format != swr_in_fmt_ || ch != swr_in_channels_) {
    SwrContext* swr = nullptr;
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    AVChannelLayout in_layout;
    if (f->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC) av_channel_layout_default(&in_layout, ch);
    else av_channel_layout_copy(&in_layout, &f->ch_layout);
    int err = swr_alloc_set_opts2(&swr, &stereo, AV_SAMPLE_FMT_FLTP, kSampleRate, &in_layout,
                                  static_cast<AVSampleFormat>(f->format), f->sample_rate, 0, nullptr);
    av_channel_layout_uninit(&in_layout);
    if (err < 0 || swr_init(swr) < 0) {
      swr_free(&swr);
      return Fatal("aac: cannot resample input audio");
    }
    swr_.reset(swr);
    swr_in_rate_ = f->sample_rate;
    swr_in_fmt_ = f->format;
    swr_in_channels_ = ch;
  }
  int64_t in_pts = f->best_effort_timestamp == AV_NOPTS_VALUE
                       ? AV_NOPTS_VALUE
                       : av_rescale_q(f->best_effort_timestamp, kMillis, kAudioTb);
  int64_t resync = kResyncMs * kSampleRate / 1000;
  if (in_pts != AV_NOPTS_VALUE) {
    int64_t expected = next_pts_ == AV_NOPTS_VALUE
                           ? in_pts
                           : next_pts_ + av_audio_fifo_size(fifo_.get()) + swr_get_delay(swr_.get(), kSampleRate);
    if (next_pts_ == AV_NOPTS_VALUE) {
      next_pts_ = in_pts;
    } else if (in_pts < expected - resync) {
      return Status::Ok();  // overlap: drop
    } else if (in_pts > expected + resync) {
      Status s = EncodeFromFifo(/*final=*/true, sink);  // finish what we have, then jump
      if (!s.ok()) return s;
      next_pts_ = in_pts;
    }
  }
  int out_max = swr_get_out_samples(swr_.get(), f->nb_samples);
  av_frame_unref(out_.get());
  out_->format = AV_SAMPLE_FMT_FLTP;
  out_->nb_samples = out_max;
  AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
  av_channel_layout_copy(&out_->ch_layout, &stereo);
  if (av_frame_get_buffer(out_.get(), 0) < 0) return Fatal("aac: out of memory");
  int n = swr_convert(swr_.get(), out_->data, out_max, const_cast<const uint8_t**>(f->extended_data),
                      f->nb_samples);
  if (n < 0) return Fatal("aac: resample failed");
  av_audio_fifo_write(fifo_.get(), reinterpret_cast<void**>(out_->data), n);
  return EncodeFromFifo(/*final=*/false, sink);
}

Status AudioTranscoder::EncodeFromFifo(bool final, const PacketSink& sink) {
  const int frame_size = enc_->frame_size;
  while (av_audio_fifo_size(fifo_.get()) >= frame_size || (final && av_audio_fifo_size(fifo_.get()) > 0)) {
    int n = std::min(frame_size, av_audio_fifo_size(fifo_.get()));
    av_frame_unref(out_.get());
    out_->format = AV_SAMPLE_FMT_FLTP;
    out_->nb_samples = frame_size;  // a short last frame is padded with silence
    AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO;
    av_channel_layout_copy(&out_->ch_layout, &stereo);
    out_->sample_rate = kSampleRate;
    if (av_frame_get_buffer(out_.get(), 0) < 0) return Fatal("aac: out of memory");
    av_samples_set_silence(out_->data, 0, frame_size, 2, AV_SAMPLE_FMT_FLTP);
    av_audio_fifo_read(fifo_.get(), reinterpret_cast<void**>(out_->data), n);
    out_->pts = next_pts_;
    next_pts_ += frame_size;
    int err = avcodec_send_frame(enc_.get(), out_.get());
    if (err < 0) return Fatal("aac: encode: " + AvErrorString(err));
    Status s = Drain(sink);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status AudioTranscoder::Drain(const PacketSink& sink) {
  while (true) {
    int err = avcodec_receive_packet(enc_.get(), pkt_.get());
    if (err == AVERROR(EAGAIN) || err == AVERROR_EOF) return Status::Ok();
    if (err < 0) return Fatal("aac: encode: " + AvErrorString(err));
    Status s = sink(pkt_.get());
    av_packet_unref(pkt_.get());
    if (!s.ok()) return s;
  }
}

Status AudioTranscoder::Flush(const PacketSink& sink) {
  if (!enc_) return Status::Ok();
  if (dec_) {
    Status s = EncodeFromFifo(/*final=*/true, sink);
    if (!s.ok()) return s;
  }
  avcodec_send_frame(enc_.get(), nullptr);
  return Drain(sink);
}

}  // namespace ffsb::cmaf
