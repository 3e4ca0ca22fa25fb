// One SQLite connection with its cache of prepared statements, and Stmt, a
// small RAII cursor over one cached statement (bind by position, step, read
// columns). Text is bound and read with explicit lengths, so strings holding
// NUL bytes, quotes or SQL fragments round-trip verbatim.
//
// Pragmas set on open: journal_mode=WAL, synchronous=NORMAL, busy_timeout,
// foreign_keys=ON. synchronous=NORMAL in WAL mode never corrupts the database,
// but a power loss or OS crash (not a process crash: SIGKILL loses nothing)
// can roll back the last transactions committed before the crash, because
// the WAL is fsynced at checkpoints rather than at every commit.
//
// Thread-safety: a Connection is used by one thread at a time (the pool in
// sqlite_store.h hands it out); it is not shared.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb::store::sqlite {

class Connection;

class Stmt {
 public:
  Stmt(sqlite3_stmt* s, Connection* c, Status prepare_status = {})
      : s_(s), c_(c), status_(std::move(prepare_status)) {}
  Stmt(Stmt&& o) noexcept : s_(o.s_), c_(o.c_), next_(o.next_), status_(o.status_) { o.s_ = nullptr; }
  Stmt(const Stmt&) = delete;
  ~Stmt();

  Stmt& Bind(std::string_view text);
  Stmt& Bind(const std::string& text) { return Bind(std::string_view(text)); }
  Stmt& Bind(const char* text) { return Bind(std::string_view(text)); }
  Stmt& Bind(int64_t v);
  Stmt& Bind(int v) { return Bind(static_cast<int64_t>(v)); }
  Stmt& BindNull();
  template <typename T>
  Stmt& Bind(const std::optional<T>& v) {
    return v ? Bind(*v) : BindNull();
  }

  // true: a row is available; false: done. Errors land in status().
  bool Step();
  // Runs to completion; OK or the error.
  Status Run();
  const Status& status() const { return status_; }

  int64_t Int(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;

 private:
  sqlite3_stmt* s_;
  Connection* c_;
  int next_ = 1;
  Status status_;
};

class Connection {
 public:
  // Opens (creating) the database file and applies the pragmas above.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, int busy_timeout_ms);
  ~Connection();

  // A cached prepared statement for sql (prepared on first use). A prepare
  // error is reported by the returned Stmt's Step/Run.
  Stmt Prepare(const std::string& sql);
  // Runs one or more statements without results (DDL, BEGIN, COMMIT).
  Status Exec(const std::string& sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  Status Error(std::string_view what) const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace ffsb::store::sqlite
