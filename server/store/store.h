// The storage interface: every entity of server/domain/entities.h plus apps,
// member tokens and webhook deliveries. One engine today (SQLite, in
// server/store/sqlite/); the control layer only ever sees this interface, so a
// second engine (or an in-memory fake) can be added without touching it.
//
// Shape:
//  - All reads and writes go through a StoreTx handed to a callback by
//    Store::Read (a consistent read snapshot) or Store::Transact (one atomic
//    write transaction: the callback's changes commit together when it returns
//    OK, and all roll back when it returns an error).
//  - Reads of app-owned entities take the app_id: an id of another app is the
//    resource's NOT_FOUND code, exactly as an unknown id.
//  - Getters return the resource's 404 code (MEMBER_NOT_FOUND, ...) when the
//    row is absent or DELETED (members, rooms, posts, keys); the other failures
//    are INTERNAL_SERVER_ERROR with the engine's message.
//  - Lists take a filter, a PageRequest and answer Page{items, total}.
//
// Thread-safety: a Store is safe to use from any number of threads; a StoreTx
// belongs to the thread running the callback and must not escape it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/clock.h"
#include "server/base/status.h"
#include "server/domain/entities.h"

namespace ffsb::store {

using domain::Id;

// Offset/limit paging plus the contract's sortBy (§2). Ties are broken by id
// in the same direction, so pages are stable.
struct PageRequest {
  int64_t offset = 0;
  int64_t limit = 20;
  domain::SortBy sort = domain::SortBy::CREATED_AT_DESC;
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t total = 0;  // matching rows over all pages
};

// Filters (contract §3–§7). Unset fields do not filter. String filters are
// exact matches except `keyword` (substring of title or description) and
// profile `name` (exact).
struct MemberFilter {
  Id app_id = 0;
  std::optional<std::string> app_user_id;
  std::optional<std::string> app_user_name;
};
struct StreamKeyFilter {
  Id app_id = 0;
  std::optional<Id> member_id;
  std::optional<std::string> app_user_id;
  std::optional<std::string> app_user_name;
  std::optional<Id> video_room_id;  // the room broadcasting with the key
};
struct VideoRoomFilter {
  Id app_id = 0;
  std::optional<Id> member_id;
  std::optional<std::string> app_user_id;
  std::optional<std::string> keyword;
  std::optional<domain::VideoRoomState> video_room_state;
  std::optional<domain::VideoRoomType> type;
  std::optional<domain::AccessLevel> access_level;
};
struct VideoPostFilter {
  Id app_id = 0;
  std::optional<Id> member_id;
  std::optional<std::string> app_user_id;
  std::optional<domain::VideoPostState> video_post_state;
  std::optional<domain::AccessLevel> access_level;
  std::optional<std::string> keyword;
  std::optional<Id> video_room_id;
};
struct ProfileFilter {
  Id app_id = 0;  // SYSTEM profiles are visible to every app
  std::optional<domain::ProfileType> type;
  std::optional<domain::ProfileCreatorType> creator_type;
  std::optional<domain::RepresentativeType> representative_type;
  std::optional<std::string> name;
};

// A member (or guest) token. Only its SHA-256 is stored (tokens are 40+
// random characters, so an unsalted hash is enough to make a stolen database
// useless for impersonation while keeping lookup by hash).
enum class TokenKind { ACCESS, REFRESH, STREAMING };
struct MemberToken {
  Id id = 0;
  Id app_id = 0;
  std::optional<Id> member_id;  // null for a guest
  TokenKind kind = TokenKind::ACCESS;
  std::string token_hash;  // lowercase hex SHA-256 of the token
  Micros expires_at = 0;
  Micros created_at = 0;
};

// A webhook (contract §8) waiting to be sent or already sent (later issues).
enum class DeliveryState { PENDING, SUCCEEDED, FAILED };
struct WebhookDelivery {
  Id id = 0;
  Id app_id = 0;
  std::string url;
  std::string type;       // "STREAM_KEY_ACTIVE", ...
  std::string body_json;  // the exact body to POST
  DeliveryState state = DeliveryState::PENDING;
  int attempts = 0;
  int last_http_status = 0;
  std::string last_error;
  Micros next_attempt_at = 0;
  Micros created_at = 0;
  Micros last_modified_at = 0;
};

class StoreTx {
 public:
  virtual ~StoreTx() = default;

  // Apps (not app-scoped: the app is the scope). Deleted apps are not found
  // (INVALID_APP_CREDENTIALS for by-key lookups, INTERNAL_SERVER_ERROR by id).
  virtual Result<domain::App> GetApp(Id id) = 0;
  virtual Result<std::optional<domain::App>> FindAppByKey(std::string_view api_key) = 0;
  virtual Result<std::vector<domain::App>> ListApps() = 0;
  virtual Result<domain::App> InsertApp(domain::App app) = 0;  // answers it with its id
  virtual Status UpdateApp(const domain::App& app) = 0;

  // Members. app_user_id is unique among an app's ACTIVE members.
  virtual Result<domain::Member> GetMember(Id app_id, Id id) = 0;
  virtual Result<std::optional<domain::Member>> FindMemberByAppUserId(Id app_id, std::string_view app_user_id) = 0;
  virtual Result<Page<domain::Member>> ListMembers(const MemberFilter& f, const PageRequest& p) = 0;
  virtual Result<domain::Member> InsertMember(domain::Member m) = 0;
  virtual Status UpdateMember(const domain::Member& m) = 0;

  // Stream keys. stream_key and play_id are unique.
  virtual Result<domain::StreamKey> GetStreamKey(Id app_id, Id id) = 0;
  virtual Result<domain::StreamKey> GetStreamKeyAnyApp(Id id) = 0;  // the media plane knows no app
  virtual Result<std::optional<domain::StreamKey>> FindStreamKeyByString(std::string_view stream_key) = 0;
  virtual Result<std::optional<domain::StreamKey>> FindStreamKeyByMember(Id app_id, Id member_id) = 0;
  virtual Result<Page<domain::StreamKey>> ListStreamKeys(const StreamKeyFilter& f, const PageRequest& p) = 0;
  // Every ACTIVE key in one of these states, of every app (restart recovery).
  virtual Result<std::vector<domain::StreamKey>> ListStreamKeysInStates(
      const std::vector<domain::StreamKeyState>& states) = 0;
  virtual Result<domain::StreamKey> InsertStreamKey(domain::StreamKey k) = 0;
  virtual Status UpdateStreamKey(const domain::StreamKey& k) = 0;

  // Video rooms. uuid is unique.
  virtual Result<domain::VideoRoom> GetVideoRoom(Id app_id, Id id) = 0;
  virtual Result<domain::VideoRoom> GetVideoRoomByUuid(Id app_id, std::string_view uuid) = 0;
  virtual Result<Page<domain::VideoRoom>> ListVideoRooms(const VideoRoomFilter& f, const PageRequest& p) = 0;
  virtual Result<domain::VideoRoom> InsertVideoRoom(domain::VideoRoom r) = 0;
  virtual Status UpdateVideoRoom(const domain::VideoRoom& r) = 0;

  // Video posts.
  virtual Result<domain::VideoPost> GetVideoPost(Id app_id, Id id) = 0;
  // Any app's post (the archive pipeline knows only the post id).
  virtual Result<domain::VideoPost> GetVideoPostById(Id id) = 0;
  // Every app's active posts in these states, oldest first (restart recovery).
  virtual Result<std::vector<domain::VideoPost>> ListVideoPostsInStates(
      const std::vector<domain::VideoPostState>& states) = 0;
  virtual Result<Page<domain::VideoPost>> ListVideoPosts(const VideoPostFilter& f, const PageRequest& p) = 0;
  virtual Result<domain::VideoPost> InsertVideoPost(domain::VideoPost v) = 0;
  virtual Status UpdateVideoPost(const domain::VideoPost& v) = 0;

  // Transcoding profiles: SYSTEM ones (app_id null) are seeded by a migration.
  virtual Result<domain::TranscodingProfile> GetProfile(Id app_id, Id id) = 0;
  virtual Result<Page<domain::TranscodingProfile>> ListProfiles(const ProfileFilter& f, const PageRequest& p) = 0;
  virtual Result<domain::TranscodingProfile> InsertProfile(domain::TranscodingProfile t) = 0;

  // Member tokens. Find answers nullopt for unknown hashes (expiry is the
  // caller's check).
  virtual Result<MemberToken> InsertToken(MemberToken t) = 0;
  virtual Result<std::optional<MemberToken>> FindToken(std::string_view token_hash) = 0;
  virtual Status DeleteTokensOfMember(Id member_id) = 0;
  virtual Status DeleteExpiredTokens(Micros now) = 0;

  // Webhook deliveries.
  virtual Result<WebhookDelivery> InsertDelivery(WebhookDelivery d) = 0;
  virtual Status UpdateDelivery(const WebhookDelivery& d) = 0;
  virtual Result<std::vector<WebhookDelivery>> ListDueDeliveries(Micros now, int limit) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  using TxFn = std::function<Status(StoreTx&)>;

  // One write transaction: fn's changes commit when it returns OK and roll
  // back entirely when it returns an error (that error is returned). A commit
  // failure is INTERNAL_SERVER_ERROR (or SERVICE_UNAVAILABLE when the database
  // stayed locked past the busy timeout) and nothing is changed.
  virtual Status Transact(const TxFn& fn) = 0;
  // A read-only snapshot; writes inside fn fail.
  virtual Status Read(const TxFn& fn) = 0;
  // The schema version after migrations (for diagnostics and tests).
  virtual int SchemaVersion() = 0;
};

std::string_view ToString(TokenKind k);
std::optional<TokenKind> ParseTokenKind(std::string_view s);
std::string_view ToString(DeliveryState s);
std::optional<DeliveryState> ParseDeliveryState(std::string_view s);

// Names of the predefined SYSTEM profiles seeded by the migrations.
inline constexpr std::string_view kBroadcastLandscapeProfile = "broadcast-landscape";
inline constexpr std::string_view kBroadcastPortraitProfile = "broadcast-portrait";
inline constexpr std::string_view kVodDefaultProfile = "vod-default";
inline constexpr std::string_view kThumbnailDefaultProfile = "thumbnail-default";
inline constexpr std::string_view kPreviewDefaultProfile = "preview-default";

}  // namespace ffsb::store
