// Control's private templates, shared by its use-case files.
#pragma once

#include <optional>

#include "server/control/control.h"
#include "server/domain/broadcast.h"
#include "server/domain/stream_key_machine.h"
#include "server/domain/validation.h"
#include "server/domain/video_post_machine.h"
#include "server/domain/video_room_machine.h"

namespace ffsb::control {

// Runs fn(tx) -> Result<T> in a read snapshot.
template <typename T, typename Fn>
Result<T> ReadResult(store::Store& store, Fn&& fn) {
  std::optional<T> out;
  Status s = store.Read([&](store::StoreTx& tx) -> Status {
    Result<T> r = fn(tx);
    if (!r.ok()) return r.status();
    out = std::move(*r);
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return std::move(*out);
}

template <typename T, typename Fn>
Result<T> Control::Change(Fn&& fn) {
  std::optional<T> out;
  Changes changes;
  {
    std::lock_guard lock(write_mu_);
    Status s = store_.Transact([&](store::StoreTx& tx) -> Status {
      changes = Changes{};
      Result<T> r = fn(tx, changes);
      if (!r.ok()) return r.status();
      out = std::move(*r);
      return Status::Ok();
    });
    if (!s.ok()) return s;
    // Queued under write_mu_, so the queue is in commit order.
    std::lock_guard elock(events_mu_);
    for (auto& e : changes.events) pending_events_.push_back(std::move(e));
    changes.events.clear();
  }
  Publish(std::move(changes));
  return std::move(*out);
}

}  // namespace ffsb::control
