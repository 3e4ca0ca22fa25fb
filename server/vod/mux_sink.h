// MuxSink: one output muxer (mp4, hls or dash) whose files are written
// through the FileSystem seam. libavformat opens every file it writes (the
// MP4, init and media segments, playlists, the MPD) via AVFormatContext::
// io_open, which we route to FileSystem::NewWritableFile, so a disk fault in
// the seam fails the archive with a clear Status. Reads (the MP4 faststart
// pass re-reads the file) use libavformat's own file I/O.
//
// Thread-safety: one thread. Owns its AVFormatContext and open files.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "server/base/status.h"
#include "server/vod/av_util.h"
#include "server/vod/file_system.h"

namespace ffsb::vod {

struct SinkStream {
  const AVCodecParameters* params;  // copied into the output stream
  AVRational time_base;             // a hint; the muxer may choose another
};

using MuxOptions = std::vector<std::pair<std::string, std::string>>;

class MuxSink {
 public:
  // `format` is an AVOutputFormat name; `options` are muxer options.
  // Writes the header.
  static Result<std::unique_ptr<MuxSink>> Open(FileSystem* fs, const std::string& format,
                                               const std::string& url,
                                               const std::vector<SinkStream>& streams,
                                               const MuxOptions& options);
  ~MuxSink();
  MuxSink(const MuxSink&) = delete;
  MuxSink& operator=(const MuxSink&) = delete;

  // Writes a copy of `packet` (timestamps in microseconds) to output stream
  // `index`; the caller keeps its packet.
  Status Write(int index, const AVPacket* packet);
  // Writes the trailer and closes the files.
  Status Finish();

 private:
  struct OpenFile;
  MuxSink() = default;
  static int IoOpen(AVFormatContext* s, AVIOContext** pb, const char* url, int flags,
                    AVDictionary** options);
  static int IoClose(AVFormatContext* s, AVIOContext* pb);
  static int WriteCallback(void* opaque, uint8_t* buf, int size);
  static int64_t SeekCallback(void* opaque, int64_t offset, int whence);
  Status Check(int rc, const char* what);

  FileSystem* fs_ = nullptr;
  std::string url_;
  AVFormatContext* ctx_ = nullptr;
  std::vector<std::unique_ptr<OpenFile>> files_;
  std::vector<int64_t> last_dts_;
  Status io_error_;
  bool header_written_ = false;
  bool finished_ = false;
  PacketPtr scratch_ = MakePacket();
};

}  // namespace ffsb::vod
