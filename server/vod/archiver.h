// Archiver: turns a recording directory (recorder.h) into the VOD files of a
// LIVE_RECORDED video post (contract §6): out_dir/video.mp4 (faststart),
// out_dir/hls/master.m3u8 (+ media.m3u8, init.mp4, fMP4 segments; VOD
// playlist with EXT-X-ENDLIST), out_dir/dash/manifest.mpd (static, fMP4
// segments) and out_dir/thumbnail.jpg. See docs/vod.md "Archive pipeline".
//
// The parts are joined into one timeline without the gaps between them
// (timeline.h). The default VIDEO profile remuxes without re-encoding; a
// profile with sizes/bitrates re-encodes (transcoder.h).
//
// Crash safety and idempotence: everything is written under
// "<out_dir>.partial", which is removed first; only a complete result is
// renamed to out_dir (replacing an older one), so a crash leaves no half
// output and a restarted job simply runs Archive() again.
//
// Errors (ErrorCode MEDIA_SERVICE_INTERNAL_SERVER_ERROR unless noted), the
// message starts with a stable reason:
//   "no parts: ..."            the directory has no part files (or cannot be read)
//   "no playable media: ..."   every part is empty, torn before its first tag, or corrupt
//   "disk write failed: ..."   (INTERNAL_SERVER_ERROR) the output could not be written
//   "cancelled"                the cancel flag was raised
//   "invalid profile: ..."     (INVALID_REQUEST_PARAMETER) the profile JSON is unusable
//
// Thread-safety: Archive() is reentrant; concurrent calls must use different
// out_dirs. The progress callback runs on the calling thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "server/base/status.h"
#include "server/vod/file_system.h"

namespace ffsb::vod {

struct ArchiveFile {
  std::string format;        // "MP4", "CMAF_HLS", "CMAF_MPEG_DASH", "THUMBNAIL" (MediaFile.type)
  std::string path;          // the entry file: video.mp4, hls/master.m3u8, dash/manifest.mpd, thumbnail.jpg
  std::string relative_path; // the same, relative to out_dir
  std::string content_type;  // video/mp4, application/vnd.apple.mpegurl, application/dash+xml, image/jpeg
  int64_t size = 0;          // bytes; for HLS/DASH all files of that format
};

struct ArchiveOutputs {
  std::vector<ArchiveFile> files;
  double duration_seconds = 0;  // the joined timeline: the sum of the LIVE parts
  int width = 0;                // of the archived video (0 for audio-only)
  int height = 0;
  int parts_used = 0;
  int parts_skipped = 0;        // empty or unreadable parts
  bool reencoded = false;

  const ArchiveFile* Find(const std::string& format) const;
};

struct ArchiveRequest {
  std::string recording_dir;
  std::string out_dir;
  std::string video_profile_json;      // empty = the default VIDEO profile (remux)
  std::string thumbnail_profile_json;  // empty = the default THUMBNAIL profile (640x360)
};

// Fraction done in [0, 1], called every few hundred packets.
using ArchiveProgress = std::function<void(double fraction)>;

// `cancel` may be null. `fs` null = DefaultFileSystem().
Result<ArchiveOutputs> Archive(const ArchiveRequest& request, const ArchiveProgress& progress,
                               const std::atomic<bool>* cancel, FileSystem* fs = nullptr);

// The brief's shape: one VIDEO profile JSON, default thumbnail.
inline Result<ArchiveOutputs> Archive(const std::string& recording_dir, const std::string& out_dir,
                                      const std::string& profile_json,
                                      const ArchiveProgress& progress,
                                      const std::atomic<bool>* cancel) {
  return Archive(ArchiveRequest{recording_dir, out_dir, profile_json, ""}, progress, cancel);
}

}  // namespace ffsb::vod
