#include <catch2/catch.hpp>

#include "server/store/sqlite/sqlite_store.h"
#include "tests/unit/store/temp_db.h"

namespace ffsb::store {
namespace {

using namespace ffsb::domain;

struct Fixture {
  testing::TempDir dir;
  FakeClock clock;
  std::unique_ptr<Store> store;
  Id app = 0, other_app = 0;
  std::vector<Id> members;

  Fixture() {
    auto s = sqlite::SqliteStore::Open(dir.File("db.sqlite"), clock);
    REQUIRE(s.ok());
    store = std::move(*s);
    REQUIRE(store->Transact([&](StoreTx& tx) {
      for (const char* key : {"a", "b"}) {
        App a;
        a.api_key = key;
        auto ins = tx.InsertApp(a);
        REQUIRE(ins.ok());
        (app ? other_app : app) = ins->id;
      }
      // 5 members in app, created one second apart, last modified in reverse.
      const char* ids[] = {"carol", "alice", "erin", "bob", "dave"};
      for (int i = 0; i < 5; ++i) {
        Member m;
        m.app_id = app;
        m.app_user_id = ids[i];
        m.app_user_name = i % 2 ? "odd" : "even";
        m.created_at = 1000 + i;
        m.last_modified_at = 2000 - i;
        auto ins = tx.InsertMember(m);
        REQUIRE(ins.ok());
        members.push_back(ins->id);
      }
      Member stranger;
      stranger.app_id = other_app;
      stranger.app_user_id = "alice";
      REQUIRE(tx.InsertMember(stranger).ok());
      return Status::Ok();
    }).ok());
  }

  std::vector<std::string> Ids(const MemberFilter& f, PageRequest p, int64_t* total = nullptr) {
    std::vector<std::string> out;
    REQUIRE(store->Read([&](StoreTx& tx) {
      auto page = tx.ListMembers(f, p);
      if (!page.ok()) return page.status();
      for (auto& m : page->items) out.push_back(m.app_user_id);
      if (total) *total = page->total;
      return Status::Ok();
    }).ok());
    return out;
  }
};

using V = std::vector<std::string>;

TEST_CASE("member lists sort, page and filter") {
  Fixture f;
  MemberFilter all{f.app, {}, {}};
  int64_t total = 0;
  CHECK(f.Ids(all, {0, 20, SortBy::CREATED_AT_ASC}, &total) == V{"carol", "alice", "erin", "bob", "dave"});
  CHECK(total == 5);
  CHECK(f.Ids(all, {0, 20, SortBy::CREATED_AT_DESC}) == V{"dave", "bob", "erin", "alice", "carol"});
  CHECK(f.Ids(all, {0, 20, SortBy::LAST_MODIFIED_AT_ASC}) == V{"dave", "bob", "erin", "alice", "carol"});
  CHECK(f.Ids(all, {0, 20, SortBy::LAST_MODIFIED_AT_DESC}) == V{"carol", "alice", "erin", "bob", "dave"});
  CHECK(f.Ids(all, {0, 20, SortBy::APP_USER_ID_ASC}) == V{"alice", "bob", "carol", "dave", "erin"});
  CHECK(f.Ids(all, {0, 20, SortBy::APP_USER_ID_DESC}) == V{"erin", "dave", "carol", "bob", "alice"});
  // Paging: offset 2, limit 2; total still counts every match.
  CHECK(f.Ids(all, {2, 2, SortBy::APP_USER_ID_ASC}, &total) == V{"carol", "dave"});
  CHECK(total == 5);
  CHECK(f.Ids(all, {10, 2, SortBy::APP_USER_ID_ASC}, &total).empty());
  CHECK(total == 5);
  // Filters.
  CHECK(f.Ids({f.app, "alice", {}}, {}, &total) == V{"alice"});
  CHECK(f.Ids({f.app, {}, "odd"}, {0, 20, SortBy::APP_USER_ID_ASC}) == V{"alice", "bob"});
  CHECK(f.Ids({f.app, "nobody", {}}, {}, &total).empty());
  CHECK(total == 0);
  // App scoping.
  CHECK(f.Ids({f.other_app, {}, {}}, {}) == V{"alice"});
}

TEST_CASE("room lists filter by state, keyword and owner; appUserId sorts are refused") {
  Fixture f;
  REQUIRE(f.store->Transact([&](StoreTx& tx) {
    for (int i = 0; i < 4; ++i) {
      VideoRoom r;
      r.app_id = f.app;
      r.member_id = f.members[i % 2];
      r.uuid = "uuid-" + std::to_string(i);
      r.title = i == 2 ? "100% 'special'_title" : "room " + std::to_string(i);
      r.video_room_state = i == 3 ? VideoRoomState::CANCELLED : VideoRoomState::SCHEDULED;
      r.created_at = r.last_modified_at = 100 + i;
      REQUIRE(tx.InsertVideoRoom(r).ok());
    }
    return Status::Ok();
  }).ok());
  auto titles = [&](VideoRoomFilter filter, PageRequest p = {}) {
    std::vector<std::string> out;
    Status s = f.store->Read([&](StoreTx& tx) {
      auto page = tx.ListVideoRooms(filter, p);
      if (!page.ok()) return page.status();
      for (auto& r : page->items) out.push_back(r.title);
      return Status::Ok();
    });
    if (!s.ok()) out.push_back("ERROR " + std::string(ErrorCodeName(s.code())));
    return out;
  };
  VideoRoomFilter base{f.app, {}, {}, {}, {}, {}, {}};
  CHECK(titles(base).size() == 4);
  auto by_state = base;
  by_state.video_room_state = VideoRoomState::CANCELLED;
  CHECK(titles(by_state) == V{"room 3"});
  auto by_keyword = base;
  by_keyword.keyword = "% 'special'_";  // LIKE wildcards are literal
  CHECK(titles(by_keyword) == V{"100% 'special'_title"});
  by_keyword.keyword = "_";
  CHECK(titles(by_keyword) == V{"100% 'special'_title"});
  auto by_owner = base;
  by_owner.app_user_id = "alice";  // members[1]
  CHECK(titles(by_owner, {0, 20, SortBy::CREATED_AT_ASC}) == V{"room 1", "room 3"});
  CHECK(titles(base, {0, 20, SortBy::APP_USER_ID_ASC}) == V{"ERROR INVALID_REQUEST_PARAMETER"});
}

}  // namespace
}  // namespace ffsb::store
