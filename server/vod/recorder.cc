#include "server/vod/recorder.h"

#include "server/vod/flv_file.h"

#include <algorithm>

namespace ffsb::vod {

Result<std::unique_ptr<Recorder>> Recorder::Open(RecorderOptions options) {
  if (options.fs == nullptr) options.fs = DefaultFileSystem();
  Status s = options.fs->CreateDirs(options.dir);
  if (!s.ok()) return s;
  auto manifest = LoadManifest(options.fs, options.dir);
  if (!manifest.ok()) return manifest.status();
  return std::unique_ptr<Recorder>(new Recorder(std::move(options), std::move(*manifest)));
}

Recorder::Recorder(RecorderOptions options, RecordingManifest manifest)
    : options_(std::move(options)), manifest_(std::move(manifest)) {
  if (options_.clock == nullptr) options_.clock = &system_clock_;
  next_index_ = static_cast<int>(manifest_.parts.size()) + 1;
  manifest_.finished = false;
  writer_ = std::thread([this] { WriterLoop(); });
}

Recorder::~Recorder() { Finish(); }

// ---- Producer side (any thread; never does I/O) ----

void Recorder::StartPart(SequenceHeaders headers) {
  std::lock_guard lock(mu_);
  if (finishing_) return;
  if (part_started_) PushLocked(Command(Command::kClose));
  headers_ = std::move(headers);
  video_expected_ = !headers_.video.empty() || headers_.audio.empty();
  part_active_ = true;
  part_started_ = false;
  need_keyframe_ = false;
}

void Recorder::StopPart() {
  std::lock_guard lock(mu_);
  if (part_started_) PushLocked(Command(Command::kClose));
  part_active_ = false;
  part_started_ = false;
}

void Recorder::OnFlvTag(uint8_t type, uint32_t ts, const uint8_t* body, size_t size) {
  if (size > kFlvMaxBodySize || (type != kFlvTagAudio && type != kFlvTagVideo)) {
    return;  // script tags: only the onMetaData given to StartPart is kept
  }
  std::lock_guard lock(mu_);
  if (!part_active_ || finishing_) return;  // contract §5: nothing outside LIVE
  const bool video = type == kFlvTagVideo;
  const bool seq_header = video ? IsAvcSequenceHeader(body, size) : IsAacSequenceHeader(body, size);
  if (seq_header) {
    auto& current = video ? headers_.video : headers_.audio;
    bool changed = !std::equal(current.begin(), current.end(), body, body + size);
    current.assign(body, body + size);
    if (video && !part_started_) video_expected_ = true;
    if (changed && part_started_) {
      // New codec settings mid-part: close the file and start the next part
      // (with the new headers) at the next keyframe, so every part file has
      // one set of parameters and the archiver can tell them apart.
      PushLocked(Command(Command::kClose));
      part_started_ = false;
    }
    return;
  }
  if (!part_started_) {
    bool starts = video_expected_ ? (video && IsVideoKeyframe(body, size)) : !video;
    if (!starts) return;
    base_ms_ = ts;
    BeginFileLocked();
  }
  AppendTagLocked(type, ts, body, size);
}

void Recorder::BeginFileLocked() {
  Command open(Command::kOpen);
  open.part_index = next_index_++;
  open.bytes = FlvFileHeader(!headers_.audio.empty() || !video_expected_, video_expected_);
  const auto& h = headers_;
  if (!h.metadata.empty()) {
    AppendFlvTag(&open.bytes, kFlvTagScript, 0, h.metadata.data(), h.metadata.size());
  }
  if (!h.video.empty()) AppendFlvTag(&open.bytes, kFlvTagVideo, 0, h.video.data(), h.video.size());
  if (!h.audio.empty()) AppendFlvTag(&open.bytes, kFlvTagAudio, 0, h.audio.data(), h.audio.size());
  part_started_ = true;
  need_keyframe_ = false;
  PushLocked(std::move(open));  // never dropped: tiny, and the part depends on it
}

uint32_t Recorder::RebaseLocked(uint32_t ts) const {
  uint32_t d = ts - base_ms_;            // modulo 2^32: survives timestamp wrap
  return d > 0x80000000u ? 0 : d;        // slightly early audio -> 0
}

void Recorder::AppendTagLocked(uint8_t type, uint32_t ts, const uint8_t* body, size_t size) {
  const bool video = type == kFlvTagVideo;
  if (video && need_keyframe_) {
    if (!IsVideoKeyframe(body, size)) {
      stats_.dropped_tags++;
      return;
    }
    need_keyframe_ = false;
  }
  size_t tag_bytes = kFlvTagHeaderSize + size + 4;
  if (queued_bytes_ + tag_bytes > options_.max_buffered_bytes) {
    if (!dropping_) log_.Warn("writer behind, dropping tags dir=" + options_.dir);
    dropping_ = true;
    stats_.dropped_tags++;
    if (video) need_keyframe_ = true;
    return;
  }
  if (dropping_) log_.Info("writer caught up dir=" + options_.dir);
  dropping_ = false;
  Command data(Command::kData);
  data.last_ms = RebaseLocked(ts);
  data.bytes.reserve(tag_bytes);
  AppendFlvTag(&data.bytes, type, data.last_ms, body, size);
  PushLocked(std::move(data));
}

void Recorder::PushLocked(Command command) {
  queued_bytes_ += command.bytes.size();
  queue_.push_back(std::move(command));
  cv_.notify_one();
}

Status Recorder::Finish() {
  if (finished_) return finish_status_;
  {
    std::lock_guard lock(mu_);
    if (part_started_) PushLocked(Command(Command::kClose));
    part_active_ = part_started_ = false;
    finishing_ = true;
    PushLocked(Command(Command::kFinish));
  }
  writer_.join();
  finished_ = true;
  std::lock_guard lock(mu_);
  finish_status_ = stats_.last_error;
  return finish_status_;
}

RecorderStats Recorder::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

// ---- Writer thread ----

void Recorder::WriterLoop() {
  for (;;) {
    std::deque<Command> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::microseconds(options_.sync_interval),
                   [&] { return !queue_.empty(); });
      batch.swap(queue_);
    }
    bool finish = false;
    size_t batch_bytes = 0;
    std::string pending;  // consecutive data tags, written with one Append
    int64_t tags = 0, written = 0, bytes = 0, dropped = 0;  // tags: in `pending`
    auto flush = [&] {
      if (pending.empty()) return;
      bool ok = file_ && !file_failed_;
      if (ok) {
        Status s = file_->Append(pending.data(), pending.size());
        if (!s.ok()) WriterFail(s);
        ok = s.ok();
        dirty_ = true;
      }
      (ok ? written : dropped) += tags;
      if (ok) bytes += static_cast<int64_t>(pending.size());
      tags = 0;
      pending.clear();
    };
    for (auto& c : batch) {
      batch_bytes += c.bytes.size();
      if (c.kind == Command::kData) {
        pending += c.bytes;
        if (!manifest_.parts.empty()) manifest_.parts.back().duration_ms = c.last_ms;
        tags++;
        if (pending.size() >= (1u << 20)) flush();
        continue;
      }
      flush();
      if (c.kind == Command::kFinish) finish = true;
      WriterHandle(c);
    }
    flush();
    if (dirty_ && options_.clock->Monotonic() - last_sync_ >= options_.sync_interval) WriterSync();
    {
      std::lock_guard lock(mu_);
      queued_bytes_ -= batch_bytes;
      stats_.tags_written += written;
      stats_.bytes_written += bytes;
      stats_.dropped_tags += dropped;
    }
    if (finish) return;
  }
}

void Recorder::WriterHandle(Command& c) {
  if (c.kind == Command::kOpen) {
    WriterClosePart();
    RecordingPart part{.file = PartFileName(c.part_index)};
    std::string path = JoinPath(options_.dir, part.file);
    file_failed_ = false;
    auto file = options_.fs->NewAppendableFile(path);
    if (!file.ok()) {
      WriterFail(file.status());
      return;
    }
    file_ = std::move(*file);
    manifest_.parts.push_back(part);
    Status s = SaveManifest(options_.fs, options_.dir, manifest_);
    if (!s.ok()) log_.Warn("manifest write failed: " + s.ToString());
    s = file_->Append(c.bytes.data(), c.bytes.size());
    if (!s.ok()) return WriterFail(s);
    dirty_ = true;
    {
      std::lock_guard lock(mu_);
      stats_.parts++;
    }
    log_.Info("part opened path=" + path);
  } else if (c.kind == Command::kClose) {
    WriterClosePart();
  } else if (c.kind == Command::kFinish) {
    WriterClosePart();
    manifest_.finished = true;
    Status s = SaveManifest(options_.fs, options_.dir, manifest_);
    if (!s.ok()) WriterFail(s);
    log_.Info("recording finished dir=" + options_.dir +
              " parts=" + std::to_string(manifest_.parts.size()));
  }
}

void Recorder::WriterSync() {
  if (file_ && !file_failed_) {
    Status s = file_->Sync();
    if (!s.ok()) WriterFail(s);
  }
  dirty_ = false;
  last_sync_ = options_.clock->Monotonic();
}

void Recorder::WriterClosePart() {
  if (!file_) return;
  WriterSync();
  Status s = file_->Close();
  if (!s.ok() && !file_failed_) WriterFail(s);
  file_.reset();
  if (!manifest_.parts.empty()) {
    auto& part = manifest_.parts.back();
    part.closed = true;
    auto size = options_.fs->TotalSize(JoinPath(options_.dir, part.file));
    if (size.ok()) part.bytes = *size;
    std::lock_guard lock(mu_);
    part.dropped_tags = stats_.dropped_tags;
  }
  s = SaveManifest(options_.fs, options_.dir, manifest_);
  if (!s.ok()) log_.Warn("manifest write failed: " + s.ToString());
}

void Recorder::WriterFail(const Status& status) {
  if (!file_failed_) log_.Error("recording write failed: " + status.ToString());
  file_failed_ = true;
  std::lock_guard lock(mu_);
  stats_.last_error = status;
}

}  // namespace ffsb::vod
