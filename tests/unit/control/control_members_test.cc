#include "tests/unit/control/fixture.h"

namespace ffsb::control::testing {
namespace {

using namespace ffsb::domain;

TEST_CASE("apps: secrets are hashed, verified, cached; settings update") {
  Fixture f;
  CHECK(f.app.api_secret_hash != "secret");
  CHECK(f.app.api_secret_hash.rfind("sha256$", 0) == 0);
  auto ok = f.control->Authenticate("key", "secret");
  REQUIRE(ok.ok());
  CHECK(ok->id == f.app.id);
  CHECK(f.control->Authenticate("key", "secret").ok());  // cached path
  CHECK(f.control->Authenticate("key", "wrong").status().code() == ErrorCode::INVALID_APP_CREDENTIALS);
  CHECK(f.control->Authenticate("nokey", "secret").status().code() == ErrorCode::INVALID_APP_CREDENTIALS);
  CHECK(f.control->Authenticate("", "").status().code() == ErrorCode::EMPTY_APP_CREDENTIALS);
  auto random_app = f.control->CreateApp("other");
  REQUIRE(random_app.ok());
  CHECK(random_app->secret.size() == 40);
  CHECK(f.control->Authenticate(random_app->app.api_key, random_app->secret).ok());
  CHECK(f.control->CreateApp("dup", "key", "x").status().code() == ErrorCode::INVALID_REQUEST_PARAMETER);

  AppSettingsPatch patch;
  patch.default_output_mode = OutputMode::RTMP_CMAF;
  patch.callback_url = std::optional<std::string>("http://cb.example/hook");
  patch.callback_access_password = std::optional<std::string>("pw");
  auto updated = f.control->UpdateApp(f.app.id, patch);
  REQUIRE(updated.ok());
  CHECK(updated->default_output_mode == OutputMode::RTMP_CMAF);
  // The cached authentication sees the new settings.
  CHECK(f.control->Authenticate("key", "secret")->default_output_mode == OutputMode::RTMP_CMAF);
  CHECK(f.control->Authenticate("key", "secret")->callback.access_password == "pw");
}

TEST_CASE("members: upsert creates the member and an INACTIVE key with the landscape profile") {
  Fixture f;
  MemberFields fields;
  fields.app_user_name = std::optional<std::string>("Alice");
  fields.custom_data = std::optional<CustomData>(CustomData{{"k", "v"}});
  auto first = f.control->UpsertMember(f.app.id, "alice", fields);
  REQUIRE(first.ok());
  CHECK(first->created);
  auto key = f.Key("alice");
  CHECK(key.key.stream_key_state == StreamKeyState::INACTIVE);
  REQUIRE(key.profile);
  CHECK(key.profile->name == "broadcast-landscape");
  CHECK(key.key.play_id != key.key.stream_key);
  CHECK(key.key.play_id.find(key.key.stream_key) == std::string::npos);

  MemberFields rename;
  rename.app_user_name = std::optional<std::string>("Alice B");
  auto second = f.control->UpsertMember(f.app.id, "alice", rename);
  REQUIRE(second.ok());
  CHECK(!second->created);
  CHECK(second->member.member.id == first->member.member.id);
  CHECK(*second->member.member.app_user_name == "Alice B");
  CHECK(second->member.member.custom_data->at("k") == "v");  // untouched field kept
  CHECK(f.Key("alice").key.id == key.key.id);                // no second key

  CHECK(f.control->UpsertMember(f.app.id, "", {}).status().code() == ErrorCode::EMPTY_APP_USER_ID);
  CHECK(f.control->UpsertMember(f.app.id, "a-b", {}).status().code() == ErrorCode::INVALID_APP_USER_ID_FORMAT);
  MemberFields too_long;
  too_long.custom_type = std::optional<std::string>(std::string(51, 'x'));
  CHECK(f.control->UpsertMember(f.app.id, "bob", too_long).status().code() ==
        ErrorCode::CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED);
  CHECK(f.control->GetMember(f.app.id, "bob").status().code() == ErrorCode::MEMBER_NOT_FOUND);
}

TEST_CASE("members: login issues tokens; Bearer auth; expiry; delete") {
  Fixture f;
  auto login = f.control->LoginMember(f.app.id, "carol", {});
  REQUIRE(login.ok());
  CHECK(login->created);
  const auto& t = login->tokens;
  CHECK(t.access_token.size() == 48);
  CHECK(t.access_token != t.refresh_token);
  auto who = f.control->AuthenticateMember(t.access_token);
  REQUIRE(who.ok());
  CHECK(who->member.app_user_id == "carol");
  CHECK(f.control->AuthenticateMember(t.refresh_token).status().code() == ErrorCode::INVALID_ACCESS_TOKEN);
  CHECK(f.control->AuthenticateMember("nope").status().code() == ErrorCode::INVALID_ACCESS_TOKEN);
  CHECK(f.control->AuthenticateMember("").status().code() == ErrorCode::EMPTY_ACCESS_TOKEN);
  auto guest = f.control->LoginGuest(f.app.id);
  REQUIRE(guest.ok());
  CHECK(f.control->AuthenticateMember(guest->tokens.access_token).status().code() ==
        ErrorCode::INVALID_ACCESS_TOKEN);

  f.clock.Advance(24LL * 3600 * 1'000'000);
  CHECK(f.control->AuthenticateMember(t.access_token).status().code() == ErrorCode::EXPIRED_ACCESS_TOKEN);

  auto again = f.control->LoginMember(f.app.id, "carol", {});
  REQUIRE(again.ok());
  CHECK(!again->created);
  f.Member("dave");
  CHECK(f.control->DeleteMembers(f.app.id, {"carol", "nobody"}).code() == ErrorCode::MEMBER_NOT_FOUND);
  CHECK(f.control->GetMember(f.app.id, "carol").ok());  // all or nothing
  REQUIRE(f.control->DeleteMembers(f.app.id, {"carol", "dave"}).ok());
  CHECK(f.control->GetMember(f.app.id, "carol").status().code() == ErrorCode::MEMBER_NOT_FOUND);
  CHECK(f.control->AuthenticateMember(again->tokens.access_token).status().code() == ErrorCode::INVALID_ACCESS_TOKEN);
}

TEST_CASE("stream keys: profile and mode, reissue keeps play id, other apps see nothing") {
  Fixture f;
  f.Member("erin");
  auto key = f.Key("erin");
  store::ProfileFilter pf;
  pf.app_id = f.app.id;
  pf.name = "broadcast-portrait";
  auto portrait = f.control->ListProfiles(pf, {});
  REQUIRE(portrait.ok());
  REQUIRE(portrait->items.size() == 1);
  StreamKeyPatch patch;
  patch.profile_id = portrait->items[0].id;
  patch.mode = std::optional<OutputMode>(OutputMode::CMAF);
  auto updated = f.control->UpdateStreamKey(f.app.id, key.key.id, patch);
  REQUIRE(updated.ok());
  CHECK(updated->profile->name == "broadcast-portrait");
  CHECK(*updated->key.default_mode == OutputMode::CMAF);

  pf.name = "vod-default";
  auto vod = f.control->ListProfiles(pf, {});
  StreamKeyPatch bad;
  bad.profile_id = vod->items[0].id;
  CHECK(f.control->UpdateStreamKey(f.app.id, key.key.id, bad).status().code() ==
        ErrorCode::TRANSCODING_PROFILE_TYPE_NOT_BROADCAST_RTMP);
  bad.profile_id = 999;
  CHECK(f.control->UpdateStreamKey(f.app.id, key.key.id, bad).status().code() ==
        ErrorCode::TRANSCODING_PROFILE_NOT_FOUND);

  auto re = f.control->ReissueStreamKey(f.app.id, key.key.id);
  REQUIRE(re.ok());
  CHECK(re->key.stream_key != key.key.stream_key);
  CHECK(re->key.play_id == key.key.play_id);
  CHECK(f.control->AuthorizeIngest(key.key.stream_key, std::nullopt).status().code() ==
        ErrorCode::STREAM_KEY_NOT_FOUND);

  auto other = f.control->CreateApp("other", "k2", "s2");
  REQUIRE(other.ok());
  CHECK(f.control->GetStreamKey(other->app.id, key.key.id).status().code() == ErrorCode::STREAM_KEY_NOT_FOUND);
  CHECK(f.control->GetMember(other->app.id, "erin").status().code() == ErrorCode::MEMBER_NOT_FOUND);
}

}  // namespace
}  // namespace ffsb::control::testing
