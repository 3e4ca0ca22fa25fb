// See upload_source.h.
#include "server/vod/upload_source.h"

#include <filesystem>

#include "server/vod/av_util.h"
#include "server/vod/file_system.h"
#include "server/vod/recording_manifest.h"

namespace ffsb::vod {

namespace {

Status Fail(const std::string& reason) { return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, reason); }

struct InputCloser {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct OutputCloser {
  void operator()(AVFormatContext* c) const {
    if (c->pb) avio_closep(&c->pb);
    avformat_free_context(c);
  }
};

}  // namespace

Status MakeRecordingFromUpload(const std::string& upload_path, const std::string& recording_dir) {
  std::error_code ec;
  std::filesystem::remove_all(recording_dir, ec);
  std::filesystem::create_directories(recording_dir, ec);
  if (ec) return Fail("disk write failed: " + ec.message());

  AVFormatContext* raw_in = nullptr;
  int err = avformat_open_input(&raw_in, upload_path.c_str(), nullptr, nullptr);
  if (err < 0) return Fail("unreadable upload: " + AvError(err));
  std::unique_ptr<AVFormatContext, InputCloser> in(raw_in);
  if ((err = avformat_find_stream_info(in.get(), nullptr)) < 0) return Fail("unreadable upload: " + AvError(err));

  const std::string part = recording_dir + "/" + PartFileName(1);
  AVFormatContext* raw_out = nullptr;
  if ((err = avformat_alloc_output_context2(&raw_out, nullptr, "flv", part.c_str())) < 0)
    return Fail("disk write failed: " + AvError(err));
  std::unique_ptr<AVFormatContext, OutputCloser> out(raw_out);

  std::vector<int> map(in->nb_streams, -1);
  for (unsigned i = 0; i < in->nb_streams; ++i) {
    const AVCodecParameters* par = in->streams[i]->codecpar;
    bool video = par->codec_type == AVMEDIA_TYPE_VIDEO && par->codec_id == AV_CODEC_ID_H264;
    bool audio = par->codec_type == AVMEDIA_TYPE_AUDIO && par->codec_id == AV_CODEC_ID_AAC;
    if (in->streams[i]->disposition & AV_DISPOSITION_ATTACHED_PIC) continue;
    if (!video && !audio) {
      if (par->codec_type == AVMEDIA_TYPE_VIDEO || par->codec_type == AVMEDIA_TYPE_AUDIO)
        return Fail(std::string("unsupported codec: ") + avcodec_get_name(par->codec_id) + " (H.264 and AAC only)");
      continue;
    }
    AVStream* s = avformat_new_stream(out.get(), nullptr);
    if (!s || avcodec_parameters_copy(s->codecpar, par) < 0) return Fail("disk write failed: stream setup");
    s->codecpar->codec_tag = 0;
    map[i] = s->index;
  }
  if (out->nb_streams == 0) return Fail("unsupported codec: the upload has no H.264 video nor AAC audio");
  if ((err = avio_open(&out->pb, part.c_str(), AVIO_FLAG_WRITE)) < 0) return Fail("disk write failed: " + AvError(err));
  if ((err = avformat_write_header(out.get(), nullptr)) < 0) return Fail("disk write failed: " + AvError(err));

  PacketPtr pkt = MakePacket();
  int64_t packets = 0;
  while ((err = av_read_frame(in.get(), pkt.get())) >= 0) {
    int idx = pkt->stream_index;
    if (idx < 0 || idx >= static_cast<int>(map.size()) || map[idx] < 0) {
      av_packet_unref(pkt.get());
      continue;
    }
    av_packet_rescale_ts(pkt.get(), in->streams[idx]->time_base, out->streams[map[idx]]->time_base);
    pkt->stream_index = map[idx];
    pkt->pos = -1;
    if ((err = av_interleaved_write_frame(out.get(), pkt.get())) < 0)
      return Fail("disk write failed: " + AvError(err));
    ++packets;
  }
  if (err != AVERROR_EOF) return Fail("unreadable upload: " + AvError(err));
  if ((err = av_write_trailer(out.get())) < 0) return Fail("disk write failed: " + AvError(err));
  if (packets == 0) return Fail("unreadable upload: no media packets");

  RecordingManifest manifest;
  manifest.finished = true;
  RecordingPart p;
  p.file = PartFileName(1);
  p.closed = true;
  p.bytes = static_cast<int64_t>(std::filesystem::file_size(part, ec));
  manifest.parts.push_back(p);
  return SaveManifest(DefaultFileSystem(), recording_dir, manifest);
}

}  // namespace ffsb::vod
