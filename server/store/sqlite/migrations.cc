#include "server/store/sqlite/migrations.h"

#include <functional>

#include "server/store/sqlite/codec.h"
#include "server/store/store.h"

namespace ffsb::store::sqlite {
namespace {

using namespace ffsb::domain;

struct Migration {
  int version;
  const char* name;
  std::function<Status(Connection&, Micros)> apply;
};

const char* kSchemaV1 = R"sql(
CREATE TABLE apps(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  api_key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE TABLE members(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  state TEXT NOT NULL,
  app_user_id TEXT NOT NULL,
  app_user_name TEXT,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE UNIQUE INDEX members_active_app_user_id ON members(app_id, app_user_id) WHERE state = 'ACTIVE';
CREATE TABLE stream_keys(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  state TEXT NOT NULL,
  stream_key_state TEXT NOT NULL,
  stream_key TEXT NOT NULL UNIQUE,
  play_id TEXT NOT NULL UNIQUE,
  live_room_id INTEGER,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX stream_keys_member ON stream_keys(member_id);
CREATE TABLE video_rooms(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  state TEXT NOT NULL,
  uuid TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  video_room_state TEXT NOT NULL,
  access_level TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX video_rooms_app ON video_rooms(app_id, created_at);
CREATE TABLE video_posts(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  member_id INTEGER NOT NULL REFERENCES members(id),
  state TEXT NOT NULL,
  video_post_state TEXT NOT NULL,
  type TEXT NOT NULL,
  access_level TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  video_room_id INTEGER,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX video_posts_app ON video_posts(app_id, created_at);
CREATE TABLE transcoding_profiles(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER REFERENCES apps(id),
  state TEXT NOT NULL,
  type TEXT NOT NULL,
  creator_type TEXT NOT NULL,
  representative_type TEXT NOT NULL,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE TABLE member_tokens(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  member_id INTEGER REFERENCES members(id),
  kind TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL);
CREATE INDEX member_tokens_member ON member_tokens(member_id);
CREATE TABLE webhook_deliveries(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  app_id INTEGER NOT NULL REFERENCES apps(id),
  state TEXT NOT NULL,
  next_attempt_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  last_modified_at INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries(state, next_attempt_at);
)sql";

std::string BroadcastRecipe(bool portrait) {
  auto dims = [&](int w, int h) {
    return portrait ? "\"width\":" + std::to_string(h) + ",\"height\":" + std::to_string(w)
                    : "\"width\":" + std::to_string(w) + ",\"height\":" + std::to_string(h);
  };
  // contract §7, verbatim (portrait swaps width and height).
  return "{\"segmentDuration\":2,\"videoStreams\":[{\"name\":\"360p\",\"type\":\"video\"," + dims(640, 360) +
         ",\"bitrate\":800000},{\"name\":\"720p\",\"type\":\"video\"," + dims(1280, 720) +
         ",\"bitrate\":3000000}],\"audioStream\":{\"name\":\"audio\",\"type\":\"audio\",\"bitrate\":128000},"
         "\"drm\":false}";
}

Status SeedProfile(Connection& c, Micros now, ProfileType type, RepresentativeType rep, std::string_view name,
                   std::string description, std::string recipe) {
  TranscodingProfile p;
  p.type = type;
  p.creator_type = ProfileCreatorType::SYSTEM;
  p.representative_type = rep;
  p.name = std::string(name);
  p.description = std::move(description);
  p.profile_json = std::move(recipe);
  p.created_at = p.last_modified_at = now;
  return c
      .Prepare(
          "INSERT INTO transcoding_profiles(app_id, state, type, creator_type, representative_type, name, "
          "created_at, last_modified_at, doc) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)")
      .Bind(ToString(p.state))
      .Bind(ToString(p.type))
      .Bind(ToString(p.creator_type))
      .Bind(ToString(p.representative_type))
      .Bind(p.name)
      .Bind(p.created_at)
      .Bind(p.last_modified_at)
      .Bind(Encode(p))
      .Run();
}

Status SeedSystemProfiles(Connection& c, Micros now) {
  // Decided: VOD archiving remuxes without re-encoding ("copy"), so it
  // finishes in seconds.
  const std::pair<ProfileType, std::tuple<RepresentativeType, std::string_view, std::string, std::string>> rows[] = {
      {ProfileType::BROADCAST_RTMP,
       {RepresentativeType::DEFAULT, kBroadcastLandscapeProfile, "Landscape (16:9) live broadcast, 360p and 720p",
        BroadcastRecipe(false)}},
      {ProfileType::BROADCAST_RTMP,
       {RepresentativeType::NON_DEFAULT, kBroadcastPortraitProfile, "Portrait (9:16) live broadcast, 360p and 720p",
        BroadcastRecipe(true)}},
      {ProfileType::VIDEO,
       {RepresentativeType::DEFAULT, kVodDefaultProfile, "VOD archiving of a broadcast: remux without re-encoding",
        R"({"videoStreams":[{"name":"source","type":"video","codec":"copy"}],)"
        R"("audioStream":{"name":"audio","type":"audio","codec":"copy"},"formats":["MP4","CMAF_HLS","CMAF_MPEG_DASH"]})"}},
      {ProfileType::THUMBNAIL,
       {RepresentativeType::DEFAULT, kThumbnailDefaultProfile, "A 640x360 JPEG taken at 1 s",
        R"({"width":640,"height":360,"format":"JPEG","atSeconds":1})"}},
      {ProfileType::PREVIEW,
       {RepresentativeType::DEFAULT, kPreviewDefaultProfile, "A 3 s, 480x270 silent MP4 preview from the start",
        R"({"width":480,"height":270,"format":"MP4","startSeconds":0,"durationSeconds":3})"}},
  };
  for (auto& [type, rest] : rows) {
    auto& [rep, name, desc, recipe] = rest;
    if (Status s = SeedProfile(c, now, type, rep, name, desc, recipe); !s.ok()) return s;
  }
  return Status::Ok();
}

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, "create tables", [](Connection& c, Micros) { return c.Exec(kSchemaV1); }},
      {2, "seed system transcoding profiles", SeedSystemProfiles},
  };
  return kAll;
}

Status EnsureVersionTable(Connection& c) {
  return c.Exec(
      "CREATE TABLE IF NOT EXISTS schema_version(version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
      "applied_at INTEGER NOT NULL)");
}

Result<bool> IsApplied(Connection& c, int version) {
  Stmt s = c.Prepare("SELECT 1 FROM schema_version WHERE version = ?");
  s.Bind(version);
  bool found = s.Step();
  if (!s.status().ok()) return s.status();
  return found;
}

}  // namespace

std::vector<MigrationInfo> KnownMigrations() {
  std::vector<MigrationInfo> out;
  for (auto& m : Migrations()) out.push_back({m.version, m.name});
  return out;
}

Result<int> AppliedVersion(Connection& c) {
  if (Status s = EnsureVersionTable(c); !s.ok()) return s;
  Stmt s = c.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!s.Step()) return s.status().ok() ? Status(ErrorCode::INTERNAL_SERVER_ERROR, "no row") : s.status();
  return static_cast<int>(s.Int(0));
}

Status Migrate(Connection& c, Micros now) {
  if (Status s = EnsureVersionTable(c); !s.ok()) return s;
  for (const Migration& m : Migrations()) {
    if (Status s = c.Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
    Status s;
    auto applied = IsApplied(c, m.version);
    if (!applied.ok()) {
      s = applied.status();
    } else if (!*applied) {
      s = m.apply(c, now);
      if (s.ok())
        s = c.Prepare("INSERT INTO schema_version(version, name, applied_at) VALUES (?, ?, ?)")
                .Bind(m.version)
                .Bind(m.name)
                .Bind(now)
                .Run();
    }
    if (!s.ok()) {
      c.Exec("ROLLBACK");
      return Status(s.code(), "migration " + std::to_string(m.version) + " (" + m.name + "): " + s.message());
    }
    if (Status cs = c.Exec("COMMIT"); !cs.ok()) return cs;
  }
  return Status::Ok();
}

}  // namespace ffsb::store::sqlite
