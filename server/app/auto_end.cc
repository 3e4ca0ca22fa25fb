// See auto_end.h.
#include "server/app/auto_end.h"

#include <vector>

namespace ffsb::app {

AutoEnd::AutoEnd(control::Control& control, const Clock& clock, std::chrono::milliseconds tick)
    : control_(control), clock_(clock), tick_(tick), thread_([this] { Loop(); }) {}

AutoEnd::~AutoEnd() { Stop(); }

void AutoEnd::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void AutoEnd::OnEvent(const control::DomainEvent& e) {
  if (e.kind != control::EventKind::VIDEO_ROOM || !e.room) return;
  std::lock_guard lock(mu_);
  if (e.room->video_room_state == domain::VideoRoomState::LIVE_INACTIVE) {
    if (e.previous_state != e.state) inactive_[e.id] = Inactive{e.app_id, clock_.Now()};
  } else {
    inactive_.erase(e.id);
  }
}

void AutoEnd::Loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    cv_.wait_for(lock, tick_);
    if (stopping_) break;
    lock.unlock();
    Check();
    lock.lock();
  }
}

void AutoEnd::Check() {
  std::vector<std::pair<domain::Id, Inactive>> rooms;
  {
    std::lock_guard lock(mu_);
    rooms.assign(inactive_.begin(), inactive_.end());
  }
  const Micros now = clock_.Now();
  for (const auto& [room_id, in] : rooms) {
    auto app = control_.GetApp(in.app_id);
    if (!app.ok() || app->auto_end_after_inactive_seconds <= 0) continue;
    if (now - in.since < static_cast<Micros>(app->auto_end_after_inactive_seconds) * 1'000'000) continue;
    control::Caller caller{domain::CreatorType::APP, in.app_id, std::nullopt};
    auto ended = control_.EndBroadcast(in.app_id, caller, room_id);
    {
      std::lock_guard lock(mu_);
      auto it = inactive_.find(room_id);
      if (it != inactive_.end() && it->second.since == in.since) inactive_.erase(it);
    }
    if (ended.ok())
      log_.Info("room " + std::to_string(room_id) + " ended after " +
                std::to_string(app->auto_end_after_inactive_seconds) + " s without ingest");
    else
      log_.Warn("room " + std::to_string(room_id) + ": auto end refused: " + ended.status().ToString());
  }
}

}  // namespace ffsb::app
