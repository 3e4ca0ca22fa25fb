#include "server/vod/mux_sink.h"

#include <algorithm>

extern "C" {
#include <libavutil/dict.h>
#include <libavutil/mathematics.h>
}

namespace ffsb::vod {
namespace {
constexpr int kIoBufferSize = 256 * 1024;
constexpr AVRational kMicros = {1, 1000000};
}  // namespace

struct MuxSink::OpenFile {
  MuxSink* sink = nullptr;
  std::string path;
  std::unique_ptr<WritableFile> file;
  AVIOContext* io = nullptr;
};

int MuxSink::WriteCallback(void* opaque, uint8_t* buf, int size) {
  auto* f = static_cast<OpenFile*>(opaque);
  Status s = f->file->Append(buf, static_cast<size_t>(size));
  if (!s.ok()) {
    if (f->sink->io_error_.ok()) f->sink->io_error_ = s;
    return AVERROR(EIO);
  }
  return size;
}

int64_t MuxSink::SeekCallback(void* opaque, int64_t offset, int whence) {
  auto* f = static_cast<OpenFile*>(opaque);
  whence &= ~AVSEEK_FORCE;
  if (whence == AVSEEK_SIZE) {
    auto cur = f->file->Seek(0, SEEK_CUR);
    auto end = f->file->Seek(0, SEEK_END);
    if (!cur.ok() || !end.ok() || !f->file->Seek(*cur, SEEK_SET).ok()) return AVERROR(EIO);
    return *end;
  }
  auto pos = f->file->Seek(offset, whence);
  return pos.ok() ? *pos : AVERROR(EIO);
}

int MuxSink::IoOpen(AVFormatContext* s, AVIOContext** pb, const char* url, int flags,
                    AVDictionary** options) {
  if (!(flags & AVIO_FLAG_WRITE)) return avio_open2(pb, url, flags, &s->interrupt_callback, options);
  auto* sink = static_cast<MuxSink*>(s->opaque);
  auto file = sink->fs_->NewWritableFile(url);
  if (!file.ok()) {
    if (sink->io_error_.ok()) sink->io_error_ = file.status();
    return AVERROR(EIO);
  }
  auto f = std::make_unique<OpenFile>();
  f->sink = sink;
  f->path = url;
  f->file = std::move(*file);
  auto* buffer = static_cast<uint8_t*>(av_malloc(kIoBufferSize));
  f->io = avio_alloc_context(buffer, kIoBufferSize, 1, f.get(), nullptr, &WriteCallback,
                             &SeekCallback);
  if (f->io == nullptr) {
    av_free(buffer);
    return AVERROR(ENOMEM);
  }
  *pb = f->io;
  sink->files_.push_back(std::move(f));
  return 0;
}

int MuxSink::IoClose(AVFormatContext* s, AVIOContext* pb) {
  auto* sink = static_cast<MuxSink*>(s->opaque);
  auto it = std::find_if(sink->files_.begin(), sink->files_.end(),
                         [pb](const auto& f) { return f->io == pb; });
  if (it == sink->files_.end()) return avio_close(pb);  // a read opened by avio_open2
  OpenFile* f = it->get();
  avio_flush(f->io);
  int rc = f->io->error;
  Status closed = f->file->Close();
  if (!closed.ok() && sink->io_error_.ok()) sink->io_error_ = closed;
  av_freep(&f->io->buffer);
  avio_context_free(&f->io);
  sink->files_.erase(it);
  return closed.ok() ? rc : AVERROR(EIO);
}

Status MuxSink::Check(int rc, const char* what) {
  if (!io_error_.ok()) {
    return Status(io_error_.code(), "disk write failed: " + io_error_.message());
  }
  if (rc < 0) {
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR,
                  std::string(what) + " " + url_ + ": " + AvError(rc));
  }
  return Status::Ok();
}

Result<std::unique_ptr<MuxSink>> MuxSink::Open(FileSystem* fs, const std::string& format,
                                               const std::string& url,
                                               const std::vector<SinkStream>& streams,
                                               const MuxOptions& options) {
  std::unique_ptr<MuxSink> sink(new MuxSink());
  sink->fs_ = fs;
  sink->url_ = url;
  int rc = avformat_alloc_output_context2(&sink->ctx_, nullptr, format.c_str(), url.c_str());
  if (rc < 0) return sink->Check(rc, "cannot create muxer for");
  sink->ctx_->opaque = sink.get();
  sink->ctx_->io_open = &IoOpen;
  sink->ctx_->io_close2 = &IoClose;
  for (const auto& in : streams) {
    AVStream* st = avformat_new_stream(sink->ctx_, nullptr);
    if (st == nullptr) return sink->Check(AVERROR(ENOMEM), "cannot add stream to");
    rc = avcodec_parameters_copy(st->codecpar, in.params);
    if (rc < 0) return sink->Check(rc, "cannot copy stream parameters to");
    st->codecpar->codec_tag = 0;
    st->time_base = in.time_base;
  }
  sink->last_dts_.assign(streams.size(), INT64_MIN);
  if (!(sink->ctx_->oformat->flags & AVFMT_NOFILE)) {
    rc = IoOpen(sink->ctx_, &sink->ctx_->pb, url.c_str(), AVIO_FLAG_WRITE, nullptr);
    if (rc < 0) return sink->Check(rc, "cannot open");
  }
  AVDictionary* dict = nullptr;
  for (const auto& [key, value] : options) av_dict_set(&dict, key.c_str(), value.c_str(), 0);
  rc = avformat_write_header(sink->ctx_, &dict);
  av_dict_free(&dict);
  Status s = sink->Check(rc, "cannot write header of");
  if (!s.ok()) return s;
  sink->header_written_ = true;
  return sink;
}

Status MuxSink::Write(int index, const AVPacket* packet) {
  int rc = av_packet_ref(scratch_.get(), packet);
  if (rc < 0) return Check(rc, "cannot copy packet for");
  AVStream* st = ctx_->streams[index];
  av_packet_rescale_ts(scratch_.get(), kMicros, st->time_base);
  int64_t& last = last_dts_[index];
  if (last != INT64_MIN && scratch_->dts <= last) scratch_->dts = last + 1;
  scratch_->pts = std::max(scratch_->pts, scratch_->dts);
  last = scratch_->dts;
  scratch_->stream_index = index;
  scratch_->pos = -1;
  rc = av_interleaved_write_frame(ctx_, scratch_.get());
  av_packet_unref(scratch_.get());
  return Check(rc, "cannot write packet to");
}

Status MuxSink::Finish() {
  if (finished_) return Status::Ok();
  finished_ = true;
  int rc = av_write_trailer(ctx_);
  Status s = Check(rc, "cannot finish");
  if (ctx_->pb != nullptr && !(ctx_->oformat->flags & AVFMT_NOFILE)) {
    rc = IoClose(ctx_, ctx_->pb);
    ctx_->pb = nullptr;
    if (s.ok()) s = Check(rc, "cannot close");
  }
  return s;
}

MuxSink::~MuxSink() {
  if (ctx_ == nullptr) return;
  if (header_written_ && !finished_) av_write_trailer(ctx_);  // frees muxer state
  if (ctx_->pb != nullptr && !(ctx_->oformat->flags & AVFMT_NOFILE)) IoClose(ctx_, ctx_->pb);
  ctx_->pb = nullptr;
  avformat_free_context(ctx_);
  // Files a failed muxer left open are closed by their owners below.
  for (auto& f : files_) {
    f->file->Close();
    av_freep(&f->io->buffer);
    avio_context_free(&f->io);
  }
}

}  // namespace ffsb::vod
