// ArchiveQueue: runs archive jobs (archiver.h) on a small pool of worker
// threads, at most `workers` at once (default 1: archiving is CPU and disk
// heavy and the media plane must keep its cores).
//
// The persisted job list is the lead's (the DB): on startup the lead simply
// Enqueue()s every unfinished job again; Archive() is idempotent.
// Chaos hook: FailNextArchive() makes the next job that starts fail with the
// given reason without running (sandbox chaos API).
//
// Threads: every method may be called from any thread. Callbacks run on a
// worker thread, never under the queue's lock; they may call Enqueue().
// Stop() raises the cancel flag of running jobs, drops pending jobs and
// joins the workers; jobs ended by Stop() get no callback (they stay
// unfinished in the lead's DB and are enqueued again on the next start).
// The destructor calls Stop().
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "server/base/log.h"
#include "server/base/status.h"
#include "server/vod/archiver.h"

namespace ffsb::vod {

struct ArchiveJob {
  std::string job_id;  // unique; the lead's key (e.g. the video post id)
  std::string recording_dir;
  std::string out_dir;
  std::string video_profile_json;      // empty = default VIDEO profile
  std::string thumbnail_profile_json;  // empty = default THUMBNAIL profile
};

struct ArchiveCallbacks {
  std::function<void(const std::string& job_id)> on_started;
  std::function<void(const std::string& job_id, double fraction)> on_progress;  // optional
  std::function<void(const std::string& job_id, const ArchiveOutputs& outputs)> on_done;
  std::function<void(const std::string& job_id, const Status& reason)> on_failed;
};

// What a worker runs; the real one is Archive(). Tests inject fakes.
using ArchiveFunction = std::function<Result<ArchiveOutputs>(
    const ArchiveRequest&, const ArchiveProgress&, const std::atomic<bool>* cancel)>;

struct ArchiveQueueOptions {
  int workers = 1;
  ArchiveFunction archive;  // empty = Archive() on the default file system
};

class ArchiveQueue {
 public:
  ArchiveQueue(ArchiveQueueOptions options, ArchiveCallbacks callbacks);
  ~ArchiveQueue();
  ArchiveQueue(const ArchiveQueue&) = delete;
  ArchiveQueue& operator=(const ArchiveQueue&) = delete;

  // Queues a job. A job_id already pending or running is not queued twice
  // (OK). SERVICE_UNAVAILABLE after Stop().
  Status Enqueue(ArchiveJob job);
  // The next job to start fails with `reason` (MEDIA_SERVICE_INTERNAL_SERVER_ERROR).
  void FailNextArchive(std::string reason = "injected fault: fail the next archive");
  // REQUIRES: not called from a callback (it joins the workers).
  void Stop();

  size_t pending() const;
  size_t running() const;

 private:
  void WorkerLoop();

  ArchiveQueueOptions options_;
  ArchiveCallbacks callbacks_;
  Logger log_{"vod.queue"};

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<ArchiveJob> pending_;                                  // GUARDED_BY(mu_)
  std::map<std::string, std::shared_ptr<std::atomic<bool>>> running_;  // GUARDED_BY(mu_): cancel flags
  std::optional<std::string> fail_next_;                            // GUARDED_BY(mu_)
  bool stopping_ = false;                                           // GUARDED_BY(mu_)
  std::vector<std::thread> workers_;
};

}  // namespace ffsb::vod
