// Publish source that replays a media file (anything libavformat opens with
// H.264 video and optionally AAC audio: MP4, FLV, MPEG-TS, MKV) in real time,
// looping forever. Packets are copied, not re-encoded; each video access unit
// gets the SEI time stamp of the moment it is sent (no barcode: that would
// need re-encoding). Annex B input (MPEG-TS) is converted to AVCC and ADTS
// AAC to raw frames, as FLV requires.
//
// Thread-safety: one thread (see MediaSource).
#pragma once

#include <atomic>
#include <string>

#include "emulator/media/media_source.h"
#include "server/base/clock.h"

struct AVFormatContext;
struct AVPacket;

namespace ffsb::emu {

class FileSource final : public MediaSource {
 public:
  static Result<MediaSourcePtr> Create(const std::string& path, const Clock* clock, const std::atomic<bool>* stop);
  ~FileSource() override;

  const StreamInfo& Info() const override { return info_; }
  Result<MediaPacket> Next() override;
  void Resync() override;

 private:
  FileSource(const Clock* clock, const std::atomic<bool>* stop) : clock_(clock), stop_(stop) {}
  Status Open(const std::string& path);
  Result<bool> ReadOne(MediaPacket* out);  // false: skip this packet

  const Clock* clock_;
  const std::atomic<bool>* stop_;
  StreamInfo info_;
  AVFormatContext* fmt_ = nullptr;
  AVPacket* pkt_ = nullptr;
  int video_index_ = -1;
  int audio_index_ = -1;
  bool annexb_ = false;
  bool adts_ = false;
  int length_size_ = 4;
  Micros t0_ = 0;            // monotonic time of timestamp 0
  int64_t first_dts_ms_ = INT64_MIN;
  int64_t loop_offset_ms_ = 0;
  int64_t last_dts_ms_ = 0;  // of this loop, before the offset
  int64_t last_out_ms_ = 0;
  bool need_key_ = false;
};

}  // namespace ffsb::emu
