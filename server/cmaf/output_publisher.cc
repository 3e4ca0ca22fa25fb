#include "server/cmaf/output_publisher.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "server/cmaf/manifests.h"

namespace ffsb::cmaf {
namespace fs = std::filesystem;
namespace {

Status IoError(const std::string& what) {
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "cmaf output: " + what + ": " + strerror(errno));
}

std::atomic<uint64_t> g_tmp_counter{0};  // unique temp names across pipelines in one process

}  // namespace

Status OutputPublisher::WriteFileAtomic(const std::string& rel, const void* data, size_t size) {
  std::string path = dir_ + "/" + rel;
  std::string tmp = path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(g_tmp_counter++);
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("open " + tmp);
  const char* p = static_cast<const char*>(data);
  size_t left = size;
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status s = IoError("write " + tmp);
      ::close(fd);
      ::unlink(tmp.c_str());
      return s;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
    Status s = IoError("publish " + path);
    ::unlink(tmp.c_str());
    return s;
  }
  return Status::Ok();
}

void OutputPublisher::RemoveFile(const std::string& rel) { ::unlink((dir_ + "/" + rel).c_str()); }

Result<int64_t> OutputPublisher::Prepare(bool resume, int segment_duration_s, int window) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "cmaf output: mkdir " + dir_ + ": " + ec.message());
  std::string state_path = dir_ + "/" + kStateFile;
  if (resume && fs::exists(state_path)) {
    std::ifstream in(state_path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto loaded = StreamState::FromJson(ss.str());
    if (!loaded.ok()) return loaded.status();
    state_ = std::move(*loaded);
    resumed_ = true;
    state_.window = window;
    for (auto& t : state_.tracks)
      if (!t.segments.empty()) needs_discontinuity_.insert(t.name);
    // The media timeline continues where the last ingest stopped.
    return state_.end_ms;
  }
  // Fresh: drop the outputs of an earlier stream in this directory.
  for (const char* f : {kMasterPlaylist, kDashManifest, kStateFile}) RemoveFile(f);
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    if (!entry.is_directory()) continue;
    if (fs::exists(entry.path() / kMediaPlaylist)) fs::remove_all(entry.path(), ec);
  }
  state_ = StreamState{};
  state_.segment_duration_s = segment_duration_s;
  state_.window = window;
  return int64_t{10'000};  // kFreshOriginMs, see timeline.h
}

Status OutputPublisher::BeginPeriod(const std::vector<TrackSetup>& tracks, int64_t media_start_ms) {
  Micros now = clock_->Now();
  PeriodInfo p;
  p.index = state_.periods.empty() ? 1 : state_.periods.back().index + 1;
  p.wall_start = now;
  p.media_start_ms = media_start_ms;
  if (state_.periods.empty()) state_.availability_start = now;
  state_.periods.push_back(p);
  for (auto& t : state_.tracks) t.active = false;
  std::error_code ec;
  for (const TrackSetup& ts : tracks) {
    TrackState* t = state_.FindTrack(ts.name);
    if (!t) {
      state_.tracks.push_back(TrackState{});
      t = &state_.tracks.back();
      t->name = ts.name;
    }
    t->is_audio = ts.is_audio;
    t->timescale = ts.timescale;
    t->width = ts.width;
    t->height = ts.height;
    t->frame_rate = ts.frame_rate;
    t->bitrate = ts.bitrate;
    t->codecs = ts.codecs;
    t->active = true;
    fs::create_directories(dir_ + "/" + ts.name, ec);
    Status s = WriteFileAtomic(ts.name + "/" + InitSegmentName(p.index), ts.init_segment.data(),
                               ts.init_segment.size());
    if (!s.ok()) return s;
  }
  // Keep video tracks first (the manifests list them in this order).
  std::stable_partition(state_.tracks.begin(), state_.tracks.end(), [](const TrackState& t) { return !t.is_audio; });
  has_segment_.clear();
  viewable_ = false;
  return Status::Ok();
}

void OutputPublisher::DeactivateTrack(const std::string& name) {
  if (TrackState* t = state_.FindTrack(name)) t->active = false;
}

void OutputPublisher::SetFrameRate(const std::string& name, int fps) {
  if (TrackState* t = state_.FindTrack(name)) t->frame_rate = fps;
}

Status OutputPublisher::Publish(const std::string& track, const std::vector<uint8_t>& bytes, int64_t start,
                                int64_t duration, bool* became_viewable) {
  *became_viewable = false;
  TrackState* t = state_.FindTrack(track);
  if (!t || !t->active) return Status::Ok();
  SegmentEntry seg;
  seg.start = start;
  seg.duration = duration;
  seg.bytes = static_cast<int64_t>(bytes.size());
  seg.period = state_.current_period().index;
  seg.discontinuity = needs_discontinuity_.erase(track) > 0;
  int64_t number = t->next_number;
  Status s = WriteFileAtomic(track + "/" + MediaSegmentName(number), bytes.data(), bytes.size());
  if (!s.ok()) return s;
  for (int64_t gone : state_.Append(t, seg)) RemoveFile(track + "/" + MediaSegmentName(gone));
  s = WriteText(track + "/" + kMediaPlaylist, RenderMediaPlaylist(state_, *t));
  if (!s.ok()) return s;
  has_segment_.insert(track);
  if (!viewable_) {
    bool all = true;
    for (const auto& tr : state_.tracks)
      if (tr.active && !has_segment_.count(tr.name)) all = false;
    if (all) {
      viewable_ = true;
      *became_viewable = true;
    }
  }
  if (viewable_) return WriteManifests();
  return WriteText(kStateFile, state_.ToJson());  // numbers stay unique across a resume
}

Status OutputPublisher::WriteManifests() {
  state_.PrunePeriods();
  Status s = WriteText(kMasterPlaylist, RenderMasterPlaylist(state_));
  if (s.ok()) s = WriteText(kDashManifest, RenderMpd(state_, clock_->Now()));
  if (s.ok()) s = WriteText(kStateFile, state_.ToJson());
  return s;
}

Status OutputPublisher::Close() { return WriteText(kStateFile, state_.ToJson()); }

}  // namespace ffsb::cmaf
