// See archiving.h.
#include "server/app/archiving.h"

#include <filesystem>
#include <fstream>
#include <iterator>

#include "server/vod/archiver.h"
#include "server/vod/upload_source.h"

namespace ffsb::app {

namespace {

std::optional<domain::Id> PostIdOf(const std::string& job_id) {
  try {
    return std::stoll(job_id);
  } catch (...) {
    return std::nullopt;
  }
}

// libavformat's HLS muxer (5.1) writes a master playlist without any variant
// when the streams carry no bit rate (FLV recordings without onMetaData
// rates): players then find nothing to play. Until the archiver sets bit
// rates, the variant line is added here from the measured size and duration.
void CompleteHlsMaster(const std::string& out_dir, const vod::ArchiveOutputs& out) {
  const vod::ArchiveFile* hls = out.Find("CMAF_HLS");
  if (!hls || out.duration_seconds <= 0) return;
  const std::string path = out_dir + "/" + hls->relative_path;
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && text.empty()) return;
  if (text.find("#EXT-X-STREAM-INF") != std::string::npos) return;
  int64_t bandwidth = static_cast<int64_t>(static_cast<double>(hls->size) * 8 / out.duration_seconds);
  std::string variant = "#EXT-X-STREAM-INF:BANDWIDTH=" + std::to_string(bandwidth);
  if (out.width > 0) variant += ",RESOLUTION=" + std::to_string(out.width) + "x" + std::to_string(out.height);
  std::ofstream(path + ".tmp", std::ios::trunc) << "#EXTM3U\n#EXT-X-VERSION:7\n" << variant << "\nmedia.m3u8\n";
  std::error_code ec;
  std::filesystem::rename(path + ".tmp", path, ec);
}

// A job whose source is a file (an upload) is first remuxed into a one-part
// recording beside it; a directory is a broadcast's recording.
Result<vod::ArchiveOutputs> ArchiveSource(const vod::ArchiveRequest& req, const vod::ArchiveProgress& progress,
                                          const std::atomic<bool>* cancel) {
  vod::ArchiveRequest request = req;
  if (std::filesystem::is_regular_file(req.recording_dir)) {
    request.recording_dir = req.recording_dir + ".recording";
    if (Status s = vod::MakeRecordingFromUpload(req.recording_dir, request.recording_dir); !s.ok()) return s;
  }
  auto out = vod::Archive(request, progress, cancel);
  if (out.ok()) CompleteHlsMaster(req.out_dir, *out);
  return out;
}

std::vector<domain::MediaFile> FilesOf(domain::Id post_id, const vod::ArchiveOutputs& out) {
  std::vector<domain::MediaFile> files;
  const std::string rel = "vod/" + std::to_string(post_id) + "/";
  for (const vod::ArchiveFile& f : out.files) {
    domain::MediaFile m;
    m.type = f.format;
    m.content_type = f.content_type;
    m.size = f.size;
    m.original_file_name = std::filesystem::path(f.relative_path).filename().string();
    m.url = "/" + rel + f.relative_path;  // rendered against the API's http_base
    m.path = rel + f.relative_path;
    files.push_back(std::move(m));
  }
  return files;
}

}  // namespace

Archiving::Archiving(control::Control& control, ArchivingOptions options)
    : control_(control), options_(std::move(options)) {
  vod::ArchiveCallbacks cb;
  cb.on_started = [this](const std::string& job) {
    if (auto id = PostIdOf(job))
      if (Status s = control_.ArchiveStarted(*id); !s.ok())
        log_.Warn("post " + job + ": archive start not recorded: " + s.ToString());
  };
  cb.on_done = [this](const std::string& job, const vod::ArchiveOutputs& out) {
    auto id = PostIdOf(job);
    if (!id) return;
    log_.Info("post " + job + " archived: " + std::to_string(out.duration_seconds) + " s, " +
              std::to_string(out.parts_used) + " parts");
    if (Status s = control_.ArchiveSucceeded(*id, FilesOf(*id, out)); !s.ok())
      log_.Error("post " + job + ": archive result not recorded: " + s.ToString());
  };
  cb.on_failed = [this](const std::string& job, const Status& reason) {
    auto id = PostIdOf(job);
    if (!id) return;
    log_.Warn("post " + job + " archive failed: " + reason.message());
    if (Status s = control_.ArchiveFailed(*id, reason.message()); !s.ok())
      log_.Error("post " + job + ": archive failure not recorded: " + s.ToString());
  };
  vod::ArchiveQueueOptions qo;
  qo.workers = options_.workers;
  qo.archive = ArchiveSource;
  queue_ = std::make_unique<vod::ArchiveQueue>(std::move(qo), std::move(cb));
}

Archiving::~Archiving() { Stop(); }

void Archiving::Stop() { queue_->Stop(); }

void Archiving::FailNextArchive(std::string reason) { queue_->FailNextArchive(std::move(reason)); }

std::string Archiving::SourceOf(const domain::VideoPost& post) const {
  if (post.type == domain::VideoPostType::LIVE_RECORDED && post.video_room_id)
    return options_.recordings_dir + "/room-" + std::to_string(*post.video_room_id);
  if (post.src && !post.src->path.empty()) return options_.data_dir + "/" + post.src->path;
  return "";
}

void Archiving::Enqueue(const domain::VideoPost& post) {
  std::string source = SourceOf(post);
  if (source.empty()) {
    control_.ArchiveFailed(post.id, "no source: the post has no recording nor uploaded file");
    return;
  }
  vod::ArchiveJob job;
  job.job_id = std::to_string(post.id);
  job.recording_dir = source;
  job.out_dir = options_.data_dir + "/vod/" + std::to_string(post.id);
  if (Status s = queue_->Enqueue(std::move(job)); !s.ok())
    log_.Warn("post " + std::to_string(post.id) + " not queued: " + s.ToString());
}

void Archiving::OnRecordingFinished(domain::Id room_id, const std::string& /*dir*/) {
  auto pending = control_.PendingArchives();
  if (!pending.ok()) {
    log_.Error("room " + std::to_string(room_id) + ": cannot read pending archives: " + pending.status().ToString());
    return;
  }
  for (const auto& p : *pending)
    if (p.type == domain::VideoPostType::LIVE_RECORDED && p.video_room_id == room_id) return Enqueue(p);
  log_.Warn("room " + std::to_string(room_id) + ": recording finished but no queued video post");
}

void Archiving::OnEvent(const control::DomainEvent& e) {
  if (e.kind != control::EventKind::VIDEO_POST || !e.post) return;
  if (e.post->type != domain::VideoPostType::PRE_RECORDED) return;
  if (e.post->video_post_state != domain::VideoPostState::QUEUED || e.previous_state == e.state) return;
  Enqueue(*e.post);
}

void Archiving::ResumePending() {
  auto pending = control_.PendingArchives();
  if (!pending.ok()) {
    log_.Error("cannot read pending archives: " + pending.status().ToString());
    return;
  }
  for (const auto& p : *pending) {
    log_.Info("resuming the archive of post " + std::to_string(p.id));
    Enqueue(p);
  }
}

}  // namespace ffsb::app
