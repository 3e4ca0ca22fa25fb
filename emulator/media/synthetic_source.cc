#include "emulator/media/synthetic_source.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavutil/channel_layout.h>
#include <libavutil/opt.h>
}

#include "emulator/media/avc_format.h"
#include "emulator/media/av_error.h"
#include "emulator/media/timestamp_sei.h"
#include "emulator/common/pacing.h"

namespace ffsb::emu {

SyntheticSource::SyntheticSource(const SyntheticOptions& o, const Clock* clock, const std::atomic<bool>* stop)
    : opt_(o), clock_(clock), stop_(stop), pattern_(o.width, o.height) {}

SyntheticSource::~SyntheticSource() {
  avcodec_free_context(&venc_);
  avcodec_free_context(&aenc_);
  av_frame_free(&vframe_);
  av_frame_free(&aframe_);
  av_packet_free(&pkt_);
}

Result<MediaSourcePtr> SyntheticSource::Create(const SyntheticOptions& o, const Clock* clock,
                                               const std::atomic<bool>* stop) {
  if (o.width < 160 || o.height < 90 || o.width % 2 || o.height % 2 || o.fps < 1 || o.fps > 120 || o.gop_frames < 1)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "bad synthetic size/fps/gop");
  std::unique_ptr<SyntheticSource> s(new SyntheticSource(o, clock, stop));
  if (Status st = s->Open(); !st.ok()) return st;
  return MediaSourcePtr(std::move(s));
}

Status SyntheticSource::Open() {
  const AVCodec* vc = avcodec_find_encoder_by_name("libx264");
  if (!vc) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "libavcodec has no libx264 encoder");
  venc_ = avcodec_alloc_context3(vc);
  venc_->width = opt_.width;
  venc_->height = opt_.height;
  venc_->time_base = {1, opt_.fps};
  venc_->framerate = {opt_.fps, 1};
  venc_->pix_fmt = AV_PIX_FMT_YUV420P;
  venc_->gop_size = opt_.gop_frames;
  venc_->keyint_min = opt_.gop_frames;
  venc_->max_b_frames = 0;
  venc_->bit_rate = opt_.video_bitrate;
  venc_->rc_max_rate = opt_.video_bitrate;
  venc_->rc_buffer_size = static_cast<int>(opt_.video_bitrate);
  venc_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
  AVDictionary* vopts = nullptr;
  av_dict_set(&vopts, "preset", opt_.preset.c_str(), 0);
  av_dict_set(&vopts, "tune", "zerolatency", 0);
  // CBR with filler NALs: the byte rate on the wire is the configured one even
  // for this easy-to-compress picture, as a load generator needs.
  av_dict_set(&vopts, "x264-params", "scenecut=0:nal-hrd=cbr:filler=1", 0);
  int rc = avcodec_open2(venc_, vc, &vopts);
  av_dict_free(&vopts);
  if (rc < 0) return AvStatus(rc, "open libx264");
  auto avcc = BuildAvcDecoderConfig({venc_->extradata, static_cast<size_t>(venc_->extradata_size)});
  if (!avcc.ok()) return avcc.status();
  info_.avc_config = std::move(*avcc);
  info_.width = opt_.width;
  info_.height = opt_.height;
  info_.fps = opt_.fps;
  info_.video_bitrate = opt_.video_bitrate;

  vframe_ = av_frame_alloc();
  vframe_->format = AV_PIX_FMT_YUV420P;
  vframe_->width = opt_.width;
  vframe_->height = opt_.height;
  if ((rc = av_frame_get_buffer(vframe_, 0)) < 0) return AvStatus(rc, "video frame buffer");
  pkt_ = av_packet_alloc();

  if (opt_.audio) {
    const AVCodec* ac = avcodec_find_encoder(AV_CODEC_ID_AAC);
    if (!ac) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "libavcodec has no AAC encoder");
    aenc_ = avcodec_alloc_context3(ac);
    aenc_->sample_rate = opt_.sample_rate;
    aenc_->sample_fmt = AV_SAMPLE_FMT_FLTP;
    av_channel_layout_default(&aenc_->ch_layout, 2);
    aenc_->bit_rate = opt_.audio_bitrate;
    aenc_->time_base = {1, opt_.sample_rate};
    aenc_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
    if ((rc = avcodec_open2(aenc_, ac, nullptr)) < 0) return AvStatus(rc, "open aac");
    info_.has_audio = true;
    info_.sample_rate = opt_.sample_rate;
    info_.channels = 2;
    info_.audio_bitrate = opt_.audio_bitrate;
    info_.aac_config.assign(aenc_->extradata, aenc_->extradata + aenc_->extradata_size);
    aframe_ = av_frame_alloc();
    aframe_->format = AV_SAMPLE_FMT_FLTP;
    aframe_->nb_samples = aenc_->frame_size;
    aframe_->sample_rate = opt_.sample_rate;
    av_channel_layout_copy(&aframe_->ch_layout, &aenc_->ch_layout);
    if ((rc = av_frame_get_buffer(aframe_, 0)) < 0) return AvStatus(rc, "audio frame buffer");
  }
  t0_ = clock_->Monotonic();
  return Status::Ok();
}

Micros SyntheticSource::VideoDue() const { return t0_ + video_index_ * 1'000'000 / opt_.fps; }
Micros SyntheticSource::AudioDue() const {
  return aenc_ ? t0_ + audio_sample_ * 1'000'000 / opt_.sample_rate : INT64_MAX;
}

Result<MediaPacket> SyntheticSource::Next() {
  while (ready_.empty()) {
    bool video = VideoDue() <= AudioDue();
    if (!SleepUntil(*clock_, video ? VideoDue() : AudioDue(), stop_))
      return Status(ErrorCode::SERVICE_UNAVAILABLE, "stopped");
    if (Status st = video ? EncodeVideo() : EncodeAudio(); !st.ok()) return st;
  }
  MediaPacket p = std::move(ready_.front());
  ready_.pop_front();
  return p;
}

void SyntheticSource::Resync() {
  Micros elapsed = clock_->Monotonic() - t0_;
  video_index_ = std::max(video_index_, (elapsed * opt_.fps + 999'999) / 1'000'000);
  audio_sample_ = std::max(audio_sample_, elapsed * opt_.sample_rate / 1'000'000);
  if (aenc_) audio_sample_ -= audio_sample_ % aenc_->frame_size;
  ready_.clear();
  force_key_ = true;
}

Status SyntheticSource::EncodeVideo() {
  int rc = av_frame_make_writable(vframe_);
  if (rc < 0) return AvStatus(rc, "video frame writable");
  Micros now = clock_->Now();
  PlaneView y{vframe_->data[0], vframe_->linesize[0], opt_.width, opt_.height};
  PlaneView u{vframe_->data[1], vframe_->linesize[1], opt_.width / 2, opt_.height / 2};
  PlaneView v{vframe_->data[2], vframe_->linesize[2], opt_.width / 2, opt_.height / 2};
  pattern_.Draw(video_index_, now, y, u, v);
  vframe_->pts = video_index_++;
  vframe_->pict_type = force_key_ ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE;
  vframe_->key_frame = force_key_ ? 1 : 0;
  force_key_ = false;
  capture_times_.emplace_back(vframe_->pts, now);
  if (capture_times_.size() > 256) capture_times_.pop_front();
  if ((rc = avcodec_send_frame(venc_, vframe_)) < 0) return AvStatus(rc, "encode video");
  return Drain(venc_, MediaKind::kVideo);
}

Status SyntheticSource::EncodeAudio() {
  int rc = av_frame_make_writable(aframe_);
  if (rc < 0) return AvStatus(rc, "audio frame writable");
  FillTone(reinterpret_cast<float*>(aframe_->data[0]), aframe_->nb_samples, audio_sample_, opt_.sample_rate);
  std::copy_n(aframe_->data[0], aframe_->nb_samples * sizeof(float), aframe_->data[1]);
  aframe_->pts = audio_sample_;
  audio_sample_ += aframe_->nb_samples;
  if ((rc = avcodec_send_frame(aenc_, aframe_)) < 0) return AvStatus(rc, "encode audio");
  return Drain(aenc_, MediaKind::kAudio);
}

Status SyntheticSource::Drain(AVCodecContext* ctx, MediaKind kind) {
  for (;;) {
    int rc = avcodec_receive_packet(ctx, pkt_);
    if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) return Status::Ok();
    if (rc < 0) return AvStatus(rc, "receive packet");
    MediaPacket p;
    p.kind = kind;
    p.keyframe = (pkt_->flags & AV_PKT_FLAG_KEY) != 0;
    if (kind == MediaKind::kVideo) {
      p.dts_ms = pkt_->dts * 1000 / opt_.fps;
      p.cts_ms = static_cast<int32_t>((pkt_->pts - pkt_->dts) * 1000 / opt_.fps);
      Micros captured = clock_->Now();
      for (auto& [pts, t] : capture_times_)
        if (pts == pkt_->pts) captured = t;
      auto avcc = AnnexBToAvcc({pkt_->data, static_cast<size_t>(pkt_->size)}, true);
      p.payload = InsertTimestampSei(avcc, captured);
    } else {
      p.dts_ms = std::max<int64_t>(0, pkt_->pts) * 1000 / opt_.sample_rate;
      p.payload.assign(pkt_->data, pkt_->data + pkt_->size);
    }
    ready_.push_back(std::move(p));
    av_packet_unref(pkt_);
  }
}

}  // namespace ffsb::emu
