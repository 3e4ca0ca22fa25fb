#include "server/vod/part_input.h"

#include <algorithm>

namespace ffsb::vod {
namespace {
constexpr int kIoBufferSize = 256 * 1024;
Status MediaError(const std::string& what) {
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, what);
}
}  // namespace

int PartInput::ReadCallback(void* opaque, uint8_t* buf, int size) {
  auto* self = static_cast<PartInput*>(opaque);
  if (self->pos_ >= self->end_) return AVERROR_EOF;
  size_t want = static_cast<size_t>(std::min<uint64_t>(size, self->end_ - self->pos_));
  auto n = self->file_->ReadAt(self->pos_, buf, want);
  if (!n.ok()) return AVERROR(EIO);
  if (*n == 0) return AVERROR_EOF;
  self->pos_ += *n;
  return static_cast<int>(*n);
}

int64_t PartInput::SeekCallback(void* opaque, int64_t offset, int whence) {
  auto* self = static_cast<PartInput*>(opaque);
  whence &= ~AVSEEK_FORCE;
  int64_t end = static_cast<int64_t>(self->end_);
  if (whence == AVSEEK_SIZE) return end;
  int64_t target = whence == SEEK_SET   ? offset
                   : whence == SEEK_CUR ? static_cast<int64_t>(self->pos_) + offset
                   : whence == SEEK_END ? end + offset
                                        : -1;
  if (target < 0 || target > end) return AVERROR(EINVAL);
  self->pos_ = static_cast<uint64_t>(target);
  return target;
}

Result<std::unique_ptr<PartInput>> PartInput::Open(FileSystem* fs, const std::string& path,
                                                   uint64_t valid_end) {
  auto file = fs->NewReadableFile(path);
  if (!file.ok()) return file.status();
  std::unique_ptr<PartInput> in(new PartInput());
  in->file_ = std::move(*file);
  in->end_ = valid_end;
  auto* buffer = static_cast<uint8_t*>(av_malloc(kIoBufferSize));
  in->io_ = avio_alloc_context(buffer, kIoBufferSize, 0, in.get(), &ReadCallback, nullptr,
                               &SeekCallback);
  if (in->io_ == nullptr) {
    av_free(buffer);
    return MediaError("out of memory");
  }
  in->ctx_ = avformat_alloc_context();
  in->ctx_->pb = in->io_;
  in->ctx_->flags |= AVFMT_FLAG_CUSTOM_IO;
  const AVInputFormat* flv = av_find_input_format("flv");
  int rc = avformat_open_input(&in->ctx_, path.c_str(), flv, nullptr);
  if (rc < 0) {  // avformat_open_input freed ctx_ on failure
    in->ctx_ = nullptr;
    return MediaError("cannot open " + path + ": " + AvError(rc));
  }
  rc = avformat_find_stream_info(in->ctx_, nullptr);
  if (rc < 0) return MediaError("cannot read streams of " + path + ": " + AvError(rc));
  for (unsigned i = 0; i < in->ctx_->nb_streams; ++i) {
    // Streams announced by onMetaData but never sent have no usable parameters.
    const AVCodecParameters* par = in->ctx_->streams[i]->codecpar;
    if (par->codec_id == AV_CODEC_ID_NONE) continue;
    if (par->codec_type == AVMEDIA_TYPE_VIDEO && par->width > 0 && in->video_index_ < 0) {
      in->video_index_ = static_cast<int>(i);
    }
    if (par->codec_type == AVMEDIA_TYPE_AUDIO && par->sample_rate > 0 && in->audio_index_ < 0) {
      in->audio_index_ = static_cast<int>(i);
    }
  }
  if (in->video_index_ < 0 && in->audio_index_ < 0) return MediaError("no media in " + path);
  // Read again from the first tag: find_stream_info consumed packets that the
  // demuxer buffers internally, so no rewind is needed.
  return in;
}

PartInput::~PartInput() {
  if (ctx_ != nullptr) avformat_close_input(&ctx_);
  if (io_ != nullptr) {
    av_freep(&io_->buffer);
    avio_context_free(&io_);
  }
}

}  // namespace ffsb::vod
