// The control plane: every use case of the server API (contract §2–§7) and
// of the media plane's ingest, on top of the Store. HTTP handlers and the
// RTMP server call these; they never touch the store themselves.
//
// Consistency: every state change runs in ONE store transaction together
// with its consequences (e.g. ending a broadcast also creates the recording's
// video post and starts archiving). State-changing use cases are serialized
// by one mutex (write_mu_), so a read-check-write never races another. The
// broadcast controls also take a per-room / per-key in-flight lock with
// try_lock: a second identical request while the first is being processed
// answers REQUEST_LOCKED (contract §2) instead of queuing.
//
// After commit: DomainEvents go to the listeners in commit order, and
// IngestDropper::DropIngest runs for force-terminated keys (events.h).
//
// Threading: all methods are safe from any thread (HTTP workers, the media
// plane's loop). Reads do not take write_mu_.
//
// Ownership: Control borrows the store, clock, random, dropper and
// listeners; they must outlive it. Configure (SetIngestDropper,
// AddListener) before serving requests.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/base/random.h"
#include "server/base/status.h"
#include "server/control/credentials.h"
#include "server/control/events.h"
#include "server/control/views.h"
#include "server/store/store.h"

namespace ffsb::control {

struct ControlOptions {
  Micros access_token_ttl = 24LL * 3600 * 1'000'000;        // contract §2: 24 h
  Micros refresh_token_ttl = 30LL * 24 * 3600 * 1'000'000;  // Decided: 30 days
  Micros streaming_token_ttl = 24LL * 3600 * 1'000'000;
};

class Control {
 public:
  Control(store::Store& store, const Clock& clock, Random& random, ControlOptions options = {});
  ~Control();

  void SetIngestDropper(IngestDropper* dropper);
  void AddListener(EventListener* listener);

  // ---- apps
  // key/secret: fixed credentials (tests, config); random when absent.
  Result<CreatedApp> CreateApp(std::string name, std::optional<std::string> api_key = std::nullopt,
                               std::optional<std::string> api_secret = std::nullopt);
  Result<std::vector<domain::App>> ListApps();
  // EMPTY_APP_CREDENTIALS when key or secret is empty, INVALID_APP_CREDENTIALS
  // when they do not match an app.
  Result<domain::App> Authenticate(std::string_view api_key, std::string_view api_secret);
  Result<domain::App> GetApp(Id app_id);
  Result<domain::App> UpdateApp(Id app_id, const AppSettingsPatch& patch);

  // ---- members (contract §3)
  Result<UpsertResult> UpsertMember(Id app_id, const std::string& app_user_id, const MemberFields& fields);
  Result<LoginResult> LoginMember(Id app_id, const std::string& app_user_id, const MemberFields& fields);
  Result<LoginResult> LoginGuest(Id app_id);
  Result<store::Page<MemberView>> ListMembers(const store::MemberFilter& filter, const store::PageRequest& page);
  Result<MemberView> GetMember(Id app_id, const std::string& app_user_id);
  Result<MemberView> UpdateMember(Id app_id, const std::string& app_user_id, const MemberFields& fields);
  // All or nothing: one unknown id is MEMBER_NOT_FOUND and deletes none.
  // A member that is broadcasting is force-terminated first.
  Status DeleteMembers(Id app_id, const std::vector<std::string>& app_user_ids);
  Result<StreamKeyView> GetMemberStreamKey(Id app_id, const std::string& app_user_id);
  Status ForceTerminateMember(Id app_id, const std::string& app_user_id);
  // Bearer: EMPTY_ACCESS_TOKEN, INVALID_ACCESS_TOKEN (unknown, not an access
  // token, a guest's, or its member deleted), EXPIRED_ACCESS_TOKEN.
  Result<MemberPrincipal> AuthenticateMember(std::string_view access_token);

  // ---- stream keys (contract §4)
  Result<store::Page<StreamKeyView>> ListStreamKeys(const store::StreamKeyFilter& filter,
                                                    const store::PageRequest& page);
  Result<StreamKeyView> GetStreamKey(Id app_id, Id key_id);
  Result<StreamKeyView> GetStreamKeyOfMember(Id app_id, Id member_id);
  Result<StreamKeyView> UpdateStreamKey(Id app_id, Id key_id, const StreamKeyPatch& patch);
  // A new key string; play_id stays. The running ingest (if any) continues.
  Result<StreamKeyView> ReissueStreamKey(Id app_id, Id key_id);
  // Contract §5 force end: never refused (except REQUEST_LOCKED / unknown key).
  Status ForceTerminate(Id app_id, Id key_id);

  // ---- video rooms (contract §5)
  // type: nullopt -> EMPTY_VIDEO_ROOM_TYPE (the handler maps other types to
  // VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP). Owner by appUserId (server API) or
  // the caller's member (member API).
  Result<VideoRoomView> CreateVideoRoom(Id app_id, const Caller& caller, std::optional<domain::VideoRoomType> type,
                                        const std::string& owner_app_user_id, const RoomFields& fields);
  Result<store::Page<VideoRoomView>> ListVideoRooms(const store::VideoRoomFilter& filter,
                                                    const store::PageRequest& page);
  Result<VideoRoomView> GetVideoRoom(Id app_id, const Caller& caller, Id room_id);
  Result<VideoRoomView> GetVideoRoomByUuid(Id app_id, const Caller& caller, const std::string& uuid);
  Result<VideoRoomView> UpdateVideoRoom(Id app_id, const Caller& caller, Id room_id, const RoomFields& fields);
  // VIDEO_ROOM_STATE_NOT_DELETABLE while LIVE or LIVE_INACTIVE.
  Status DeleteVideoRoom(Id app_id, const Caller& caller, Id room_id);
  Result<VideoRoomView> GoLive(Id app_id, const Caller& caller, Id room_id);
  Result<VideoRoomView> EndBroadcast(Id app_id, const Caller& caller, Id room_id);
  Result<VideoRoomView> CancelBroadcast(Id app_id, const Caller& caller, Id room_id);

  // ---- video posts and profiles (contract §6, §7)
  Result<store::Page<VideoPostView>> ListVideoPosts(const store::VideoPostFilter& filter,
                                                    const store::PageRequest& page);
  Result<VideoPostView> GetVideoPost(Id app_id, Id post_id);
  Result<store::Page<domain::TranscodingProfile>> ListProfiles(const store::ProfileFilter& filter,
                                                               const store::PageRequest& page);
  Result<domain::TranscodingProfile> GetProfile(Id app_id, Id profile_id);

  // ---- uploaded video posts (contract §6; video_post_uploads.cc)
  // A PRE_RECORDED post, CREATED, owned by owner_app_user_id (server API) or
  // the calling member.
  Result<VideoPostView> CreateVideoPost(Id app_id, const Caller& caller, const std::string& owner_app_user_id,
                                        const PostFields& fields);
  Result<VideoPostView> UpdateVideoPost(Id app_id, Id post_id, const PostFields& fields);
  // VIDEO_POST_STATE_INVALID while QUEUED or PROCESSING.
  Status DeleteVideoPost(Id app_id, Id post_id);
  // The post takes an upload: PRE_RECORDED and CREATED, else VIDEO_POST_STATE_INVALID.
  Result<VideoPostView> CheckUploadable(Id app_id, Id post_id);
  // CREATED -> UPLOADED -> QUEUED (the archive pipeline picks it up from the
  // QUEUED event). src.url/path are the uploaded file's.
  Result<VideoPostView> UploadCompleted(Id app_id, Id post_id, const domain::MediaFile& src);
  Status UploadFailed(Id app_id, Id post_id, const std::string& reason);  // -> FAILED_UPLOAD

  // ---- VOD archiving (contract §5, §6; archiving.cc), called by the archive
  // pipeline with the post id as the job id. Each is one transaction.
  // QUEUED -> PROCESSING (PROCESSING already: OK, a job resumed after a restart).
  Status ArchiveStarted(Id post_id);
  // -> PROCESSED with the files (types MP4, CMAF_HLS, CMAF_MPEG_DASH,
  // THUMBNAIL; url = a path under /vod/{postId}/, rendered against the API's
  // http_base). The recording's room: ARCHIVED, vodState ARCHIVED, vodUrl
  // (the HLS url, else the MP4's), vodArchivedAt.
  Status ArchiveSucceeded(Id post_id, const std::vector<domain::MediaFile>& files);
  // -> FAILED_PROCESSING with the reason; the room's vodState FAILED_ARCHIVING.
  Status ArchiveFailed(Id post_id, const std::string& reason);
  // QUEUED and PROCESSING posts of every app, oldest first (restart recovery).
  Result<std::vector<domain::VideoPost>> PendingArchives();

  // ---- ingest (media plane, contract §4)
  // Unknown key (or deleted member) -> STREAM_KEY_NOT_FOUND; already
  // ingesting -> STREAM_KEY_IN_USE. Mode: the URL's, else the key's own,
  // else the app's default. Applies INGEST_ACCEPTED.
  Result<IngestGrant> AuthorizeIngest(std::string_view stream_key, std::optional<domain::OutputMode> url_mode);
  Status IngestViewable(Id stream_key_id);  // OUTPUT_VIEWABLE (+ the room resumes)
  Status IngestStopped(Id stream_key_id);   // INGEST_STOPPED (+ room LIVE_INACTIVE)
  void IngestStats(Id stream_key_id, const domain::IngestStats& stats);  // in memory
  void IngestError(Id stream_key_id, std::string code, std::string message);  // persisted as key.error
  // No ingest survives a restart: ACTIVE_PREP/ACTIVE -> INACTIVE;
  // ACTIVE_LIVE/ACTIVE_LIVE_PREP -> INACTIVE_LIVE (+ room LIVE_INACTIVE).
  void RecoverAfterRestart();

  // Collected by a change while its transaction runs (internal; public for
  // the use-case files).
  struct Changes {
    std::vector<DomainEvent> events;
    std::vector<Id> drop_ingests;
  };

 private:
  // Runs fn once, in one write transaction under write_mu_; after commit
  // publishes what it collected (nothing on error: the transaction rolled back).
  template <typename T, typename Fn>
  Result<T> Change(Fn&& fn);
  Status ChangeStatus(const std::function<Status(store::StoreTx&, Changes&)>& fn);
  void Publish(Changes changes);
  void DrainEvents();

  // Save an entity and record an event when its state changed.
  Status SaveKey(store::StoreTx& tx, Changes& ch, const domain::StreamKey& before, const domain::StreamKey& after);
  Status SaveRoom(store::StoreTx& tx, Changes& ch, const domain::VideoRoom& before, const domain::VideoRoom& after);
  Status SavePost(store::StoreTx& tx, Changes& ch, const domain::VideoPost* before, domain::VideoPost& after);

  // View loaders (inside a transaction).
  Result<MemberView> LoadMemberView(store::StoreTx& tx, const domain::Member& m);
  Result<StreamKeyView> LoadKeyView(store::StoreTx& tx, const domain::StreamKey& k);
  Result<VideoRoomView> LoadRoomView(store::StoreTx& tx, const domain::VideoRoom& r);
  Result<VideoPostView> LoadPostView(store::StoreTx& tx, const domain::VideoPost& p);
  Result<domain::VideoRoom> LoadRoomFor(store::StoreTx& tx, Id app_id, const Caller& caller, Id room_id);

  Result<MemberTokens> IssueTokens(store::StoreTx& tx, Id app_id, std::optional<Id> member_id);
  Result<UpsertResult> UpsertInTx(store::StoreTx& tx, Changes& ch, Id app_id, const std::string& app_user_id,
                                  const MemberFields& fields);
  Status ForceTerminateInTx(store::StoreTx& tx, Changes& ch, domain::StreamKey key);
  Result<domain::StreamKey> StopIngestInTx(store::StoreTx& tx, Changes& ch, const domain::StreamKey& key);
  Result<domain::TranscodingProfile> DefaultProfile(store::StoreTx& tx, Id app_id, domain::ProfileType type,
                                                    std::string_view name);
  std::string NewStreamKeyString();
  void FillStats(StreamKeyView& view) const;

  // In-flight locks for the broadcast controls: held while a request runs;
  // released on destruction.
  class InFlight {
   public:
    InFlight(Control& c, std::vector<std::string> names) : c_(c), names_(std::move(names)) {}
    ~InFlight();

   private:
    Control& c_;
    std::vector<std::string> names_;
  };
  Result<std::unique_ptr<InFlight>> Lock(std::vector<std::string> names);

  store::Store& store_;
  const Clock& clock_;
  // Random may not be thread-safe (SeededRandom): every draw goes through this lock.
  class LockedRandom final : public Random {
   public:
    explicit LockedRandom(Random& r) : r_(r) {}
    void Fill(uint8_t* out, size_t n) override {
      std::lock_guard lock(mu_);
      r_.Fill(out, n);
    }

   private:
    Random& r_;
    std::mutex mu_;
  };
  LockedRandom random_;
  const ControlOptions options_;
  Logger log_{"control"};
  AuthCache auth_cache_;

  std::mutex write_mu_;  // serializes state-changing use cases

  std::mutex locks_mu_;
  std::set<std::string> in_flight_;  // GUARDED_BY(locks_mu_)

  std::mutex events_mu_;
  std::vector<DomainEvent> pending_events_;  // GUARDED_BY(events_mu_)
  bool draining_ = false;                    // GUARDED_BY(events_mu_)
  std::vector<EventListener*> listeners_;
  IngestDropper* dropper_ = nullptr;

  mutable std::mutex stats_mu_;
  std::map<Id, domain::IngestStats> stats_;  // GUARDED_BY(stats_mu_)
};

}  // namespace ffsb::control
