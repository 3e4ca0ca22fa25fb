#include "emulator/play/segment_decoder.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <cstring>
#include <memory>

#include "emulator/media/av_error.h"
#include "emulator/media/avc_format.h"
#include "emulator/media/barcode.h"
#include "emulator/media/timestamp_sei.h"

namespace ffsb::emu {
namespace {
struct MemReader {
  const std::string* data;
  size_t pos = 0;
};
int ReadPacket(void* opaque, uint8_t* buf, int size) {
  auto* m = static_cast<MemReader*>(opaque);
  size_t n = std::min(static_cast<size_t>(size), m->data->size() - m->pos);
  if (n == 0) return AVERROR_EOF;
  std::memcpy(buf, m->data->data() + m->pos, n);
  m->pos += n;
  return static_cast<int>(n);
}
int64_t Seek(void* opaque, int64_t offset, int whence) {
  auto* m = static_cast<MemReader*>(opaque);
  if (whence == AVSEEK_SIZE) return static_cast<int64_t>(m->data->size());
  int64_t base = whence == SEEK_CUR ? static_cast<int64_t>(m->pos) : whence == SEEK_END ? static_cast<int64_t>(m->data->size()) : 0;
  int64_t p = base + offset;
  if (p < 0 || p > static_cast<int64_t>(m->data->size())) return -1;
  m->pos = static_cast<size_t>(p);
  return p;
}

struct Resources {
  AVFormatContext* fmt = nullptr;
  AVIOContext* io = nullptr;
  AVCodecContext* dec = nullptr;
  AVPacket* pkt = av_packet_alloc();
  AVFrame* frame = av_frame_alloc();
  ~Resources() {
    avcodec_free_context(&dec);
    avformat_close_input(&fmt);
    if (io) av_freep(&io->buffer);
    avio_context_free(&io);
    av_packet_free(&pkt);
    av_frame_free(&frame);
  }
};

void ReadFrames(Resources& r, SegmentContents* out, AVRational tb) {
  while (avcodec_receive_frame(r.dec, r.frame) == 0) {
    int64_t pts = r.frame->best_effort_timestamp;
    PlaneView y{r.frame->data[0], r.frame->linesize[0], r.frame->width, r.frame->height};
    auto stamp = ReadBarcode(y);
    for (auto& f : out->video)
      if (f.pts_us == av_rescale_q(pts, tb, {1, 1'000'000}) && !f.stamp) {
        f.stamp = stamp;
        f.from_barcode = stamp.has_value();
        break;
      }
    av_frame_unref(r.frame);
  }
}
}  // namespace

Result<SegmentContents> DecodeSegment(const std::string& bytes, bool force_barcode) {
  Resources r;
  MemReader mem{&bytes};
  constexpr int kBuf = 64 * 1024;
  auto* iobuf = static_cast<uint8_t*>(av_malloc(kBuf));
  r.io = avio_alloc_context(iobuf, kBuf, 0, &mem, ReadPacket, nullptr, Seek);
  r.fmt = avformat_alloc_context();
  r.fmt->pb = r.io;
  int rc = avformat_open_input(&r.fmt, nullptr, nullptr, nullptr);
  if (rc < 0) return AvStatus(rc, "open segment");
  if ((rc = avformat_find_stream_info(r.fmt, nullptr)) < 0) return AvStatus(rc, "probe segment");
  int vi = av_find_best_stream(r.fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  SegmentContents out;
  if (vi < 0) return out;
  AVStream* vs = r.fmt->streams[vi];
  std::span<const uint8_t> extra(vs->codecpar->extradata, static_cast<size_t>(vs->codecpar->extradata_size));
  bool avcc = IsAvcDecoderConfig(extra);
  int length_size = AvccLengthSize(extra);

  std::vector<AVPacket*> video;
  int64_t first = INT64_MAX, last = INT64_MIN, frame_dur = 0;
  while ((rc = av_read_frame(r.fmt, r.pkt)) >= 0) {
    if (r.pkt->stream_index == vi) {
      SegmentFrame f;
      int64_t pts = r.pkt->pts != AV_NOPTS_VALUE ? r.pkt->pts : r.pkt->dts;
      f.pts_us = av_rescale_q(pts, vs->time_base, {1, 1'000'000});
      first = std::min(first, f.pts_us);
      last = std::max(last, f.pts_us);
      frame_dur = av_rescale_q(r.pkt->duration, vs->time_base, {1, 1'000'000});
      std::span<const uint8_t> d(r.pkt->data, static_cast<size_t>(r.pkt->size));
      if (!force_barcode) f.stamp = avcc ? FindTimestampInAvcc(d, length_size) : FindTimestampInAnnexB(d);
      out.video.push_back(f);
      video.push_back(av_packet_clone(r.pkt));
    } else if (r.fmt->streams[r.pkt->stream_index]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO) {
      ++out.audio_frames;
    }
    av_packet_unref(r.pkt);
  }
  if (!out.video.empty()) out.duration_s = static_cast<double>(last - first + std::max<int64_t>(frame_dur, 0)) / 1e6;
  bool need_decode = std::any_of(out.video.begin(), out.video.end(), [](const SegmentFrame& f) { return !f.stamp; });
  if (need_decode) {
    const AVCodec* codec = avcodec_find_decoder(vs->codecpar->codec_id);
    if (codec) {
      r.dec = avcodec_alloc_context3(codec);
      avcodec_parameters_to_context(r.dec, vs->codecpar);
      r.dec->thread_count = 1;
      if (avcodec_open2(r.dec, codec, nullptr) >= 0) {
        for (AVPacket* p : video) {
          if (avcodec_send_packet(r.dec, p) >= 0) ReadFrames(r, &out, vs->time_base);
        }
        avcodec_send_packet(r.dec, nullptr);
        ReadFrames(r, &out, vs->time_base);
      }
    }
  }
  for (AVPacket* p : video) av_packet_free(&p);
  return out;
}

}  // namespace ffsb::emu
