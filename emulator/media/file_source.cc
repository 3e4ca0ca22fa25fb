#include "emulator/media/file_source.h"

extern "C" {
#include <libavformat/avformat.h>
}

#include "emulator/common/pacing.h"
#include "emulator/media/av_error.h"
#include "emulator/media/avc_format.h"
#include "emulator/media/timestamp_sei.h"

namespace ffsb::emu {
namespace {
// ADTS header (ISO/IEC 13818-7 §6.2) -> AudioSpecificConfig (14496-3 §1.6.2.1).
std::vector<uint8_t> AscFromAdts(const uint8_t* h) {
  int object_type = ((h[2] >> 6) & 3) + 1;
  int sr_index = (h[2] >> 2) & 0xf;
  int channels = ((h[2] & 1) << 2) | (h[3] >> 6);
  return {static_cast<uint8_t>((object_type << 3) | (sr_index >> 1)),
          static_cast<uint8_t>(((sr_index & 1) << 7) | (channels << 3))};
}
}  // namespace

FileSource::~FileSource() {
  av_packet_free(&pkt_);
  avformat_close_input(&fmt_);
}

Result<MediaSourcePtr> FileSource::Create(const std::string& path, const Clock* clock, const std::atomic<bool>* stop) {
  std::unique_ptr<FileSource> s(new FileSource(clock, stop));
  if (Status st = s->Open(path); !st.ok()) return st;
  return MediaSourcePtr(std::move(s));
}

Status FileSource::Open(const std::string& path) {
  int rc = avformat_open_input(&fmt_, path.c_str(), nullptr, nullptr);
  if (rc < 0) return AvStatus(rc, "open " + path);
  if ((rc = avformat_find_stream_info(fmt_, nullptr)) < 0) return AvStatus(rc, "probe " + path);
  video_index_ = av_find_best_stream(fmt_, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  if (video_index_ < 0 || fmt_->streams[video_index_]->codecpar->codec_id != AV_CODEC_ID_H264)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, path + ": no H.264 video stream");
  audio_index_ = av_find_best_stream(fmt_, AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
  if (audio_index_ >= 0 && fmt_->streams[audio_index_]->codecpar->codec_id != AV_CODEC_ID_AAC) audio_index_ = -1;

  AVCodecParameters* vp = fmt_->streams[video_index_]->codecpar;
  std::span<const uint8_t> extra(vp->extradata, static_cast<size_t>(vp->extradata_size));
  if (IsAvcDecoderConfig(extra)) {
    info_.avc_config.assign(extra.begin(), extra.end());
    length_size_ = AvccLengthSize(extra);
    info_.avc_config[4] = 0xff;  // we re-emit NALs with 4-byte lengths
  } else {
    annexb_ = true;
    auto cfg = BuildAvcDecoderConfig(extra);
    if (!cfg.ok()) return cfg.status();
    info_.avc_config = std::move(*cfg);
  }
  info_.width = vp->width;
  info_.height = vp->height;
  AVRational fr = fmt_->streams[video_index_]->avg_frame_rate;
  info_.fps = fr.den ? av_q2d(fr) : 30;
  info_.video_bitrate = vp->bit_rate;
  if (audio_index_ >= 0) {
    AVCodecParameters* ap = fmt_->streams[audio_index_]->codecpar;
    info_.has_audio = true;
    info_.sample_rate = ap->sample_rate;
    info_.channels = ap->ch_layout.nb_channels;
    info_.audio_bitrate = ap->bit_rate;
    if (ap->extradata_size >= 2) info_.aac_config.assign(ap->extradata, ap->extradata + ap->extradata_size);
    else adts_ = true;  // taken from the first ADTS header
  }
  pkt_ = av_packet_alloc();
  t0_ = clock_->Monotonic();
  return Status::Ok();
}

Result<bool> FileSource::ReadOne(MediaPacket* out) {
  int rc = av_read_frame(fmt_, pkt_);
  if (rc == AVERROR_EOF) {
    // Loop: the next pass starts one frame after the last packet of this one.
    loop_offset_ms_ += last_dts_ms_ - first_dts_ms_ + static_cast<int64_t>(1000 / std::max(1.0, info_.fps));
    first_dts_ms_ = INT64_MIN;
    if ((rc = avformat_seek_file(fmt_, -1, INT64_MIN, 0, 0, 0)) < 0) return AvStatus(rc, "rewind");
    return false;
  }
  if (rc < 0) return AvStatus(rc, "read");
  struct Unref { AVPacket* p; ~Unref() { av_packet_unref(p); } } unref{pkt_};
  bool video = pkt_->stream_index == video_index_;
  if (!video && pkt_->stream_index != audio_index_) return false;
  AVRational tb = fmt_->streams[pkt_->stream_index]->time_base;
  int64_t dts = pkt_->dts != AV_NOPTS_VALUE ? pkt_->dts : pkt_->pts;
  if (dts == AV_NOPTS_VALUE) return false;
  int64_t dts_ms = av_rescale_q(dts, tb, {1, 1000});
  if (first_dts_ms_ == INT64_MIN) first_dts_ms_ = dts_ms;
  last_dts_ms_ = std::max(last_dts_ms_, dts_ms);
  out->dts_ms = dts_ms - first_dts_ms_ + loop_offset_ms_;
  out->keyframe = (pkt_->flags & AV_PKT_FLAG_KEY) != 0;
  std::span<const uint8_t> data(pkt_->data, static_cast<size_t>(pkt_->size));
  if (video) {
    out->kind = MediaKind::kVideo;
    if (pkt_->pts != AV_NOPTS_VALUE) out->cts_ms = static_cast<int32_t>(av_rescale_q(pkt_->pts - dts, tb, {1, 1000}));
    if (annexb_) {
      out->payload = AnnexBToAvcc(data, true);
    } else {
      out->payload.clear();
      ForEachAvccNal(data, length_size_, [&](std::span<const uint8_t> nal) { AppendAvccNal(&out->payload, nal); });
    }
  } else {
    out->kind = MediaKind::kAudio;
    if (adts_ && data.size() > 7 && data[0] == 0xff && (data[1] & 0xf0) == 0xf0) {
      if (info_.aac_config.empty()) info_.aac_config = AscFromAdts(data.data());
      data = data.subspan((data[1] & 1) ? 7 : 9);
    }
    out->payload.assign(data.begin(), data.end());
  }
  return true;
}

Result<MediaPacket> FileSource::Next() {
  for (;;) {
    MediaPacket p;
    auto got = ReadOne(&p);
    if (!got.ok()) return got.status();
    if (!*got) continue;
    if (need_key_) {
      if (p.kind != MediaKind::kVideo || !p.keyframe) continue;
      need_key_ = false;
    }
    if (!SleepUntil(*clock_, t0_ + p.dts_ms * 1000, stop_)) return Status(ErrorCode::SERVICE_UNAVAILABLE, "stopped");
    if (p.kind == MediaKind::kVideo) p.payload = InsertTimestampSei(p.payload, clock_->Now());
    last_out_ms_ = p.dts_ms;
    return p;
  }
}

void FileSource::Resync() {
  // Shift the timeline so playback resumes now, with timestamps that jumped
  // forward by the length of the pause.
  Micros late = clock_->Monotonic() - (t0_ + last_out_ms_ * 1000);
  if (late > 0) loop_offset_ms_ += late / 1000;
  need_key_ = true;
}

}  // namespace ffsb::emu
