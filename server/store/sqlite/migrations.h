// Versioned schema migrations of the SQLite engine. Table `schema_version`
// records every applied migration (version, name, applied_at); Migrate()
// applies, in order and each in its own transaction, every migration whose
// version is not recorded, so migration N runs exactly once per database
// even when several processes open it at once (BEGIN IMMEDIATE serializes
// them and each re-checks the table inside its transaction).
//
// Tables keep each entity whole in a JSON `doc` column (codec.h) plus plain
// columns for what is filtered, sorted, joined or unique.
//
// Thread-safety: call with a connection no other thread uses.
#pragma once

#include <string>
#include <vector>

#include "server/base/clock.h"
#include "server/base/status.h"
#include "server/store/sqlite/connection.h"

namespace ffsb::store::sqlite {

struct MigrationInfo {
  int version;
  std::string name;
};
// Every migration this build knows, in order.
std::vector<MigrationInfo> KnownMigrations();

// Applies the missing migrations; `now` stamps seeded rows.
Status Migrate(Connection& c, Micros now);
// The highest applied version (0 for an empty database).
Result<int> AppliedVersion(Connection& c);

}  // namespace ffsb::store::sqlite
