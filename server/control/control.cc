// Control: construction, the change/publish machinery, in-flight locks, view
// loaders and the app use cases. The other use cases live in one file per
// resource (members.cc, stream_keys.cc, video_rooms.cc, broadcast.cc,
// ingest.cc, posts_profiles.cc).
#include "server/control/control.h"

#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

std::string_view ToString(EventKind k) {
  switch (k) {
    case EventKind::STREAM_KEY: return "STREAM_KEY";
    case EventKind::VIDEO_ROOM: return "VIDEO_ROOM";
    case EventKind::VIDEO_POST: return "VIDEO_POST";
  }
  return "STREAM_KEY";
}

Control::Control(store::Store& store, const Clock& clock, Random& random, ControlOptions options)
    : store_(store), clock_(clock), random_(random), options_(options), auth_cache_(random_) {}

Control::~Control() = default;

void Control::SetIngestDropper(IngestDropper* dropper) { dropper_ = dropper; }
void Control::AddListener(EventListener* listener) { listeners_.push_back(listener); }

// ---- change machinery

Status Control::ChangeStatus(const std::function<Status(store::StoreTx&, Changes&)>& fn) {
  auto r = Change<bool>([&](store::StoreTx& tx, Changes& ch) -> Result<bool> {
    Status s = fn(tx, ch);
    if (!s.ok()) return s;
    return true;
  });
  return r.ok() ? Status::Ok() : r.status();
}

void Control::Publish(Changes changes) {
  if (dropper_)
    for (Id key : changes.drop_ingests) dropper_->DropIngest(key);
  DrainEvents();
}

void Control::DrainEvents() {
  std::unique_lock lock(events_mu_);
  if (draining_) return;  // the thread draining now will deliver ours too
  draining_ = true;
  while (!pending_events_.empty()) {
    std::vector<DomainEvent> batch;
    batch.swap(pending_events_);
    lock.unlock();
    for (const DomainEvent& e : batch)
      for (EventListener* l : listeners_) l->OnEvent(e);
    lock.lock();
  }
  draining_ = false;
}

Status Control::SaveKey(store::StoreTx& tx, Changes& ch, const StreamKey& before, const StreamKey& after) {
  if (Status s = tx.UpdateStreamKey(after); !s.ok()) return s;
  if (before.stream_key_state != after.stream_key_state || before.forcibly_terminated != after.forcibly_terminated) {
    DomainEvent e;
    e.kind = EventKind::STREAM_KEY;
    e.id = after.id;
    e.app_id = after.app_id;
    e.member_id = after.member_id;
    e.state = std::string(ToString(after.stream_key_state));
    e.previous_state = std::string(ToString(before.stream_key_state));
    e.forcibly_terminated = after.forcibly_terminated;
    e.time = clock_.Now();
    e.key = after;
    ch.events.push_back(std::move(e));
  }
  return Status::Ok();
}

Status Control::SaveRoom(store::StoreTx& tx, Changes& ch, const VideoRoom& before, const VideoRoom& after) {
  if (Status s = tx.UpdateVideoRoom(after); !s.ok()) return s;
  if (before.video_room_state != after.video_room_state || before.vod_state != after.vod_state ||
      before.live_session != after.live_session) {
    DomainEvent e;
    e.kind = EventKind::VIDEO_ROOM;
    e.id = after.id;
    e.app_id = after.app_id;
    e.member_id = after.member_id;
    e.state = std::string(ToString(after.video_room_state));
    e.previous_state = std::string(ToString(before.video_room_state));
    e.previous_vod_state = std::string(ToString(before.vod_state));
    e.session_changed = before.live_session != after.live_session;
    e.forcibly_terminated = after.forcibly_terminated;
    e.time = clock_.Now();
    e.room = after;
    ch.events.push_back(std::move(e));
  }
  return Status::Ok();
}

Status Control::SavePost(store::StoreTx& tx, Changes& ch, const VideoPost* before, VideoPost& after) {
  if (before) {
    if (Status s = tx.UpdateVideoPost(after); !s.ok()) return s;
  } else {
    auto ins = tx.InsertVideoPost(after);
    if (!ins.ok()) return ins.status();
    after = *ins;
  }
  if (!before || before->video_post_state != after.video_post_state) {
    DomainEvent e;
    e.kind = EventKind::VIDEO_POST;
    e.id = after.id;
    e.app_id = after.app_id;
    e.member_id = after.member_id;
    e.state = std::string(ToString(after.video_post_state));
    if (before) e.previous_state = std::string(ToString(before->video_post_state));
    e.time = clock_.Now();
    e.post = after;
    ch.events.push_back(std::move(e));
  }
  return Status::Ok();
}

// ---- in-flight locks

Control::InFlight::~InFlight() {
  std::lock_guard lock(c_.locks_mu_);
  for (auto& n : names_) c_.in_flight_.erase(n);
}

Result<std::unique_ptr<Control::InFlight>> Control::Lock(std::vector<std::string> names) {
  std::lock_guard lock(locks_mu_);
  for (auto& n : names)
    if (in_flight_.count(n))
      return Status(ErrorCode::REQUEST_LOCKED, "the same request for " + n + " is already being processed");
  for (auto& n : names) in_flight_.insert(n);
  return std::make_unique<InFlight>(*this, std::move(names));
}

// ---- view loaders

Result<MemberView> Control::LoadMemberView(store::StoreTx& tx, const Member& m) {
  auto app = tx.GetApp(m.app_id);
  if (!app.ok()) return app.status();
  return MemberView{m, *app};
}

Result<StreamKeyView> Control::LoadKeyView(store::StoreTx& tx, const StreamKey& k) {
  StreamKeyView v;
  v.key = k;
  auto app = tx.GetApp(k.app_id);
  if (!app.ok()) return app.status();
  v.app = *app;
  auto member = tx.GetMember(k.app_id, k.member_id);
  if (!member.ok()) return member.status();
  v.member = *member;
  if (k.live_room_id) {
    auto room = tx.GetVideoRoom(k.app_id, *k.live_room_id);
    if (room.ok()) v.room = *room;
  }
  auto profile = tx.GetProfile(k.app_id, k.profile_id);
  if (profile.ok()) v.profile = *profile;
  FillStats(v);
  return v;
}

Result<VideoRoomView> Control::LoadRoomView(store::StoreTx& tx, const VideoRoom& r) {
  VideoRoomView v;
  v.room = r;
  auto app = tx.GetApp(r.app_id);
  if (!app.ok()) return app.status();
  v.app = *app;
  // The owner may have been deleted since: the room still renders it.
  auto member = tx.GetMember(r.app_id, r.member_id);
  if (member.ok()) {
    v.member = *member;
  } else {
    v.member.id = r.member_id;
    v.member.app_id = r.app_id;
    v.member.state = EntityState::DELETED;
  }
  if (r.stream_key_id) {
    auto key = tx.GetStreamKey(r.app_id, *r.stream_key_id);
    if (key.ok()) v.key = *key;
  }
  if (r.video_post_id) {
    auto post = tx.GetVideoPost(r.app_id, *r.video_post_id);
    if (post.ok()) v.post = *post;
  }
  return v;
}

Result<VideoPostView> Control::LoadPostView(store::StoreTx& tx, const VideoPost& p) {
  VideoPostView v;
  v.post = p;
  auto app = tx.GetApp(p.app_id);
  if (!app.ok()) return app.status();
  v.app = *app;
  auto member = tx.GetMember(p.app_id, p.member_id);
  if (member.ok()) {
    v.member = *member;
  } else {
    v.member.id = p.member_id;
    v.member.app_id = p.app_id;
    v.member.state = EntityState::DELETED;
  }
  if (p.video_room_id) {
    auto room = tx.GetVideoRoom(p.app_id, *p.video_room_id);
    if (room.ok()) v.room = *room;
  }
  auto profile = [&](const std::optional<Id>& id, std::optional<TranscodingProfile>* out) {
    if (!id) return;
    auto got = tx.GetProfile(p.app_id, *id);
    if (got.ok()) *out = *got;
  };
  profile(p.video_profile_id, &v.video_profile);
  profile(p.preview_profile_id, &v.preview_profile);
  profile(p.thumbnail_profile_id, &v.thumbnail_profile);
  return v;
}

Result<TranscodingProfile> Control::DefaultProfile(store::StoreTx& tx, Id app_id, ProfileType type,
                                                   std::string_view name) {
  store::ProfileFilter f;
  f.app_id = app_id;
  f.type = type;
  f.creator_type = ProfileCreatorType::SYSTEM;
  f.name = std::string(name);
  auto page = tx.ListProfiles(f, store::PageRequest{0, 1, SortBy::CREATED_AT_ASC});
  if (!page.ok()) return page.status();
  if (page->items.empty())
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "system profile " + std::string(name) + " is missing");
  return page->items.front();
}

std::string Control::NewStreamKeyString() { return random_.Alnum(32); }

void Control::FillStats(StreamKeyView& view) const {
  std::lock_guard lock(stats_mu_);
  auto it = stats_.find(view.key.id);
  if (it != stats_.end() && IsIngesting(view.key.stream_key_state)) view.key.stats = it->second;
}

// ---- apps

Result<CreatedApp> Control::CreateApp(std::string name, std::optional<std::string> api_key,
                                      std::optional<std::string> api_secret) {
  CreatedApp out;
  out.secret = api_secret ? *api_secret : random_.Alnum(kAppSecretLength);
  if (out.secret.empty() || (api_key && api_key->empty()))
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "api key and secret must not be empty");
  App app;
  app.name = std::move(name);
  app.api_key = api_key ? *api_key : random_.Alnum(kApiKeyLength);
  app.api_secret_hash = HashSecret(out.secret, random_);
  app.created_at = app.last_modified_at = clock_.Now();
  auto r = Change<App>([&](store::StoreTx& tx, Changes&) -> Result<App> {
    auto existing = tx.FindAppByKey(app.api_key);
    if (!existing.ok()) return existing.status();
    if (existing->has_value())
      return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "an app with this api key already exists");
    return tx.InsertApp(app);
  });
  if (!r.ok()) return r.status();
  out.app = *r;
  log_.Info("app created id=" + std::to_string(out.app.id) + " key=" + RedactKey(out.app.api_key));
  return out;
}

Result<std::vector<App>> Control::ListApps() {
  return ReadResult<std::vector<App>>(store_, [&](store::StoreTx& tx) { return tx.ListApps(); });
}

Result<App> Control::Authenticate(std::string_view api_key, std::string_view api_secret) {
  if (api_key.empty() || api_secret.empty())
    return Status(ErrorCode::EMPTY_APP_CREDENTIALS, "app credentials are required");
  if (auto cached = auth_cache_.Find(api_key, api_secret)) return *cached;
  auto app = ReadResult<std::optional<App>>(store_, [&](store::StoreTx& tx) { return tx.FindAppByKey(api_key); });
  if (!app.ok()) return app.status();
  if (!app->has_value() || !VerifySecret(api_secret, (*app)->api_secret_hash))
    return Status(ErrorCode::INVALID_APP_CREDENTIALS, "invalid app credentials");
  auth_cache_.Put(api_key, api_secret, **app);
  return **app;
}

Result<App> Control::GetApp(Id app_id) {
  return ReadResult<App>(store_, [&](store::StoreTx& tx) { return tx.GetApp(app_id); });
}

Result<App> Control::UpdateApp(Id app_id, const AppSettingsPatch& patch) {
  if (patch.auto_end_after_inactive_seconds && *patch.auto_end_after_inactive_seconds < 0)
    return Status(ErrorCode::INVALID_HTTP_MESSAGE_BODY, "autoEndAfterInactiveSeconds must be >= 0");
  auto r = Change<App>([&](store::StoreTx& tx, Changes&) -> Result<App> {
    auto app = tx.GetApp(app_id);
    if (!app.ok()) return app.status();
    App a = *app;
    if (patch.default_output_mode) a.default_output_mode = *patch.default_output_mode;
    if (patch.callback_url) a.callback.url = patch.callback_url->value_or("");
    if (patch.callback_access_id) a.callback.access_id = patch.callback_access_id->value_or("");
    if (patch.callback_access_password) a.callback.access_password = patch.callback_access_password->value_or("");
    if (patch.auto_end_after_inactive_seconds) a.auto_end_after_inactive_seconds = *patch.auto_end_after_inactive_seconds;
    a.last_modified_at = clock_.Now();
    if (Status s = tx.UpdateApp(a); !s.ok()) return s;
    return a;
  });
  if (r.ok()) auth_cache_.Refresh(*r);
  return r;
}

}  // namespace ffsb::control
