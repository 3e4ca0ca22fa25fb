#include "server/app/ingest_bridge.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>

#include "server/media/media_server.h"

namespace ffsb::app {

IngestBridge::IngestBridge(control::Control& control, boost::asio::io_context& media_io)
    : control_(control), io_(media_io) {}

Result<PublishGrant> IngestBridge::Authorize(const PublishRequest& request) {
  if (request.app != "live")
    return Status(ErrorCode::STREAM_KEY_NOT_FOUND, "unknown application '" + request.app + "' (use /live)");
  std::optional<domain::OutputMode> mode;
  if (!request.mode_param.empty()) {
    mode = domain::ParseOutputMode(request.mode_param);
    if (!mode)
      return Status(ErrorCode::INVALID_REQUEST_PARAMETER,
                    "unknown mode '" + request.mode_param + "' (RTMP, CMAF or RTMP_CMAF)");
  }
  auto grant = control_.AuthorizeIngest(request.stream_name, mode);
  if (!grant.ok()) return grant.status();
  Running& r = running_[grant->stream_key_id];
  r.grant = *grant;
  r.serial = next_serial_++;
  PublishGrant out;
  out.stream_key_id = grant->stream_key_id;
  out.play_id = grant->play_id;
  out.rtmp_output = domain::HasRtmpOutput(grant->mode);
  out.cmaf_output = domain::HasCmafOutput(grant->mode);
  out.mode = std::string(domain::ToString(grant->mode));
  return out;
}

void IngestBridge::Viewable(int64_t stream_key_id) {
  auto it = running_.find(stream_key_id);
  // CMAF modes become viewable when the pipeline publishes its first segments.
  if (it == running_.end() || domain::HasCmafOutput(it->second.grant.mode)) return;
  if (DelayViewable(stream_key_id, it->second.serial)) return;
  Status s = control_.IngestViewable(stream_key_id);
  if (!s.ok()) log_.Warn("viewable refused for key id " + std::to_string(stream_key_id) + ": " + s.ToString());
}

void IngestBridge::Ended(int64_t stream_key_id, std::string_view reason) {
  running_.erase(stream_key_id);
  Status s = control_.IngestStopped(stream_key_id);
  // After a force-terminate the key is already INACTIVE: nothing to stop.
  if (!s.ok() && reason != "forced")
    log_.Info("ingest end (" + std::string(reason) + ") for key id " + std::to_string(stream_key_id) +
              " not applied: " + s.ToString());
}

void IngestBridge::Stats(int64_t stream_key_id, const IngestStats& s) {
  domain::IngestStats d;
  d.video_codec = s.video_codec == "h264" ? "H264" : s.video_codec;
  d.audio_codec = s.audio_codec == "aac" ? "AAC" : s.audio_codec;
  d.width = s.width;
  d.height = s.height;
  d.fps = s.fps;
  d.bitrate_bps = s.bitrate_bps;
  d.keyframe_interval_s = s.keyframe_interval_s;
  d.bytes_in = static_cast<int64_t>(s.bytes_in);
  control_.IngestStats(stream_key_id, d);
}

void IngestBridge::DropIngest(domain::Id stream_key_id) {
  if (media_) media_->DropIngest(stream_key_id);
}

const control::IngestGrant* IngestBridge::Grant(int64_t stream_key_id) const {
  auto it = running_.find(stream_key_id);
  return it == running_.end() ? nullptr : &it->second.grant;
}

uint64_t IngestBridge::Serial(int64_t stream_key_id) const {
  auto it = running_.find(stream_key_id);
  return it == running_.end() ? 0 : it->second.serial;
}

void IngestBridge::ViewableFromWorker(int64_t stream_key_id, uint64_t serial) {
  boost::asio::post(io_, [this, stream_key_id, serial] {
    if (Serial(stream_key_id) != serial) return;  // that ingest is gone
    if (DelayViewable(stream_key_id, serial)) return;
    Status s = control_.IngestViewable(stream_key_id);
    if (!s.ok()) log_.Warn("CMAF viewable refused for key id " + std::to_string(stream_key_id) + ": " + s.ToString());
  });
}

bool IngestBridge::DelayViewable(int64_t stream_key_id, uint64_t serial) {
  const int ms = viewable_delay_ms_ ? viewable_delay_ms_() : 0;
  auto it = running_.find(stream_key_id);
  if (ms <= 0 || it == running_.end()) return false;
  log_.Info("sandbox: viewable of key id " + std::to_string(stream_key_id) + " delayed " + std::to_string(ms) + " ms");
  auto timer = std::make_shared<boost::asio::steady_timer>(io_, std::chrono::milliseconds(ms));
  // Owned by the ingest's entry: its end destroys the timer, which cancels the wait.
  it->second.viewable_delay = timer;
  timer->async_wait([this, stream_key_id, serial](const boost::system::error_code& ec) {
    if (ec || Serial(stream_key_id) != serial) return;
    Status s = control_.IngestViewable(stream_key_id);
    if (!s.ok()) log_.Warn("delayed viewable refused for key id " + std::to_string(stream_key_id) + ": " + s.ToString());
  });
  return true;
}

void IngestBridge::ErrorFromWorker(int64_t stream_key_id, uint64_t serial, std::string code, std::string message) {
  boost::asio::post(io_, [this, stream_key_id, serial, code = std::move(code), message = std::move(message)] {
    if (Serial(stream_key_id) != serial) return;
    control_.IngestError(stream_key_id, code, message);
  });
}

}  // namespace ffsb::app
