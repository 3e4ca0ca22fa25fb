// The seam between the media plane and the control plane: the media server
// asks the gate whether a publish may start and reports what happens to it.
// The lead wires the real implementation (API/DB, contract.md §4); tests use
// a small fake that knows a few keys.
//
// Thread-safety: every method is called on the media loop thread and must not
// block for long (post heavy work elsewhere).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "server/base/status.h"

namespace ffsb {

struct PublishRequest {
  std::string app;          // "live" (query stripped)
  std::string stream_name;  // the stream key (query stripped). Secret: log via RedactKey().
  std::string mode_param;   // "RTMP" | "CMAF" | "RTMP_CMAF" | "" (from ?mode= on name or app)
  std::string remote;       // "ip:port" of the publisher
};

struct PublishGrant {
  int64_t stream_key_id = 0;
  std::string play_id;      // opaque id viewers use; never the key
  bool rtmp_output = true;  // RTMP play and HTTP-FLV allowed
  bool cmaf_output = false;
  std::string mode;         // the effective mode: "RTMP" | "CMAF" | "RTMP_CMAF"
};

struct IngestStats {
  std::string video_codec;  // "h264", "hevc", ... ("" before the first video message)
  std::string audio_codec;  // "aac", "mp3", ...
  int width = 0, height = 0;
  double fps = 0;            // measured over the last stats interval
  int64_t bitrate_bps = 0;   // audio + video payload, last stats interval
  double keyframe_interval_s = 0;  // between the last two video keyframes
  uint64_t bytes_in = 0;     // bytes received on the connection since it opened
  int audio_sample_rate = 0, audio_channels = 0;
  double duration_s = 0;     // since the publish was accepted
};

class IngestGate {
 public:
  virtual ~IngestGate() = default;
  // Unknown key, bad mode, ...: return an error; the publisher gets
  // NetStream.Publish.BadName with the status message as description.
  virtual Result<PublishGrant> Authorize(const PublishRequest& request) = 0;
  // RTMP-only mode: the first video keyframe arrived (contract §4 "viewable").
  virtual void Viewable(int64_t stream_key_id) = 0;
  // The ingest is over. reason: "unpublish" (clean), "disconnected" (TCP
  // closed/reset without unpublish), "stall", "takeover", "forced",
  // "protocol_error", "shutdown".
  virtual void Ended(int64_t stream_key_id, std::string_view reason) = 0;
  // Every MediaServer::Options::stats_interval while ingesting.
  virtual void Stats(int64_t stream_key_id, const IngestStats& stats) = 0;
};

}  // namespace ffsb
