// Splits what an RTMP client sends (tcUrl/app, publish/play name) into the
// app, the stream name and the ?mode= parameter. OBS puts "?mode=CMAF" in the
// stream key field, ffmpeg users may put it on the app ("live?mode=CMAF");
// both are accepted, the name's wins (contract.md §4 "Ingest URL").
//
// Thread-safety: stateless functions.
#pragma once

#include <string>
#include <string_view>

namespace ffsb {

struct PublishTarget {
  std::string app;
  std::string name;
  std::string mode;  // upper-cased value of ?mode=, "" when absent
};

// `app` is the connect command's app (may carry a query), `name` the publish
// or play argument (may carry a query).
PublishTarget ParsePublishTarget(std::string_view app, std::string_view name);
// "RTMP", "CMAF", "RTMP_CMAF" or "" (absent) are valid.
bool IsValidModeParam(std::string_view mode);

}  // namespace ffsb
