// SqliteTx: apps, members, tokens, webhook deliveries (keys, rooms, posts and
// profiles are in sqlite_tx_media.cc).
#include "server/store/sqlite/sqlite_tx.h"

#include "server/store/sqlite/sqlite_tx_inl.h"

namespace ffsb::store::sqlite {

using namespace ffsb::domain;

Status SqliteTx::Writable() const {
  if (read_only_) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "write inside a read-only transaction");
  return Status::Ok();
}

Status SqliteTx::ExpectOneChange(Status s, const std::string& what) {
  if (!s.ok()) return s;
  if (sqlite3_changes(c_.raw()) != 1) return Status(ErrorCode::INTERNAL_SERVER_ERROR, what + ": no such row");
  return Status::Ok();
}

// ---- apps

Result<App> SqliteTx::GetApp(Id id) {
  return Required(QueryOne<App>(c_.Prepare("SELECT id, doc FROM apps WHERE id = ? AND state = 'ACTIVE'").Bind(id)),
                  ErrorCode::INTERNAL_SERVER_ERROR, "app " + std::to_string(id));
}

Result<std::optional<App>> SqliteTx::FindAppByKey(std::string_view api_key) {
  return QueryOne<App>(c_.Prepare("SELECT id, doc FROM apps WHERE api_key = ? AND state = 'ACTIVE'").Bind(api_key));
}

Result<std::vector<App>> SqliteTx::ListApps() {
  return QueryAll<App>(c_.Prepare("SELECT id, doc FROM apps WHERE state = 'ACTIVE' ORDER BY id"));
}

Result<App> SqliteTx::InsertApp(App a) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare("INSERT INTO apps(api_key, state, created_at, last_modified_at, doc) VALUES (?, ?, ?, ?, ?)")
                 .Bind(a.api_key)
                 .Bind(ToString(a.state))
                 .Bind(a.created_at)
                 .Bind(a.last_modified_at)
                 .Bind(Encode(a))
                 .Run();
  if (!s.ok()) return s;
  a.id = c_.LastInsertId();
  return a;
}

Status SqliteTx::UpdateApp(const App& a) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(
      c_.Prepare("UPDATE apps SET api_key = ?, state = ?, last_modified_at = ?, doc = ? WHERE id = ?")
          .Bind(a.api_key)
          .Bind(ToString(a.state))
          .Bind(a.last_modified_at)
          .Bind(Encode(a))
          .Bind(a.id)
          .Run(),
      "update app");
}

// ---- members

Result<Member> SqliteTx::GetMember(Id app_id, Id id) {
  return Required(
      QueryOne<Member>(
          c_.Prepare("SELECT id, doc FROM members WHERE id = ? AND app_id = ? AND state = 'ACTIVE'").Bind(id).Bind(
              app_id)),
      ErrorCode::MEMBER_NOT_FOUND, "member " + std::to_string(id));
}

Result<std::optional<Member>> SqliteTx::FindMemberByAppUserId(Id app_id, std::string_view app_user_id) {
  return QueryOne<Member>(
      c_.Prepare("SELECT id, doc FROM members WHERE app_id = ? AND app_user_id = ? AND state = 'ACTIVE'")
          .Bind(app_id)
          .Bind(app_user_id));
}

Result<Page<Member>> SqliteTx::ListMembers(const MemberFilter& f, const PageRequest& p) {
  ListQuery q{"FROM members t WHERE t.state = 'ACTIVE'", {}};
  q.And("t.app_id = ?", f.app_id);
  if (f.app_user_id) q.And("t.app_user_id = ?", *f.app_user_id);
  if (f.app_user_name) q.And("t.app_user_name = ?", *f.app_user_name);
  return RunList<Member>(q, p, "t.app_user_id");
}

Result<Member> SqliteTx::InsertMember(Member m) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO members(app_id, state, app_user_id, app_user_name, created_at, last_modified_at, doc) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
                 .Bind(m.app_id)
                 .Bind(ToString(m.state))
                 .Bind(m.app_user_id)
                 .Bind(m.app_user_name)
                 .Bind(m.created_at)
                 .Bind(m.last_modified_at)
                 .Bind(Encode(m))
                 .Run();
  if (!s.ok()) return s;
  m.id = c_.LastInsertId();
  return m;
}

Status SqliteTx::UpdateMember(const Member& m) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(c_.Prepare("UPDATE members SET state = ?, app_user_id = ?, app_user_name = ?, "
                                    "last_modified_at = ?, doc = ? WHERE id = ? AND app_id = ?")
                             .Bind(ToString(m.state))
                             .Bind(m.app_user_id)
                             .Bind(m.app_user_name)
                             .Bind(m.last_modified_at)
                             .Bind(Encode(m))
                             .Bind(m.id)
                             .Bind(m.app_id)
                             .Run(),
                         "update member");
}

// ---- member tokens

namespace {
MemberToken TokenRow(const Stmt& s) {
  MemberToken t;
  t.id = s.Int(0);
  t.app_id = s.Int(1);
  if (!s.IsNull(2)) t.member_id = s.Int(2);
  t.kind = ParseTokenKind(s.Text(3)).value_or(TokenKind::ACCESS);
  t.token_hash = s.Text(4);
  t.expires_at = s.Int(5);
  t.created_at = s.Int(6);
  return t;
}
}  // namespace

Result<MemberToken> SqliteTx::InsertToken(MemberToken t) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO member_tokens(app_id, member_id, kind, token_hash, expires_at, created_at) "
                   "VALUES (?, ?, ?, ?, ?, ?)")
                 .Bind(t.app_id)
                 .Bind(t.member_id)
                 .Bind(ToString(t.kind))
                 .Bind(t.token_hash)
                 .Bind(t.expires_at)
                 .Bind(t.created_at)
                 .Run();
  if (!s.ok()) return s;
  t.id = c_.LastInsertId();
  return t;
}

Result<std::optional<MemberToken>> SqliteTx::FindToken(std::string_view token_hash) {
  Stmt s = c_.Prepare(
      "SELECT id, app_id, member_id, kind, token_hash, expires_at, created_at FROM member_tokens "
      "WHERE token_hash = ?");
  s.Bind(token_hash);
  if (!s.Step()) {
    if (!s.status().ok()) return s.status();
    return std::optional<MemberToken>();
  }
  return std::optional<MemberToken>(TokenRow(s));
}

Status SqliteTx::DeleteTokensOfMember(Id member_id) {
  if (Status s = Writable(); !s.ok()) return s;
  return c_.Prepare("DELETE FROM member_tokens WHERE member_id = ?").Bind(member_id).Run();
}

Status SqliteTx::DeleteExpiredTokens(Micros now) {
  if (Status s = Writable(); !s.ok()) return s;
  return c_.Prepare("DELETE FROM member_tokens WHERE expires_at <= ?").Bind(now).Run();
}

// ---- webhook deliveries

Result<WebhookDelivery> SqliteTx::InsertDelivery(WebhookDelivery d) {
  if (Status s = Writable(); !s.ok()) return s;
  Status s = c_.Prepare(
                   "INSERT INTO webhook_deliveries(app_id, state, next_attempt_at, created_at, last_modified_at, doc) "
                   "VALUES (?, ?, ?, ?, ?, ?)")
                 .Bind(d.app_id)
                 .Bind(ToString(d.state))
                 .Bind(d.next_attempt_at)
                 .Bind(d.created_at)
                 .Bind(d.last_modified_at)
                 .Bind(Encode(d))
                 .Run();
  if (!s.ok()) return s;
  d.id = c_.LastInsertId();
  return d;
}

Status SqliteTx::UpdateDelivery(const WebhookDelivery& d) {
  if (Status s = Writable(); !s.ok()) return s;
  return ExpectOneChange(c_.Prepare("UPDATE webhook_deliveries SET state = ?, next_attempt_at = ?, "
                                    "last_modified_at = ?, doc = ? WHERE id = ?")
                             .Bind(ToString(d.state))
                             .Bind(d.next_attempt_at)
                             .Bind(d.last_modified_at)
                             .Bind(Encode(d))
                             .Bind(d.id)
                             .Run(),
                         "update webhook delivery");
}

Result<std::vector<WebhookDelivery>> SqliteTx::ListDueDeliveries(Micros now, int limit) {
  return QueryAll<WebhookDelivery>(
      c_.Prepare("SELECT id, doc FROM webhook_deliveries WHERE state = 'PENDING' AND next_attempt_at <= ? "
                 "ORDER BY next_attempt_at, id LIMIT ?")
          .Bind(now)
          .Bind(limit));
}

}  // namespace ffsb::store::sqlite
