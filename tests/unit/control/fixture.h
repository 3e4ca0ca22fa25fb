// A Control over a fresh SQLite store in a temp dir, with a fake clock, a
// seeded random, and recorders for events and dropped ingests.
#pragma once

#include <catch2/catch.hpp>

#include <mutex>
#include <vector>

#include "server/control/control.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/unit/store/temp_db.h"

namespace ffsb::control::testing {

struct Recorder : EventListener, IngestDropper {
  std::mutex mu;
  std::vector<DomainEvent> events;
  std::vector<Id> dropped;
  void OnEvent(const DomainEvent& e) override {
    std::lock_guard l(mu);
    events.push_back(e);
  }
  void DropIngest(Id key) override {
    std::lock_guard l(mu);
    dropped.push_back(key);
  }
  std::vector<std::string> States(EventKind kind) {
    std::lock_guard l(mu);
    std::vector<std::string> out;
    for (auto& e : events)
      if (e.kind == kind) out.push_back(e.state);
    return out;
  }
};

struct Fixture {
  ffsb::testing::TempDir dir;
  FakeClock clock;
  SeededRandom random{42};
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Control> control;
  Recorder rec;
  domain::App app;

  Fixture() {
    auto s = store::sqlite::SqliteStore::Open(dir.File("db.sqlite"), clock);
    REQUIRE(s.ok());
    store = std::move(*s);
    control = std::make_unique<Control>(*store, clock, random);
    control->AddListener(&rec);
    control->SetIngestDropper(&rec);
    auto created = control->CreateApp("test", "key", "secret");
    REQUIRE(created.ok());
    app = created->app;
  }

  Caller AppCaller() const { return {domain::CreatorType::APP, app.id, std::nullopt}; }

  MemberView Member(const std::string& id) {
    auto r = control->UpsertMember(app.id, id, {});
    REQUIRE(r.ok());
    return r->member;
  }
  StreamKeyView Key(const std::string& app_user_id) {
    auto k = control->GetMemberStreamKey(app.id, app_user_id);
    REQUIRE(k.ok());
    return *k;
  }
  VideoRoomView Room(const std::string& owner) {
    RoomFields f;
    f.title = std::optional<std::string>("room of " + owner);
    f.scheduled_at = std::optional<Micros>(clock.Now());
    auto r = control->CreateVideoRoom(app.id, AppCaller(), domain::VideoRoomType::BROADCAST_RTMP, owner, f);
    REQUIRE(r.ok());
    return *r;
  }
  // Ingest until the key is ACTIVE (viewable).
  IngestGrant Publish(const std::string& app_user_id) {
    auto g = control->AuthorizeIngest(Key(app_user_id).key.stream_key, std::nullopt);
    REQUIRE(g.ok());
    REQUIRE(control->IngestViewable(g->stream_key_id).ok());
    return *g;
  }
  domain::VideoRoom GetRoom(Id id) {
    auto r = control->GetVideoRoom(app.id, AppCaller(), id);
    REQUIRE(r.ok());
    return r->room;
  }
};

}  // namespace ffsb::control::testing
