// Recorder: writes one room's live broadcast to disk as it happens, as a
// series of append-only FLV part files plus a manifest (docs/vod.md).
//
// Contract §5: the recording covers only the time the room is LIVE. The lead
// calls StartPart() when the room goes (or comes back) LIVE, StopPart() when
// the ingest stops and Finish() when the broadcast ends; the media thread
// pushes every FLV tag body of the ingest through OnFlvTag(), and OnEnd()
// when the publisher goes away (same as StopPart()). Tags outside a part are
// dropped. A part starts at the first video keyframe (or the first audio tag
// of an audio-only ingest), written after the AVC/AAC sequence headers, with
// timestamps rebased so every part file starts at 0 ms. A sequence header
// that differs from the current one (the publisher changed codec settings)
// closes the part; the next one starts at the next keyframe.
//
// Threads: StartPart/StopPart/OnFlvTag/OnEnd never block on I/O: they take a
// short mutex, copy the tag into a bounded queue and return; they may be
// called from any thread (typically the media thread). One writer thread,
// owned by the Recorder, does all file I/O: appends, fdatasync about every
// `sync_interval`, manifest rewrites. Finish() blocks until everything queued
// is on disk; call it off the media thread.
//
// Invariants: queued bytes <= max_buffered_bytes (a tag that does not fit is
// dropped; after a dropped video tag, video resumes only at a keyframe so the
// file stays decodable); a part file only ever grows; the manifest is
// replaced atomically.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/status.h"
#include "server/vod/file_system.h"
#include "server/vod/recording_manifest.h"

namespace ffsb::vod {

// The ingest's current sequence headers, as FLV tag bodies. Empty = unknown.
struct SequenceHeaders {
  std::vector<uint8_t> video;     // AVC sequence header (AVCPacketType 0)
  std::vector<uint8_t> audio;     // AAC sequence header (AACPacketType 0)
  std::vector<uint8_t> metadata;  // onMetaData script body, optional
};

struct RecorderOptions {
  std::string dir;                          // one per room; created when missing
  FileSystem* fs = nullptr;                 // nullptr = DefaultFileSystem()
  const Clock* clock = nullptr;             // nullptr = a SystemClock
  size_t max_buffered_bytes = 32u << 20;    // queue bound between threads
  Micros sync_interval = 1'000'000;         // fdatasync cadence
};

struct RecorderStats {
  int parts = 0;               // part files opened by this Recorder
  int64_t tags_written = 0;
  int64_t bytes_written = 0;
  int64_t dropped_tags = 0;    // queue full, or the part's file failed
  Status last_error;           // the last disk error, OK when none
};

class Recorder {
 public:
  // Creates the directory, reads an existing manifest (a restarted server
  // keeps appending new parts after the old ones) and starts the writer.
  static Result<std::unique_ptr<Recorder>> Open(RecorderOptions options);
  ~Recorder();  // Finish()es when the owner did not.
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // Begins a new part (closing any open one). The part file is created at the
  // first keyframe. Audio-only when headers.audio is set and headers.video is
  // not; an AVC sequence header seen later switches to video gating.
  void StartPart(SequenceHeaders headers);
  void StopPart();
  void OnFlvTag(uint8_t tag_type, uint32_t timestamp_ms, const uint8_t* body, size_t size);
  void OnEnd() { StopPart(); }
  // Closes the open part, marks the manifest finished, stops the writer.
  // Returns the last disk error, if any. Idempotent.
  Status Finish();

  RecorderStats stats() const;
  const std::string& dir() const { return options_.dir; }

 private:
  struct Command {
    enum Kind { kOpen, kData, kClose, kFinish };
    explicit Command(Kind k) : kind(k) {}
    Kind kind;
    int part_index = 0;
    std::string bytes;     // kOpen: file header + headers; kData: whole tags
    uint32_t last_ms = 0;  // kData: rebased timestamp of the last tag
  };

  Recorder(RecorderOptions options, RecordingManifest manifest);
  // All REQUIRE mu_ held.
  void BeginFileLocked();
  void PushLocked(Command command);
  void AppendTagLocked(uint8_t type, uint32_t ts, const uint8_t* body, size_t size);
  uint32_t RebaseLocked(uint32_t ts) const;

  void WriterLoop();
  void WriterHandle(Command& command);
  void WriterSync();
  void WriterClosePart();
  void WriterFail(const Status& status);

  RecorderOptions options_;
  Logger log_{"vod.recorder"};
  SystemClock system_clock_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Command> queue_;        // GUARDED_BY(mu_)
  size_t queued_bytes_ = 0;          // GUARDED_BY(mu_)
  bool part_active_ = false;         // GUARDED_BY(mu_): between StartPart and StopPart
  bool part_started_ = false;        // GUARDED_BY(mu_): first keyframe seen, file begun
  bool video_expected_ = true;       // GUARDED_BY(mu_)
  bool need_keyframe_ = false;       // GUARDED_BY(mu_): after a dropped video tag
  bool dropping_ = false;            // GUARDED_BY(mu_): in a drop episode (logged once)
  uint32_t base_ms_ = 0;             // GUARDED_BY(mu_)
  int next_index_ = 1;               // GUARDED_BY(mu_)
  bool finishing_ = false;           // GUARDED_BY(mu_)
  SequenceHeaders headers_;          // GUARDED_BY(mu_)
  RecorderStats stats_;              // GUARDED_BY(mu_)

  // Writer-thread state.
  RecordingManifest manifest_;
  std::unique_ptr<WritableFile> file_;
  bool file_failed_ = false;
  bool dirty_ = false;
  Micros last_sync_ = 0;

  std::thread writer_;
  bool finished_ = false;  // only touched by the owner thread in Finish()
  Status finish_status_;
};

}  // namespace ffsb::vod
