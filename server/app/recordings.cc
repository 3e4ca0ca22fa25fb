#include "server/app/recordings.h"

#include <boost/asio/post.hpp>
#include <filesystem>

namespace ffsb::app {

Recordings::Recordings(std::string recordings_dir, boost::asio::io_context& media_io, SerialWorker& worker,
                       Finished on_finished)
    : dir_(std::move(recordings_dir)), io_(media_io), worker_(worker), on_finished_(std::move(on_finished)) {}

Recordings::~Recordings() {
  for (auto& [room, rec] : recorders_) rec->Finish();
}

std::string Recordings::DirOf(domain::Id room_id) const { return dir_ + "/room-" + std::to_string(room_id); }

void Recordings::OnEvent(const control::DomainEvent& e) {
  if (e.kind != control::EventKind::VIDEO_ROOM || !e.room || e.previous_state == e.state) return;
  const domain::VideoRoom room = *e.room;
  boost::asio::post(io_, [this, e, room] {
    if (e.state == "LIVE" && room.stream_key_id) {
      RoomLive(room.id, *room.stream_key_id);
    } else if (e.state == "LIVE_INACTIVE") {
      RoomInactive(room.id);
    } else if (e.state == "ENDED") {
      RoomEnded(room.id, room.forcibly_terminated);
    }
  });
}

vod::Recorder* Recordings::RecorderFor(domain::Id room_id) {
  auto it = recorders_.find(room_id);
  if (it != recorders_.end()) return it->second.get();
  vod::RecorderOptions opts;
  opts.dir = DirOf(room_id);
  auto rec = vod::Recorder::Open(opts);
  if (!rec.ok()) {
    log_.Error("cannot open the recording of room " + std::to_string(room_id) + ": " + rec.status().ToString());
    return nullptr;
  }
  auto [pos, _] = recorders_.emplace(room_id, std::shared_ptr<vod::Recorder>(std::move(*rec)));
  return pos->second.get();
}

void Recordings::RoomLive(domain::Id room_id, int64_t key_id) {
  vod::Recorder* rec = RecorderFor(room_id);
  if (!rec) return;
  live_room_of_key_[key_id] = room_id;
  rec->StartPart(headers_[key_id]);
  log_.Info("room " + std::to_string(room_id) + ": recording part started");
}

void Recordings::RoomInactive(domain::Id room_id) {
  for (auto it = live_room_of_key_.begin(); it != live_room_of_key_.end();) {
    it = it->second == room_id ? live_room_of_key_.erase(it) : std::next(it);
  }
  auto rec = recorders_.find(room_id);
  if (rec != recorders_.end()) rec->second->StopPart();
}

void Recordings::RoomEnded(domain::Id room_id, bool forced) {
  RoomInactive(room_id);
  std::shared_ptr<vod::Recorder> rec;
  if (auto it = recorders_.find(room_id); it != recorders_.end()) {
    rec = std::move(it->second);
    recorders_.erase(it);
  }
  std::string dir = DirOf(room_id);
  worker_.Adopt([this, rec, room_id, forced, dir] {
    if (rec) {
      Status s = rec->Finish();
      if (!s.ok()) log_.Error("room " + std::to_string(room_id) + ": recording finished with " + s.ToString());
    }
    if (forced) {
      std::error_code ec;
      std::filesystem::remove_all(dir, ec);  // a force-terminated broadcast keeps no VOD
      return;
    }
    if (on_finished_) on_finished_(room_id, dir);
  });
}

void Recordings::SetVideoHeader(int64_t key_id, const uint8_t* body, size_t size) {
  headers_[key_id].video.assign(body, body + size);
}

void Recordings::SetAudioHeader(int64_t key_id, const uint8_t* body, size_t size) {
  headers_[key_id].audio.assign(body, body + size);
}

void Recordings::OnTag(int64_t key_id, uint8_t type, uint32_t ts, const uint8_t* body, size_t size) {
  auto it = live_room_of_key_.find(key_id);
  if (it == live_room_of_key_.end()) return;
  auto rec = recorders_.find(it->second);
  if (rec != recorders_.end()) rec->second->OnFlvTag(type, ts, body, size);
}

void Recordings::OnIngestEnd(int64_t key_id) {
  auto it = live_room_of_key_.find(key_id);
  if (it != live_room_of_key_.end()) {
    if (auto rec = recorders_.find(it->second); rec != recorders_.end()) rec->second->StopPart();
    live_room_of_key_.erase(it);
  }
  headers_.erase(key_id);
}

}  // namespace ffsb::app
