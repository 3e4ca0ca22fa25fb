// Recordings: which room's recording each ingest feeds, per contract §5 —
// from go-live to end, every resumed part, nothing before go-live.
//  - a room event LIVE (go-live, or a resume) starts a part of that room's
//    recording with the key's current sequence headers;
//  - LIVE_INACTIVE (the ingest stopped) closes the part;
//  - ENDED finishes the recording and, unless the end was forced (no VOD,
//    like the real service; the files are deleted), calls on_finished so the
//    app queues the archive job.
// Recorders write {recordings_dir}/room-{id}/ (vod/recorder.h): append-only,
// so a SIGKILL keeps what was recorded, and a restarted server appends.
//
// Threading: control events arrive on any thread and are posted to the
// media loop, where the tag path (OnTag, Set*Header, OnIngestEnd) runs, so
// the maps below are touched by the media loop only. Finishing (disk) runs
// on the worker thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "server/app/serial_worker.h"
#include "server/base/log.h"
#include "server/control/events.h"
#include "server/vod/recorder.h"

namespace ffsb::app {

class Recordings final : public control::EventListener {
 public:
  // on_finished(room_id, recording_dir): the recording of an ended
  // (not forced) broadcast is complete on disk. Runs on the worker thread.
  using Finished = std::function<void(domain::Id room_id, const std::string& dir)>;
  Recordings(std::string recordings_dir, boost::asio::io_context& media_io, SerialWorker& worker, Finished on_finished);
  ~Recordings() override;

  // control::EventListener (any thread).
  void OnEvent(const control::DomainEvent& event) override;

  // Media loop.
  void SetVideoHeader(int64_t key_id, const uint8_t* body, size_t size);
  void SetAudioHeader(int64_t key_id, const uint8_t* body, size_t size);
  void OnTag(int64_t key_id, uint8_t type, uint32_t ts, const uint8_t* body, size_t size);
  void OnIngestEnd(int64_t key_id);

  std::string DirOf(domain::Id room_id) const;

 private:
  void RoomLive(domain::Id room_id, int64_t key_id);
  void RoomInactive(domain::Id room_id);
  void RoomEnded(domain::Id room_id, bool forced);
  vod::Recorder* RecorderFor(domain::Id room_id);

  const std::string dir_;
  boost::asio::io_context& io_;
  SerialWorker& worker_;
  Finished on_finished_;
  Logger log_{"recording"};
  std::map<int64_t, vod::SequenceHeaders> headers_;  // by key id
  std::map<int64_t, domain::Id> live_room_of_key_;   // key id -> room recording now
  std::map<domain::Id, std::shared_ptr<vod::Recorder>> recorders_;  // by room id
};

}  // namespace ffsb::app
