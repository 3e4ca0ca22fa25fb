// A broadcast scenario (`ffemu run`, Python's ffsandbox.Scenario): actors
// (members, rooms, broadcasters, viewers) and a timeline of steps, each an
// action ("do": API calls, publish, stop, stall, flap, force end, go live,
// end, play...) or an expectation ("expect": a stream key or room state
// within a time, a video post PROCESSED, a viewer's latency bound...). The
// JSON schema is documented in docs/emulator.md ("run"); Parse() checks it
// up front (unknown actions, unknown actors, missing fields) so a typo fails
// before anything is sent.
//
// Thread-safety: value types.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "emulator/api/api_client.h"
#include "emulator/publish/broadcaster.h"
#include "server/base/status.h"

namespace ffsb::emu {

struct MemberSpec {
  std::string id;  // name inside the scenario
  Json body;       // upsert body; appUserId gets the run suffix when unique ids are on
};

struct RoomSpec {
  std::string id;
  std::string owner;  // member id
  Json body;          // create body without appUserId (filled from the owner)
};

struct BroadcasterSpec {
  std::string id;
  std::string member;  // whose stream key it publishes with
  std::string mode;    // "" | RTMP | CMAF | RTMP_CMAF: appended as ?mode=
  BroadcasterOptions options;  // url filled at publish time
};

struct ViewerSpec {
  std::string id;
  std::string room;      // play the room's URL for the protocol (or the key's while not live)
  std::string member;    // or the member's stream key play URL
  std::string url;       // or this explicit URL
  std::string protocol;  // rtmp | flv | hls | dash ("" = rtmp)
  int count = 1;         // a crowd: count viewers of the same URL
  double media_timeout_s = 10;
};

struct StepSpec {
  int index = 0;                  // 1-based, in file order
  std::optional<double> at;       // not before this many seconds since the start
  std::optional<double> after;    // this many seconds after the previous step ended
  bool is_expect = false;
  std::string name;               // the action or expectation name
  Json args;                      // the whole step object
  bool continue_on_fail = false;  // keep going after this step fails
  std::string label;              // short text for the timeline
};

struct Scenario {
  std::string name;
  std::string description;
  double timeout_s = 300;  // the whole run
  double poll_s = 0.1;     // state watcher period (s)
  bool unique_ids = true;  // suffix appUserIds so reruns on one server do not collide
  std::vector<MemberSpec> members;
  std::vector<RoomSpec> rooms;
  std::vector<BroadcasterSpec> broadcasters;
  std::vector<ViewerSpec> viewers;
  std::vector<StepSpec> steps;

  static Result<Scenario> Parse(const Json& j);
  static Result<Scenario> FromFile(const std::string& path);
};

}  // namespace ffsb::emu
