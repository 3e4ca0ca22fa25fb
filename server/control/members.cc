// Member use cases (contract §3): upsert (with its stream key), login, guest
// login, Bearer authentication, list/get/update/delete.
#include "server/control/control.h"
#include "server/control/control_inl.h"

namespace ffsb::control {

using namespace ffsb::domain;

namespace {

Status ValidateFields(const MemberFields& f) {
  if (f.custom_type && *f.custom_type)
    if (Status s = ValidateCustomType(**f.custom_type); !s.ok()) return s;
  if (f.custom_data && *f.custom_data)
    if (Status s = ValidateCustomData(**f.custom_data); !s.ok()) return s;
  return Status::Ok();
}

template <typename T>
void Apply(const Field<T>& f, std::optional<T>* target) {
  if (f) *target = *f;
}

void ApplyFields(const MemberFields& f, Member* m) {
  Apply(f.app_user_name, &m->app_user_name);
  Apply(f.app_user_profile_img_url, &m->app_user_profile_img_url);
  Apply(f.email, &m->email);
  Apply(f.custom_type, &m->custom_type);
  Apply(f.custom_data, &m->custom_data);
}

Result<Member> FindActiveMember(store::StoreTx& tx, Id app_id, const std::string& app_user_id) {
  auto m = tx.FindMemberByAppUserId(app_id, app_user_id);
  if (!m.ok()) return m.status();
  if (!m->has_value()) return Status(ErrorCode::MEMBER_NOT_FOUND, "member " + app_user_id + " not found");
  return **m;
}

}  // namespace

Result<UpsertResult> Control::UpsertInTx(store::StoreTx& tx, Changes& ch, Id app_id, const std::string& app_user_id,
                                         const MemberFields& fields) {
  auto existing = tx.FindMemberByAppUserId(app_id, app_user_id);
  if (!existing.ok()) return existing.status();
  Micros now = clock_.Now();
  UpsertResult out;
  if (existing->has_value()) {
    Member m = **existing;
    ApplyFields(fields, &m);
    m.last_modified_at = now;
    if (Status s = tx.UpdateMember(m); !s.ok()) return s;
    auto view = LoadMemberView(tx, m);
    if (!view.ok()) return view.status();
    out.member = *view;
    return out;
  }
  Member m;
  m.app_id = app_id;
  m.app_user_id = app_user_id;
  ApplyFields(fields, &m);
  m.created_at = m.last_modified_at = now;
  auto inserted = tx.InsertMember(m);
  if (!inserted.ok()) return inserted.status();
  auto profile = DefaultProfile(tx, app_id, ProfileType::BROADCAST_RTMP, store::kBroadcastLandscapeProfile);
  if (!profile.ok()) return profile.status();
  StreamKey k;
  k.app_id = app_id;
  k.member_id = inserted->id;
  k.stream_key = NewStreamKeyString();
  k.play_id = random_.Alnum(24);  // opaque: never derived from the key
  k.profile_id = profile->id;
  k.created_at = k.last_modified_at = now;
  auto key = tx.InsertStreamKey(k);
  if (!key.ok()) return key.status();
  auto view = LoadMemberView(tx, *inserted);
  if (!view.ok()) return view.status();
  out.member = *view;
  out.created = true;
  return out;
}

Result<UpsertResult> Control::UpsertMember(Id app_id, const std::string& app_user_id, const MemberFields& fields) {
  if (Status s = ValidateAppUserId(app_user_id); !s.ok()) return s;
  if (Status s = ValidateFields(fields); !s.ok()) return s;
  return Change<UpsertResult>([&](store::StoreTx& tx, Changes& ch) {
    return UpsertInTx(tx, ch, app_id, app_user_id, fields);
  });
}

Result<MemberTokens> Control::IssueTokens(store::StoreTx& tx, Id app_id, std::optional<Id> member_id) {
  Micros now = clock_.Now();
  MemberTokens out;
  auto issue = [&](store::TokenKind kind, Micros ttl, std::string* token) -> Status {
    *token = random_.Alnum(kMemberTokenLength);
    store::MemberToken t;
    t.app_id = app_id;
    t.member_id = member_id;
    t.kind = kind;
    t.token_hash = Sha256Hex(*token);
    t.created_at = now;
    t.expires_at = now + ttl;
    auto r = tx.InsertToken(t);
    return r.ok() ? Status::Ok() : r.status();
  };
  if (Status s = tx.DeleteExpiredTokens(now); !s.ok()) return s;
  if (Status s = issue(store::TokenKind::ACCESS, options_.access_token_ttl, &out.access_token); !s.ok()) return s;
  if (Status s = issue(store::TokenKind::REFRESH, options_.refresh_token_ttl, &out.refresh_token); !s.ok()) return s;
  if (Status s = issue(store::TokenKind::STREAMING, options_.streaming_token_ttl, &out.streaming_token); !s.ok())
    return s;
  out.access_expires_at = now + options_.access_token_ttl;
  return out;
}

Result<LoginResult> Control::LoginMember(Id app_id, const std::string& app_user_id, const MemberFields& fields) {
  if (Status s = ValidateAppUserId(app_user_id); !s.ok()) return s;
  if (Status s = ValidateFields(fields); !s.ok()) return s;
  return Change<LoginResult>([&](store::StoreTx& tx, Changes& ch) -> Result<LoginResult> {
    auto up = UpsertInTx(tx, ch, app_id, app_user_id, fields);
    if (!up.ok()) return up.status();
    auto tokens = IssueTokens(tx, app_id, up->member.member.id);
    if (!tokens.ok()) return tokens.status();
    return LoginResult{*tokens, up->member, up->created};
  });
}

Result<LoginResult> Control::LoginGuest(Id app_id) {
  return Change<LoginResult>([&](store::StoreTx& tx, Changes&) -> Result<LoginResult> {
    auto tokens = IssueTokens(tx, app_id, std::nullopt);
    if (!tokens.ok()) return tokens.status();
    return LoginResult{*tokens, std::nullopt, false};
  });
}

Result<MemberPrincipal> Control::AuthenticateMember(std::string_view access_token) {
  if (access_token.empty()) return Status(ErrorCode::EMPTY_ACCESS_TOKEN, "a Bearer access token is required");
  std::string hash = Sha256Hex(access_token);
  return ReadResult<MemberPrincipal>(store_, [&](store::StoreTx& tx) -> Result<MemberPrincipal> {
    auto t = tx.FindToken(hash);
    if (!t.ok()) return t.status();
    if (!t->has_value() || (*t)->kind != store::TokenKind::ACCESS)
      return Status(ErrorCode::INVALID_ACCESS_TOKEN, "invalid access token");
    if ((*t)->expires_at <= clock_.Now()) return Status(ErrorCode::EXPIRED_ACCESS_TOKEN, "the access token expired");
    if (!(*t)->member_id)
      return Status(ErrorCode::INVALID_ACCESS_TOKEN, "a guest token cannot use the member API");
    auto m = tx.GetMember((*t)->app_id, *(*t)->member_id);
    if (!m.ok()) return Status(ErrorCode::INVALID_ACCESS_TOKEN, "the token's member no longer exists");
    auto app = tx.GetApp((*t)->app_id);
    if (!app.ok()) return Status(ErrorCode::INVALID_ACCESS_TOKEN, "the token's app no longer exists");
    return MemberPrincipal{*app, *m};
  });
}

Result<store::Page<MemberView>> Control::ListMembers(const store::MemberFilter& filter,
                                                     const store::PageRequest& page) {
  return ReadResult<store::Page<MemberView>>(store_, [&](store::StoreTx& tx) -> Result<store::Page<MemberView>> {
    auto app = tx.GetApp(filter.app_id);
    if (!app.ok()) return app.status();
    auto members = tx.ListMembers(filter, page);
    if (!members.ok()) return members.status();
    store::Page<MemberView> out;
    out.total = members->total;
    for (auto& m : members->items) out.items.push_back(MemberView{m, *app});
    return out;
  });
}

Result<MemberView> Control::GetMember(Id app_id, const std::string& app_user_id) {
  return ReadResult<MemberView>(store_, [&](store::StoreTx& tx) -> Result<MemberView> {
    auto m = FindActiveMember(tx, app_id, app_user_id);
    if (!m.ok()) return m.status();
    return LoadMemberView(tx, *m);
  });
}

Result<MemberView> Control::UpdateMember(Id app_id, const std::string& app_user_id, const MemberFields& fields) {
  if (Status s = ValidateFields(fields); !s.ok()) return s;
  return Change<MemberView>([&](store::StoreTx& tx, Changes&) -> Result<MemberView> {
    auto m = FindActiveMember(tx, app_id, app_user_id);
    if (!m.ok()) return m.status();
    ApplyFields(fields, &*m);
    m->last_modified_at = clock_.Now();
    if (Status s = tx.UpdateMember(*m); !s.ok()) return s;
    return LoadMemberView(tx, *m);
  });
}

Status Control::DeleteMembers(Id app_id, const std::vector<std::string>& app_user_ids) {
  return ChangeStatus([&](store::StoreTx& tx, Changes& ch) -> Status {
    Micros now = clock_.Now();
    for (const std::string& id : app_user_ids) {
      auto m = FindActiveMember(tx, app_id, id);
      if (!m.ok()) return m.status();
      auto key = tx.FindStreamKeyByMember(app_id, m->id);
      if (!key.ok()) return key.status();
      if (key->has_value()) {
        StreamKey k = **key;
        if (IsIngesting(k.stream_key_state) || IsLiveWithRoom(k.stream_key_state)) {
          if (Status s = ForceTerminateInTx(tx, ch, k); !s.ok()) return s;
          auto reread = tx.GetStreamKey(app_id, k.id);
          if (!reread.ok()) return reread.status();
          k = *reread;
        }
        StreamKey deleted = k;
        deleted.state = EntityState::DELETED;
        deleted.last_modified_at = now;
        if (Status s = tx.UpdateStreamKey(deleted); !s.ok()) return s;
      }
      m->state = EntityState::DELETED;
      m->last_modified_at = now;
      if (Status s = tx.UpdateMember(*m); !s.ok()) return s;
      if (Status s = tx.DeleteTokensOfMember(m->id); !s.ok()) return s;
    }
    return Status::Ok();
  });
}

Result<StreamKeyView> Control::GetMemberStreamKey(Id app_id, const std::string& app_user_id) {
  return ReadResult<StreamKeyView>(store_, [&](store::StoreTx& tx) -> Result<StreamKeyView> {
    auto m = FindActiveMember(tx, app_id, app_user_id);
    if (!m.ok()) return m.status();
    auto key = tx.FindStreamKeyByMember(app_id, m->id);
    if (!key.ok()) return key.status();
    if (!key->has_value()) return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "member has no stream key");
    return LoadKeyView(tx, **key);
  });
}

Status Control::ForceTerminateMember(Id app_id, const std::string& app_user_id) {
  auto key = GetMemberStreamKey(app_id, app_user_id);
  if (!key.ok()) return key.status();
  return ForceTerminate(app_id, key->key.id);
}

}  // namespace ffsb::control
