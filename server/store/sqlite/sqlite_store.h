// The SQLite engine of the Store interface (store.h).
//
// One database file in WAL mode (readers never block the writer), with
// synchronous=NORMAL: a committed transaction survives a process crash
// (SIGKILL), but an OS crash or power loss may roll back the last few commits
// (the WAL is fsynced at checkpoints, not at every commit). busy_timeout makes
// a writer wait for another process's write lock instead of failing at once.
// Migrations (migrations.h) run in Open().
//
// Connections: a pool; each Transact()/Read() borrows one connection (and its
// prepared-statement cache) for the duration of the callback, opening a new
// one when all are busy, and returns it afterwards; at most `max_idle`
// connections are kept. Writes are BEGIN IMMEDIATE transactions, so two
// writers serialize on SQLite's lock and never deadlock on upgrade.
//
// Thread-safety: Transact/Read/SchemaVersion are safe from any thread.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/store/sqlite/connection.h"
#include "server/store/store.h"

namespace ffsb::store::sqlite {

struct SqliteOptions {
  int busy_timeout_ms = 5000;
  size_t max_idle = 4;
};

class SqliteStore final : public Store {
 public:
  // Opens or creates `path` and migrates it to the newest schema. `clock`
  // stamps seeded rows; it must outlive nothing (used during Open only).
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Clock& clock,
                                                   SqliteOptions options = {});

  // Store
  Status Transact(const TxFn& fn) override;
  Status Read(const TxFn& fn) override;
  int SchemaVersion() override;

 private:
  SqliteStore(std::string path, SqliteOptions options) : path_(std::move(path)), options_(options) {}
  Result<std::unique_ptr<Connection>> Borrow();
  void Return(std::unique_ptr<Connection> c);
  Status Run(const TxFn& fn, bool write);

  const std::string path_;
  const SqliteOptions options_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;  // GUARDED_BY(mu_)
};

}  // namespace ffsb::store::sqlite
