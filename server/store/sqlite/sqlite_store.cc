#include "server/store/sqlite/sqlite_store.h"

#include "server/store/sqlite/migrations.h"
#include "server/store/sqlite/sqlite_tx.h"

namespace ffsb::store::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const Clock& clock,
                                                       SqliteOptions options) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path, options));
  auto c = Connection::Open(path, options.busy_timeout_ms);
  if (!c.ok()) return c.status();
  if (Status s = Migrate(**c, clock.Now()); !s.ok()) return s;
  store->Return(std::move(*c));
  return store;
}

Result<std::unique_ptr<Connection>> SqliteStore::Borrow() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  return Connection::Open(path_, options_.busy_timeout_ms);
}

void SqliteStore::Return(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  if (idle_.size() < options_.max_idle) idle_.push_back(std::move(c));
}

Status SqliteStore::Run(const TxFn& fn, bool write) {
  auto c = Borrow();
  if (!c.ok()) return c.status();
  Connection& conn = **c;
  if (Status s = conn.Exec(write ? "BEGIN IMMEDIATE" : "BEGIN"); !s.ok()) {
    Return(std::move(*c));
    return s;
  }
  Status result;
  {
    SqliteTx tx(conn, /*read_only=*/!write);
    try {
      result = fn(tx);
    } catch (const std::exception& e) {
      result = Status(ErrorCode::INTERNAL_SERVER_ERROR, std::string("exception in transaction: ") + e.what());
    }
  }
  if (result.ok()) {
    result = conn.Exec("COMMIT");
    if (!result.ok()) conn.Exec("ROLLBACK");
  } else {
    conn.Exec("ROLLBACK");
  }
  Return(std::move(*c));
  return result;
}

Status SqliteStore::Transact(const TxFn& fn) { return Run(fn, true); }
Status SqliteStore::Read(const TxFn& fn) { return Run(fn, false); }

int SqliteStore::SchemaVersion() {
  auto c = Borrow();
  if (!c.ok()) return 0;
  auto v = AppliedVersion(**c);
  Return(std::move(*c));
  return v.ok() ? *v : 0;
}

}  // namespace ffsb::store::sqlite
