// The StoreTx of the SQLite engine: runs on one borrowed connection inside a
// transaction that SqliteStore opened (and will commit or roll back). Private
// to the engine.
//
// Thread-safety: used by the one thread running the transaction callback.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "server/store/sqlite/connection.h"
#include "server/store/store.h"

namespace ffsb::store::sqlite {

// A list query: "FROM ... WHERE ..." with its bound values, run as a COUNT
// and as a page of (id, doc) rows.
struct ListQuery {
  std::string from_where;
  std::vector<std::variant<int64_t, std::string>> binds;
  void And(const std::string& cond) { from_where += " AND " + cond; }
  template <typename T>
  void And(const std::string& cond, T v) {
    And(cond);
    binds.emplace_back(std::move(v));
  }
};

class SqliteTx final : public StoreTx {
 public:
  SqliteTx(Connection& c, bool read_only) : c_(c), read_only_(read_only) {}

  // StoreTx
  Result<domain::App> GetApp(Id id) override;
  Result<std::optional<domain::App>> FindAppByKey(std::string_view api_key) override;
  Result<std::vector<domain::App>> ListApps() override;
  Result<domain::App> InsertApp(domain::App app) override;
  Status UpdateApp(const domain::App& app) override;

  Result<domain::Member> GetMember(Id app_id, Id id) override;
  Result<std::optional<domain::Member>> FindMemberByAppUserId(Id app_id, std::string_view app_user_id) override;
  Result<Page<domain::Member>> ListMembers(const MemberFilter& f, const PageRequest& p) override;
  Result<domain::Member> InsertMember(domain::Member m) override;
  Status UpdateMember(const domain::Member& m) override;

  Result<domain::StreamKey> GetStreamKey(Id app_id, Id id) override;
  Result<domain::StreamKey> GetStreamKeyAnyApp(Id id) override;
  Result<std::optional<domain::StreamKey>> FindStreamKeyByString(std::string_view stream_key) override;
  Result<std::optional<domain::StreamKey>> FindStreamKeyByMember(Id app_id, Id member_id) override;
  Result<Page<domain::StreamKey>> ListStreamKeys(const StreamKeyFilter& f, const PageRequest& p) override;
  Result<std::vector<domain::StreamKey>> ListStreamKeysInStates(
      const std::vector<domain::StreamKeyState>& states) override;
  Result<domain::StreamKey> InsertStreamKey(domain::StreamKey k) override;
  Status UpdateStreamKey(const domain::StreamKey& k) override;

  Result<domain::VideoRoom> GetVideoRoom(Id app_id, Id id) override;
  Result<domain::VideoRoom> GetVideoRoomByUuid(Id app_id, std::string_view uuid) override;
  Result<Page<domain::VideoRoom>> ListVideoRooms(const VideoRoomFilter& f, const PageRequest& p) override;
  Result<domain::VideoRoom> InsertVideoRoom(domain::VideoRoom r) override;
  Status UpdateVideoRoom(const domain::VideoRoom& r) override;

  Result<domain::VideoPost> GetVideoPost(Id app_id, Id id) override;
  Result<domain::VideoPost> GetVideoPostById(Id id) override;
  Result<std::vector<domain::VideoPost>> ListVideoPostsInStates(
      const std::vector<domain::VideoPostState>& states) override;
  Result<Page<domain::VideoPost>> ListVideoPosts(const VideoPostFilter& f, const PageRequest& p) override;
  Result<domain::VideoPost> InsertVideoPost(domain::VideoPost v) override;
  Status UpdateVideoPost(const domain::VideoPost& v) override;

  Result<domain::TranscodingProfile> GetProfile(Id app_id, Id id) override;
  Result<Page<domain::TranscodingProfile>> ListProfiles(const ProfileFilter& f, const PageRequest& p) override;
  Result<domain::TranscodingProfile> InsertProfile(domain::TranscodingProfile t) override;

  Result<MemberToken> InsertToken(MemberToken t) override;
  Result<std::optional<MemberToken>> FindToken(std::string_view token_hash) override;
  Status DeleteTokensOfMember(Id member_id) override;
  Status DeleteExpiredTokens(Micros now) override;

  Result<WebhookDelivery> InsertDelivery(WebhookDelivery d) override;
  Status UpdateDelivery(const WebhookDelivery& d) override;
  Result<std::vector<WebhookDelivery>> ListDueDeliveries(Micros now, int limit) override;

 private:
  Status Writable() const;
  // Runs sql (selecting id, doc) and decodes at most one row.
  template <typename T>
  Result<std::optional<T>> QueryOne(Stmt& s);
  template <typename T>
  Result<std::vector<T>> QueryAll(Stmt& s);
  template <typename T>
  Result<std::optional<T>> QueryOne(Stmt&& s) { return QueryOne<T>(s); }
  template <typename T>
  Result<std::vector<T>> QueryAll(Stmt&& s) { return QueryAll<T>(s); }
  // COUNT(*) and one page of `q`, ordered per p.sort using `app_user_id_col`
  // for the APP_USER_ID sorts (empty: those sorts are refused).
  template <typename T>
  Result<Page<T>> RunList(const ListQuery& q, const PageRequest& p, const std::string& app_user_id_col);
  template <typename T>
  Result<T> Required(Result<std::optional<T>> r, ErrorCode not_found, const std::string& what);
  // UPDATE ... WHERE id = ? must touch exactly one row.
  Status ExpectOneChange(Status s, const std::string& what);

  Connection& c_;
  const bool read_only_;
};

}  // namespace ffsb::store::sqlite
