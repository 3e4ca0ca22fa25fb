// FLV file framing (Adobe FLV spec v10.1, annex E) as the recorder writes it
// and the archiver reads it back: a 9-byte header, PreviousTagSize0, then
// tags of [type:1][size:3][timestamp:3][ts_ext:1][stream_id:3][body][prev_size:4].
// See docs/vod.md "Recording layout".
//
// A part file may end in a torn tag (the process was killed mid-write); the
// readers here stop at the last COMPLETE tag whose trailing PreviousTagSize
// matches, and report where the valid data ends.
//
// Thread-safety: pure functions and value types.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "server/base/status.h"
#include "server/vod/file_system.h"

namespace ffsb::vod {

inline constexpr uint8_t kFlvTagAudio = 8;
inline constexpr uint8_t kFlvTagVideo = 9;
inline constexpr uint8_t kFlvTagScript = 18;
inline constexpr size_t kFlvHeaderSize = 9;
inline constexpr size_t kFlvTagHeaderSize = 11;
inline constexpr size_t kFlvMaxBodySize = 0xFFFFFF;

// The 9-byte header plus PreviousTagSize0 (13 bytes).
std::string FlvFileHeader(bool has_audio, bool has_video);
// Appends one complete tag (header, body, PreviousTagSize) to `out`.
// REQUIRES: size <= kFlvMaxBodySize.
void AppendFlvTag(std::string* out, uint8_t type, uint32_t timestamp_ms, const uint8_t* body,
                  size_t size);

// Tag body classification (video: FrameType/CodecID then AVCPacketType;
// audio: SoundFormat byte then AACPacketType).
bool IsVideoKeyframe(const uint8_t* body, size_t size);
bool IsAvcSequenceHeader(const uint8_t* body, size_t size);
bool IsAacSequenceHeader(const uint8_t* body, size_t size);

struct FlvTag {
  uint8_t type = 0;
  uint32_t timestamp_ms = 0;
  const uint8_t* body = nullptr;  // points into the reader's buffer
  size_t size = 0;
};

// Iterates the complete tags of an in-memory FLV file.
class FlvTagReader {
 public:
  FlvTagReader(const uint8_t* data, size_t size);
  bool header_ok() const { return header_ok_; }
  // False at the end or at the first torn/corrupt tag.
  bool Next(FlvTag* tag);
  // Offset just past the last complete tag returned so far.
  size_t valid_end() const { return pos_; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
  bool header_ok_ = false;
};

// What a scan of a part file found.
struct FlvScan {
  bool header_ok = false;
  uint64_t file_size = 0;
  uint64_t valid_end = 0;  // bytes up to the end of the last complete tag
  int64_t audio_tags = 0;
  int64_t video_tags = 0;
  uint32_t first_ms = 0;   // timestamps of the media tags, as written
  uint32_t last_ms = 0;
  bool torn_tail() const { return valid_end < file_size; }
  int64_t media_tags() const { return audio_tags + video_tags; }
};

// Walks the tag headers of a file (bodies are skipped, not read).
Result<FlvScan> ScanFlvFile(FileSystem* fs, const std::string& path);

}  // namespace ffsb::vod
