// PartInput: one recorded part file opened with libavformat's FLV demuxer,
// read through the FileSystem seam and cut at the end of its last complete
// tag (flv_file.h ScanFlvFile), so a torn tail left by a crash is never seen
// by the demuxer.
//
// Thread-safety: one thread at a time. Owns its AVFormatContext and I/O.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "server/base/status.h"
#include "server/vod/av_util.h"
#include "server/vod/file_system.h"

namespace ffsb::vod {

class PartInput {
 public:
  // REQUIRES: valid_end <= the file's size.
  static Result<std::unique_ptr<PartInput>> Open(FileSystem* fs, const std::string& path,
                                                 uint64_t valid_end);
  ~PartInput();
  PartInput(const PartInput&) = delete;
  PartInput& operator=(const PartInput&) = delete;

  // Stream indexes, -1 when the part has none of that kind.
  int video_index() const { return video_index_; }
  int audio_index() const { return audio_index_; }
  AVStream* stream(int index) const { return ctx_->streams[index]; }
  // av_read_frame(): 0, AVERROR_EOF at the end, another negative on error.
  int Read(AVPacket* packet) { return av_read_frame(ctx_, packet); }
  // Bytes consumed so far (for progress).
  uint64_t position() const { return pos_; }

 private:
  PartInput() = default;
  static int ReadCallback(void* opaque, uint8_t* buf, int size);
  static int64_t SeekCallback(void* opaque, int64_t offset, int whence);

  std::unique_ptr<ReadableFile> file_;
  uint64_t end_ = 0;
  uint64_t pos_ = 0;
  AVIOContext* io_ = nullptr;
  AVFormatContext* ctx_ = nullptr;
  int video_index_ = -1;
  int audio_index_ = -1;
};

}  // namespace ffsb::vod
