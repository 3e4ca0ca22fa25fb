#include "server/cmaf/fmp4_writer.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace ffsb::cmaf {
namespace {
constexpr int kIoBufferSize = 64 * 1024;
}

Fmp4Writer::~Fmp4Writer() {
  if (fmt_) avformat_free_context(fmt_);
  if (io_) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
}

int Fmp4Writer::OnWrite(void* opaque, uint8_t* buf, int size) {
  auto* self = static_cast<Fmp4Writer*>(opaque);
  self->pending_.insert(self->pending_.end(), buf, buf + size);
  return size;
}

Result<std::unique_ptr<Fmp4Writer>> Fmp4Writer::Open(const AVCodecContext* enc, int track_timescale) {
  std::unique_ptr<Fmp4Writer> w(new Fmp4Writer());
  auto fail = [](const char* what, int err) {
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, std::string("fmp4: ") + what + ": " +
                                                                      AvErrorString(err));
  };
  int err = avformat_alloc_output_context2(&w->fmt_, nullptr, "mp4", nullptr);
  if (err < 0 || !w->fmt_) return fail("alloc mp4 muxer", err);
  auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBufferSize));
  w->io_ = avio_alloc_context(buffer, kIoBufferSize, 1, w.get(), nullptr, &Fmp4Writer::OnWrite, nullptr);
  if (!w->io_) {
    av_free(buffer);
    return fail("alloc avio", AVERROR(ENOMEM));
  }
  w->io_->seekable = 0;
  w->fmt_->pb = w->io_;
  w->fmt_->flags |= AVFMT_FLAG_CUSTOM_IO | AVFMT_FLAG_FLUSH_PACKETS;
  w->fmt_->avoid_negative_ts = AVFMT_AVOID_NEG_TS_DISABLED;

  AVStream* st = avformat_new_stream(w->fmt_, nullptr);
  if (!st) return fail("new stream", AVERROR(ENOMEM));
  err = avcodec_parameters_from_context(st->codecpar, enc);
  if (err < 0) return fail("codec parameters", err);
  st->time_base = AVRational{1, track_timescale};
  w->enc_tb_ = enc->time_base;

  AVDictionary* opts = nullptr;
  av_dict_set(&opts, "movflags",
              "+cmaf+frag_custom+empty_moov+default_base_moof+frag_discont+skip_trailer+skip_sidx", 0);
  av_dict_set(&opts, "use_editlist", "0", 0);
  err = avformat_write_header(w->fmt_, &opts);
  av_dict_free(&opts);
  if (err < 0) return fail("write header", err);
  avio_flush(w->io_);
  w->init_ = std::move(w->pending_);
  w->pending_.clear();
  return w;
}

Status Fmp4Writer::Write(AVPacket* pkt) {
  AVStream* st = fmt_->streams[0];
  av_packet_rescale_ts(pkt, enc_tb_, st->time_base);
  pkt->stream_index = 0;
  int err = av_write_frame(fmt_, pkt);
  if (err < 0)
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "fmp4: write: " + AvErrorString(err));
  has_samples_ = true;
  return Status::Ok();
}

Result<std::vector<uint8_t>> Fmp4Writer::CutFragment() {
  if (!has_samples_) return std::vector<uint8_t>{};
  int err = av_write_frame(fmt_, nullptr);  // frag_custom: flush one fragment
  if (err < 0)
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "fmp4: flush: " + AvErrorString(err));
  avio_flush(io_);
  has_samples_ = false;
  std::vector<uint8_t> out = std::move(pending_);
  pending_.clear();
  return out;
}

}  // namespace ffsb::cmaf
