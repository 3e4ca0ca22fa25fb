#include "server/store/sqlite/connection.h"

#include <utility>

namespace ffsb::store::sqlite {

Stmt::~Stmt() {
  if (s_) {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
}

Stmt& Stmt::Bind(std::string_view text) {
  if (s_ && status_.ok() &&
      sqlite3_bind_text(s_, next_, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    status_ = c_->Error("bind");
  ++next_;
  return *this;
}

Stmt& Stmt::Bind(int64_t v) {
  if (s_ && status_.ok() && sqlite3_bind_int64(s_, next_, v) != SQLITE_OK) status_ = c_->Error("bind");
  ++next_;
  return *this;
}

Stmt& Stmt::BindNull() {
  if (s_ && status_.ok() && sqlite3_bind_null(s_, next_) != SQLITE_OK) status_ = c_->Error("bind");
  ++next_;
  return *this;
}

bool Stmt::Step() {
  if (!s_ || !status_.ok()) return false;
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) {
    status_ = c_->Error("step");
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) status_ = Status(ErrorCode::SERVICE_UNAVAILABLE, status_.message());
  }
  return false;
}

Status Stmt::Run() {
  while (Step()) {
  }
  return status_;
}

int64_t Stmt::Int(int col) const { return sqlite3_column_int64(s_, col); }

std::string Stmt::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
  if (!p) return {};
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, col)));
}

bool Stmt::IsNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, int busy_timeout_ms) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "open " + path + ": " + msg);
  }
  std::unique_ptr<Connection> c(new Connection(db));
  sqlite3_busy_timeout(db, busy_timeout_ms);
  // journal_mode answers a row; Exec ignores it.
  if (Status s = c->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !s.ok())
    return s;
  return c;
}

Connection::~Connection() {
  for (auto& [sql, s] : cache_) sqlite3_finalize(s);
  sqlite3_close(db_);
}

Stmt Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return Stmt(it->second, this);
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr) !=
      SQLITE_OK)
    return Stmt(nullptr, this, Error("prepare"));
  cache_.emplace(sql, s);
  return Stmt(s, this);
}

Status Connection::Exec(const std::string& sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return Status::Ok();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  ErrorCode code = (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) ? ErrorCode::SERVICE_UNAVAILABLE
                                                              : ErrorCode::INTERNAL_SERVER_ERROR;
  return Status(code, "sqlite: " + msg);
}

Status Connection::Error(std::string_view what) const {
  return Status(ErrorCode::INTERNAL_SERVER_ERROR, "sqlite " + std::string(what) + ": " + sqlite3_errmsg(db_));
}

}  // namespace ffsb::store::sqlite
