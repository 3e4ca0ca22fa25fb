#include "server/vod/media_writer.h"

#include <cstring>

namespace ffsb::vod {

bool SameCodecParameters(const AVCodecParameters* a, const AVCodecParameters* b) {
  return a->codec_id == b->codec_id && a->width == b->width && a->height == b->height &&
         a->sample_rate == b->sample_rate && a->extradata_size == b->extradata_size &&
         (a->extradata_size == 0 ||
          std::memcmp(a->extradata, b->extradata, static_cast<size_t>(a->extradata_size)) == 0);
}

Result<std::unique_ptr<MediaWriter>> MediaWriter::Open(FileSystem* fs, const std::string& dir,
                                                       const ArchiveProfile& profile,
                                                       const PartInput& first) {
  std::unique_ptr<MediaWriter> w(new MediaWriter());
  w->fs_ = fs;
  w->dir_ = dir;
  w->profile_ = profile;
  const int src_index[2] = {first.video_index(), first.audio_index()};
  std::vector<SinkStream> streams;
  if (profile.reencode()) {
    auto t = Transcoder::Create(profile, first);
    if (!t.ok()) return t.status();
    w->transcoder_ = std::move(*t);
  }
  for (int kind = 0; kind < 2; ++kind) {
    if (src_index[kind] < 0) continue;
    AVStream* st = first.stream(src_index[kind]);
    SinkStream out{st->codecpar, st->time_base};
    if (w->transcoder_) {
      out = SinkStream{w->transcoder_->output_params(kind), w->transcoder_->output_time_base(kind)};
    } else {
      w->copy_params_[kind] = avcodec_parameters_alloc();
      avcodec_parameters_copy(w->copy_params_[kind], st->codecpar);
    }
    w->out_index_[kind] = static_cast<int>(streams.size());
    streams.push_back(out);
  }
  if (src_index[0] >= 0) {
    const AVCodecParameters* v = streams[w->out_index_[0]].params;
    w->width_ = v->width;
    w->height_ = v->height;
    auto grabber = ThumbnailGrabber::Create(first.stream(src_index[0])->codecpar,
                                            profile.thumbnail_width, profile.thumbnail_height);
    if (grabber.ok()) w->thumbnail_ = std::move(*grabber);
  }
  const std::string seg = std::to_string(profile.segment_seconds);
  struct Plan { bool on; const char* format; std::string subdir; std::string url; MuxOptions options; };
  std::vector<Plan> plans = {
      {profile.mp4, "mp4", "", JoinPath(dir, "video.mp4"), {{"movflags", "+faststart"}}},
      {profile.hls, "hls", "hls", JoinPath(dir, "hls/media.m3u8"),
       {{"hls_segment_type", "fmp4"}, {"hls_time", seg}, {"hls_playlist_type", "vod"},
        {"hls_list_size", "0"}, {"master_pl_name", "master.m3u8"},
        {"hls_fmp4_init_filename", "init.mp4"},
        {"hls_segment_filename", JoinPath(dir, "hls/seg_%05d.m4s")},
        {"hls_flags", "independent_segments"}}},
      {profile.dash, "dash", "dash", JoinPath(dir, "dash/manifest.mpd"),
       {{"seg_duration", seg}, {"use_template", "1"}, {"use_timeline", "1"},
        {"adaptation_sets", w->out_index_[1] >= 0 && w->out_index_[0] >= 0
                                ? "id=0,streams=v id=1,streams=a" : "id=0,streams=0"}}},
  };
  for (auto& plan : plans) {
    if (!plan.on) continue;
    if (!plan.subdir.empty()) {
      Status s = fs->CreateDirs(JoinPath(dir, plan.subdir));
      if (!s.ok()) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "disk write failed: " + s.message());
    }
    auto sink = MuxSink::Open(fs, plan.format, plan.url, streams, plan.options);
    if (!sink.ok()) return sink.status();
    w->sinks_.push_back(std::move(*sink));
  }
  return w;
}

MediaWriter::~MediaWriter() {
  for (auto*& p : copy_params_) avcodec_parameters_free(&p);
}

Status MediaWriter::BeginPart(const PartInput& in) {
  timeline_.BeginPart();
  if (transcoder_) return transcoder_->BeginPart(in);
  const int src_index[2] = {in.video_index(), in.audio_index()};
  for (int kind = 0; kind < 2; ++kind) {
    if (src_index[kind] < 0 || copy_params_[kind] == nullptr) continue;
    if (!SameCodecParameters(copy_params_[kind], in.stream(src_index[kind])->codecpar)) {
      return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR,
                    "parts differ in codec parameters; cannot stream-copy part");
    }
  }
  return Status::Ok();
}

Status MediaWriter::Write(int kind, AVPacket* packet) {
  if (out_index_[kind] < 0) return Status::Ok();  // a kind the output lacks
  Timeline::Stamp stamp = timeline_.Map(kind, packet->dts, packet->pts, packet->duration);
  packet->dts = stamp.dts_us;
  packet->pts = stamp.pts_us;
  if (kind == 0 && thumbnail_) thumbnail_->Feed(packet);
  if (!transcoder_) return WriteOut(kind, packet);
  return transcoder_->Push(kind, packet, [this](int k, AVPacket* p) { return WriteOut(k, p); });
}

Status MediaWriter::WriteOut(int kind, AVPacket* packet) {
  for (auto& sink : sinks_) {
    Status s = sink->Write(out_index_[kind], packet);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

Status MediaWriter::EndPart() {
  timeline_.EndPart();
  if (!transcoder_) return Status::Ok();
  return transcoder_->EndPart([this](int k, AVPacket* p) { return WriteOut(k, p); });
}

Status MediaWriter::Finish() {
  if (transcoder_) {
    Status s = transcoder_->Finish([this](int k, AVPacket* p) { return WriteOut(k, p); });
    if (!s.ok()) return s;
  }
  for (auto& sink : sinks_) {
    Status s = sink->Finish();
    if (!s.ok()) return s;
  }
  if (thumbnail_) {
    Status s = thumbnail_->WriteJpeg(fs_, JoinPath(dir_, "thumbnail.jpg"));
    if (!s.ok() && s.code() == ErrorCode::INTERNAL_SERVER_ERROR) {
      return Status(s.code(), "disk write failed: " + s.message());
    }
    has_thumbnail_ = s.ok();  // without one the video is still fine
  }
  return Status::Ok();
}

}  // namespace ffsb::vod
