// Archiving: the VOD pipeline between the recordings, the archive queue and
// the control plane (contract §5, §6).
//  - a broadcast's recording: Recordings calls OnRecordingFinished(room, dir)
//    when a non-forced broadcast ended; the room's LIVE_RECORDED post (QUEUED
//    since EndBroadcast) is archived from that directory;
//  - an upload: the PRE_RECORDED post's QUEUED event (complete-upload) queues
//    it; the worker first remuxes the uploaded file into a one-part recording
//    (vod/upload_source.h), then archives it like a broadcast;
//  - startup: ResumePending() queues every QUEUED/PROCESSING post again, so a
//    restart during ARCHIVING still ends ARCHIVED (Archive() is idempotent).
// Jobs are keyed by the post id and write {data}/vod/{postId}/, which the
// media routes serve at /vod/{postId}/...; the queue's callbacks report to
// Control (ArchiveStarted / ArchiveSucceeded / ArchiveFailed).
//
// Threading: OnEvent and OnRecordingFinished may be called from any thread;
// queue callbacks run on archive workers. Ownership: borrows Control, which
// must outlive it; owns the ArchiveQueue. Stop() (or the destructor) joins
// the workers; call it before Control goes away.
#pragma once

#include <memory>
#include <string>

#include "server/base/log.h"
#include "server/control/control.h"
#include "server/vod/archive_queue.h"

namespace ffsb::app {

struct ArchivingOptions {
  std::string data_dir;        // absolute; vod/ and recordings/ live under it
  std::string recordings_dir;  // Recordings' dir: {recordings_dir}/room-{id}
  int workers = 1;             // --archive-workers
};

class Archiving final : public control::EventListener {
 public:
  Archiving(control::Control& control, ArchivingOptions options);
  ~Archiving() override;

  // Recordings::Finished.
  void OnRecordingFinished(domain::Id room_id, const std::string& dir);
  // control::EventListener: PRE_RECORDED posts entering QUEUED.
  void OnEvent(const control::DomainEvent& event) override;
  // Startup: queue every unfinished archive again.
  void ResumePending();
  // Sandbox chaos: the next job fails with this reason.
  void FailNextArchive(std::string reason = "injected fault: fail the next archive");
  void Stop();

 private:
  void Enqueue(const domain::VideoPost& post);
  std::string SourceOf(const domain::VideoPost& post) const;

  control::Control& control_;
  const ArchivingOptions options_;
  Logger log_{"archiving"};
  std::unique_ptr<vod::ArchiveQueue> queue_;
};

}  // namespace ffsb::app
