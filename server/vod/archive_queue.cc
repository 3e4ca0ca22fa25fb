#include "server/vod/archive_queue.h"

#include <algorithm>

namespace ffsb::vod {

ArchiveQueue::ArchiveQueue(ArchiveQueueOptions options, ArchiveCallbacks callbacks)
    : options_(std::move(options)), callbacks_(std::move(callbacks)) {
  if (!options_.archive) {
    options_.archive = [](const ArchiveRequest& r, const ArchiveProgress& p,
                          const std::atomic<bool>* c) { return Archive(r, p, c); };
  }
  int n = std::max(1, options_.workers);
  for (int i = 0; i < n; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ArchiveQueue::~ArchiveQueue() { Stop(); }

Status ArchiveQueue::Enqueue(ArchiveJob job) {
  std::lock_guard lock(mu_);
  if (stopping_) return Status(ErrorCode::SERVICE_UNAVAILABLE, "archive queue stopped");
  bool queued = running_.count(job.job_id) > 0 ||
                std::any_of(pending_.begin(), pending_.end(),
                            [&](const ArchiveJob& j) { return j.job_id == job.job_id; });
  if (queued) return Status::Ok();
  log_.Info("job queued id=" + job.job_id + " dir=" + job.recording_dir);
  pending_.push_back(std::move(job));
  cv_.notify_one();
  return Status::Ok();
}

void ArchiveQueue::FailNextArchive(std::string reason) {
  std::lock_guard lock(mu_);
  fail_next_ = std::move(reason);
}

void ArchiveQueue::Stop() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
    if (!pending_.empty()) log_.Info("dropping pending jobs n=" + std::to_string(pending_.size()));
    pending_.clear();
    for (auto& [id, cancel] : running_) cancel->store(true);
    cv_.notify_all();
  }
  for (auto& t : workers_) {
    if (t.joinable()) t.join();
  }
  workers_.clear();
}

size_t ArchiveQueue::pending() const {
  std::lock_guard lock(mu_);
  return pending_.size();
}

size_t ArchiveQueue::running() const {
  std::lock_guard lock(mu_);
  return running_.size();
}

void ArchiveQueue::WorkerLoop() {
  for (;;) {
    ArchiveJob job;
    std::shared_ptr<std::atomic<bool>> cancel;
    std::optional<std::string> injected;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !pending_.empty(); });
      if (stopping_) return;
      job = std::move(pending_.front());
      pending_.pop_front();
      cancel = std::make_shared<std::atomic<bool>>(false);
      running_[job.job_id] = cancel;
      injected.swap(fail_next_);
    }
    log_.Info("job started id=" + job.job_id);
    if (callbacks_.on_started) callbacks_.on_started(job.job_id);
    Result<ArchiveOutputs> result =
        injected ? Result<ArchiveOutputs>(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, *injected)
                 : options_.archive(
                       ArchiveRequest{job.recording_dir, job.out_dir, job.video_profile_json,
                                      job.thumbnail_profile_json},
                       [&](double f) {
                         if (callbacks_.on_progress) callbacks_.on_progress(job.job_id, f);
                       },
                       cancel.get());
    bool stopped;
    {
      std::lock_guard lock(mu_);
      running_.erase(job.job_id);
      stopped = stopping_;
    }
    if (result.ok()) {
      log_.Info("job done id=" + job.job_id);
      if (callbacks_.on_done && !stopped) callbacks_.on_done(job.job_id, *result);
    } else {
      log_.Warn("job failed id=" + job.job_id + " reason=" + result.status().ToString());
      if (callbacks_.on_failed && !stopped) callbacks_.on_failed(job.job_id, result.status());
    }
  }
}

}  // namespace ffsb::vod
