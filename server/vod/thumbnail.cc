#include "server/vod/thumbnail.h"

#include <algorithm>
#include <cstring>

extern "C" {
#include <libavutil/imgutils.h>
#include <libswscale/swscale.h>
}

namespace ffsb::vod {
namespace {
Status MediaError(const std::string& what) {
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "thumbnail: " + what);
}
}  // namespace

Result<std::unique_ptr<ThumbnailGrabber>> ThumbnailGrabber::Create(
    const AVCodecParameters* params, int box_width, int box_height, int64_t target_us) {
  std::unique_ptr<ThumbnailGrabber> g(new ThumbnailGrabber());
  g->box_w_ = box_width;
  g->box_h_ = box_height;
  g->target_us_ = target_us;
  Status s = g->OpenDecoder(params);
  if (!s.ok()) return s;
  return g;
}

ThumbnailGrabber::~ThumbnailGrabber() = default;

Status ThumbnailGrabber::OpenDecoder(const AVCodecParameters* params) {
  const AVCodec* codec = avcodec_find_decoder(params->codec_id);
  if (codec == nullptr) return MediaError("no decoder for the video codec");
  decoder_.reset(avcodec_alloc_context3(codec));
  avcodec_parameters_to_context(decoder_.get(), params);
  decoder_->pkt_timebase = AVRational{1, 1000000};
  decoder_->thread_count = 1;
  int rc = avcodec_open2(decoder_.get(), codec, nullptr);
  if (rc < 0) {
    decoder_.reset();
    return MediaError("cannot open decoder: " + AvError(rc));
  }
  return Status::Ok();
}

void ThumbnailGrabber::Reset(const AVCodecParameters* params) {
  if (done_) return;
  Drain();
  OpenDecoder(params);
}

void ThumbnailGrabber::Drain() {
  if (!decoder_) return;
  while (avcodec_receive_frame(decoder_.get(), frame_.get()) >= 0) {
    av_frame_unref(best_.get());
    av_frame_move_ref(best_.get(), frame_.get());
    have_best_ = true;
    if (best_->best_effort_timestamp >= target_us_) {
      done_ = true;
      return;
    }
  }
}

void ThumbnailGrabber::Feed(const AVPacket* packet) {
  if (done_ || !decoder_) return;
  if (avcodec_send_packet(decoder_.get(), packet) == AVERROR(EAGAIN)) {
    Drain();
    avcodec_send_packet(decoder_.get(), packet);
  }
  Drain();
}

Result<std::string> ThumbnailGrabber::Encode() {
  const AVFrame* src = best_.get();
  // Fit inside the box, keep the aspect ratio, even sizes and offsets.
  double scale = std::min(double(box_w_) / src->width, double(box_h_) / src->height);
  int w = std::max(2, static_cast<int>(src->width * scale) & ~1);
  int h = std::max(2, static_cast<int>(src->height * scale) & ~1);
  int x = ((box_w_ - w) / 2) & ~1, y = ((box_h_ - h) / 2) & ~1;

  FramePtr out = MakeFrame();
  out->format = AV_PIX_FMT_YUVJ420P;
  out->width = box_w_;
  out->height = box_h_;
  if (av_frame_get_buffer(out.get(), 0) < 0) return MediaError("out of memory");
  for (int p = 0; p < 3; ++p) {  // black in full range: Y 0, Cb/Cr 128
    int rows = p == 0 ? box_h_ : box_h_ / 2;
    std::memset(out->data[p], p == 0 ? 0 : 128, static_cast<size_t>(out->linesize[p]) * rows);
  }
  SwsContext* sws = sws_getContext(src->width, src->height, AVPixelFormat(src->format), w, h,
                                   AV_PIX_FMT_YUVJ420P, SWS_BICUBIC, nullptr, nullptr, nullptr);
  if (sws == nullptr) return MediaError("cannot scale the frame");
  uint8_t* dst[4] = {out->data[0] + y * out->linesize[0] + x,
                     out->data[1] + (y / 2) * out->linesize[1] + x / 2,
                     out->data[2] + (y / 2) * out->linesize[2] + x / 2, nullptr};
  sws_scale(sws, src->data, src->linesize, 0, src->height, dst, out->linesize);
  sws_freeContext(sws);

  const AVCodec* mjpeg = avcodec_find_encoder(AV_CODEC_ID_MJPEG);
  if (mjpeg == nullptr) return MediaError("no mjpeg encoder");
  CodecContextPtr enc(avcodec_alloc_context3(mjpeg));
  enc->width = box_w_;
  enc->height = box_h_;
  enc->pix_fmt = AV_PIX_FMT_YUVJ420P;
  enc->time_base = AVRational{1, 25};
  enc->flags |= AV_CODEC_FLAG_QSCALE;
  enc->global_quality = FF_QP2LAMBDA * 3;
  int rc = avcodec_open2(enc.get(), mjpeg, nullptr);
  if (rc < 0) return MediaError("cannot open mjpeg encoder: " + AvError(rc));
  out->pts = 0;
  out->quality = enc->global_quality;
  PacketPtr pkt = MakePacket();
  rc = avcodec_send_frame(enc.get(), out.get());
  if (rc >= 0) rc = avcodec_send_frame(enc.get(), nullptr);
  if (rc >= 0) rc = avcodec_receive_packet(enc.get(), pkt.get());
  if (rc < 0) return MediaError("cannot encode: " + AvError(rc));
  return std::string(reinterpret_cast<const char*>(pkt->data), pkt->size);
}

Status ThumbnailGrabber::WriteJpeg(FileSystem* fs, const std::string& path) {
  if (decoder_ && !done_) {
    avcodec_send_packet(decoder_.get(), nullptr);
    Drain();
  }
  if (!have_best_) return MediaError("no decodable video frame");
  auto jpeg = Encode();
  if (!jpeg.ok()) return jpeg.status();
  auto file = fs->NewWritableFile(path);
  if (!file.ok()) return file.status();
  Status s = (*file)->Append(jpeg->data(), jpeg->size());
  Status c = (*file)->Close();
  return s.ok() ? c : s;
}

}  // namespace ffsb::vod
