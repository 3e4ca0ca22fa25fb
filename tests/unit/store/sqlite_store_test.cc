#include <sqlite3.h>

#include <catch2/catch.hpp>

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_store.h"
#include "tests/unit/store/temp_db.h"

namespace ffsb::store {
namespace {

using namespace ffsb::domain;
using sqlite::SqliteStore;

std::unique_ptr<SqliteStore> OpenStore(const std::string& path, const Clock& clock) {
  auto s = SqliteStore::Open(path, clock);
  REQUIRE(s.ok());
  return std::move(*s);
}

App NewApp(std::string key) {
  App a;
  a.name = "app " + key;
  a.api_key = std::move(key);
  a.api_secret_hash = "h";
  a.created_at = a.last_modified_at = 1;
  return a;
}

TEST_CASE("migrations upgrade an empty database once and are recorded") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  auto known = sqlite::KnownMigrations();
  REQUIRE(store->SchemaVersion() == known.back().version);
  store.reset();
  // Reopening applies nothing twice: the seeded profiles are not duplicated.
  store = OpenStore(dir.File("db.sqlite"), clock);
  int64_t profiles = 0;
  REQUIRE(store->Read([&](StoreTx& tx) {
    auto page = tx.ListProfiles(ProfileFilter{1, {}, {}, {}, {}}, PageRequest{0, 100});
    if (!page.ok()) return page.status();
    profiles = page->total;
    return Status::Ok();
  }).ok());
  REQUIRE(profiles == 5);

  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.File("db.sqlite").c_str(), &db) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(db, "SELECT COUNT(*), MAX(version) FROM schema_version", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(sqlite3_column_int(st, 0) == static_cast<int>(known.size()));
  sqlite3_finalize(st);
  REQUIRE(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_CASE("system profiles are seeded with the contract's recipes") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  REQUIRE(store->Read([&](StoreTx& tx) {
    auto page = tx.ListProfiles(ProfileFilter{1, ProfileType::BROADCAST_RTMP, {}, RepresentativeType::DEFAULT, {}},
                                PageRequest{0, 10});
    REQUIRE(page.ok());
    REQUIRE(page->items.size() == 1);
    const auto& p = page->items[0];
    CHECK(p.name == "broadcast-landscape");
    CHECK(p.creator_type == ProfileCreatorType::SYSTEM);
    CHECK(!p.app_id);
    CHECK(p.profile_json ==
          R"({"segmentDuration":2,"videoStreams":[{"name":"360p","type":"video","width":640,"height":360,)"
          R"("bitrate":800000},{"name":"720p","type":"video","width":1280,"height":720,"bitrate":3000000}],)"
          R"("audioStream":{"name":"audio","type":"audio","bitrate":128000},"drm":false})");
    auto portrait = tx.ListProfiles(ProfileFilter{1, {}, {}, {}, "broadcast-portrait"}, PageRequest{0, 10});
    REQUIRE(portrait.ok());
    REQUIRE(portrait->items.size() == 1);
    CHECK(portrait->items[0].profile_json.find(R"("width":360,"height":640)") != std::string::npos);
    return Status::Ok();
  }).ok());
}

TEST_CASE("a transaction that returns an error changes nothing") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  Status s = store->Transact([&](StoreTx& tx) {
    auto a = tx.InsertApp(NewApp("k1"));
    REQUIRE(a.ok());
    return Status(ErrorCode::VIDEO_ROOM_NOT_FOUND, "boom");
  });
  CHECK(s.code() == ErrorCode::VIDEO_ROOM_NOT_FOUND);
  REQUIRE(store->Read([&](StoreTx& tx) {
    auto found = tx.FindAppByKey("k1");
    REQUIRE(found.ok());
    CHECK(!found->has_value());
    return Status::Ok();
  }).ok());
  // A constraint violation inside fn is an error too and rolls back.
  s = store->Transact([&](StoreTx& tx) {
    REQUIRE(tx.InsertApp(NewApp("k2")).ok());
    auto dup = tx.InsertApp(NewApp("k2"));
    return dup.ok() ? Status::Ok() : dup.status();
  });
  CHECK(s.code() == ErrorCode::INTERNAL_SERVER_ERROR);
  REQUIRE(store->Read([&](StoreTx& tx) {
    CHECK(tx.ListApps()->empty());
    return Status::Ok();
  }).ok());
}

TEST_CASE("writes in a read transaction are refused") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  Status s = store->Read([&](StoreTx& tx) {
    auto a = tx.InsertApp(NewApp("k"));
    return a.ok() ? Status::Ok() : a.status();
  });
  CHECK(!s.ok());
}

TEST_CASE("strings are stored and returned verbatim") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  static constexpr char kNasty[] = "it's \"quoted\"; DROP TABLE members; --\0after NUL 한국어";
  const std::string nasty(kNasty, sizeof kNasty - 1);
  REQUIRE(nasty.find('\0') != std::string::npos);
  Id app_id = 0, member_id = 0;
  REQUIRE(store->Transact([&](StoreTx& tx) {
    auto a = tx.InsertApp(NewApp("k"));
    REQUIRE(a.ok());
    app_id = a->id;
    Member m;
    m.app_id = app_id;
    m.app_user_id = "u1";
    m.app_user_name = nasty;
    m.custom_data = CustomData{{nasty, nasty}};
    auto ins = tx.InsertMember(m);
    REQUIRE(ins.ok());
    member_id = ins->id;
    return Status::Ok();
  }).ok());
  REQUIRE(store->Read([&](StoreTx& tx) {
    auto m = tx.GetMember(app_id, member_id);
    REQUIRE(m.ok());
    CHECK(*m->app_user_name == nasty);
    CHECK(m->custom_data->at(nasty) == nasty);
    auto page = tx.ListMembers(MemberFilter{app_id, {}, nasty}, PageRequest{});
    REQUIRE(page.ok());
    CHECK(page->total == 1);
    // Other apps do not see it.
    CHECK(tx.GetMember(app_id + 1, member_id).status().code() == ErrorCode::MEMBER_NOT_FOUND);
    return Status::Ok();
  }).ok());
}

TEST_CASE("a deleted member frees its appUserId") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = OpenStore(dir.File("db.sqlite"), clock);
  REQUIRE(store->Transact([&](StoreTx& tx) {
    auto a = tx.InsertApp(NewApp("k"));
    Member m;
    m.app_id = a->id;
    m.app_user_id = "same";
    auto first = tx.InsertMember(m);
    REQUIRE(first.ok());
    CHECK(!tx.InsertMember(m).ok());
    first->state = EntityState::DELETED;
    REQUIRE(tx.UpdateMember(*first).ok());
    CHECK(tx.InsertMember(m).ok());
    CHECK(tx.GetMember(a->id, first->id).status().code() == ErrorCode::MEMBER_NOT_FOUND);
    return Status::Ok();
  }).ok());
}

}  // namespace
}  // namespace ffsb::store

namespace ffsb::store {
namespace {

TEST_CASE("posts by id across apps, and by state for restart recovery") {
  testing::TempDir dir;
  FakeClock clock;
  auto store = sqlite::SqliteStore::Open(dir.File("db.sqlite"), clock);
  REQUIRE(store.ok());
  std::vector<Id> ids;
  REQUIRE((*store)->Transact([&](StoreTx& tx) {
    for (const char* key : {"a", "b"}) {
      App a;
      a.name = a.api_key = key;
      a.api_secret_hash = "h";
      auto app = tx.InsertApp(a);
      REQUIRE(app.ok());
      Member m;
      m.app_id = app->id;
      m.app_user_id = "u";
      auto member = tx.InsertMember(m);
      REQUIRE(member.ok());
      for (VideoPostState st : {VideoPostState::QUEUED, VideoPostState::PROCESSED, VideoPostState::PROCESSING}) {
        VideoPost p;
        p.app_id = app->id;
        p.member_id = member->id;
        p.video_post_state = st;
        auto ins = tx.InsertVideoPost(p);
        REQUIRE(ins.ok());
        ids.push_back(ins->id);
      }
    }
    return Status::Ok();
  }).ok());
  REQUIRE((*store)->Read([&](StoreTx& tx) {
    auto p = tx.GetVideoPostById(ids[4]);
    REQUIRE(p.ok());
    CHECK(p->video_post_state == VideoPostState::PROCESSED);
    CHECK(tx.GetVideoPostById(9999).status().code() == ErrorCode::VIDEO_POST_NOT_FOUND);
    auto pending = tx.ListVideoPostsInStates({VideoPostState::QUEUED, VideoPostState::PROCESSING});
    REQUIRE(pending.ok());
    std::vector<Id> got;
    for (auto& v : *pending) got.push_back(v.id);
    CHECK(got == std::vector<Id>{ids[0], ids[2], ids[3], ids[5]});  // both apps, oldest first
    return Status::Ok();
  }).ok());
}

}  // namespace
}  // namespace ffsb::store
