#include "server/media/stats_meter.h"

#include "server/protocol/aac.h"
#include "server/protocol/avc.h"
#include "server/protocol/flv_codec.h"
#include "server/protocol/message.h"

namespace ffsb {

void StatsMeter::OnFrame(const Frame& f) {
  const uint8_t* b = f.body.data();
  size_t n = f.body.size();
  if (f.type == rtmp::kVideo) {
    window_bytes_ += n;
    if (stats_.video_codec.empty()) stats_.video_codec = std::string(flv::VideoCodecName(b, n));
    if (flv::IsVideoSequenceHeader(b, n)) {
      if (n > 5 && (b[0] & 0x0f) == flv::kCodecAvc && !(b[0] & 0x80)) {
        auto cfg = ParseAvcDecoderConfigurationRecord(b + 5, n - 5);
        if (cfg.ok()) {
          stats_.width = int(cfg->info.width);
          stats_.height = int(cfg->info.height);
          sps_fps_ = cfg->info.fps;
        }
      }
      return;
    }
    ++window_video_frames_;
    ++video_frames_total_;
    if (f.keyframe) {
      if (have_keyframe_ && f.timestamp > last_keyframe_ts_) {
        stats_.keyframe_interval_s = (f.timestamp - last_keyframe_ts_) / 1000.0;
      }
      have_keyframe_ = true;
      last_keyframe_ts_ = f.timestamp;
    }
  } else if (f.type == rtmp::kAudio) {
    window_bytes_ += n;
    if (stats_.audio_codec.empty()) stats_.audio_codec = std::string(flv::AudioCodecName(b, n));
    if (flv::IsAudioSequenceHeader(b, n)) {
      auto cfg = ParseAudioSpecificConfig(b + 2, n - 2);
      if (cfg.ok()) {
        stats_.audio_sample_rate = cfg->sample_rate;
        stats_.audio_channels = cfg->channels;
      }
    }
  }
}

IngestStats StatsMeter::Snapshot(int64_t now_us, uint64_t bytes_in) {
  double secs = (now_us - window_start_us_) / 1e6;
  if (secs > 0.2) {
    stats_.bitrate_bps = int64_t(window_bytes_ * 8 / secs);
    stats_.fps = window_video_frames_ / secs;
    window_bytes_ = 0;
    window_video_frames_ = 0;
    window_start_us_ = now_us;
  }
  if (stats_.fps == 0 && sps_fps_ > 0) stats_.fps = sps_fps_;
  stats_.bytes_in = bytes_in;
  stats_.duration_s = (now_us - start_us_) / 1e6;
  return stats_;
}

}  // namespace ffsb
