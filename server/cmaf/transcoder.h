// Transcoder: the work of one CMAF pipeline, run on its worker thread.
// FLV tags in; decoded once, scaled and encoded per rendition, AAC once,
// segmented into CMAF tracks and published by an OutputPublisher.
//
// Thread-safety: every method runs on the owning pipeline's worker thread.
// Ownership: owns decoders, encoders, segmenters and the publisher.
// A method returning a non-OK status has set failure() and must not be
// called again (the pipeline stops).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "server/base/log.h"
#include "server/base/status.h"
#include "server/cmaf/audio_transcoder.h"
#include "server/cmaf/output_publisher.h"
#include "server/cmaf/pipeline_types.h"
#include "server/cmaf/tag_queue.h"
#include "server/cmaf/timeline.h"
#include "server/cmaf/track_segmenter.h"
#include "server/cmaf/video_decoder.h"
#include "server/cmaf/video_encoder.h"

namespace ffsb::cmaf {

class Transcoder {
 public:
  Transcoder(const PipelineOptions& options, std::function<void()> on_viewable);

  Status Prepare();  // output directory and resume state
  Status Process(const FlvTag& tag);
  Status Finish();   // end of ingest: flush encoders, last segments, state

  PipelineError failure() const { return failure_.value_or(PipelineError::kInternal); }
  void FillStats(PipelineStats* s) const;

 private:
  Status Fail(PipelineError kind, Status s);
  Status HandleVideo(const FlvTag& tag);
  Status HandleAudio(const FlvTag& tag);
  Status OnFrame(AVFrame* frame);
  Status StartOutputs(int in_w, int in_h);
  Status OnTrackPacket(size_t track, AVPacket* pkt);
  Status OnAudioPacket(AVPacket* pkt);
  Status PublishSegment(size_t track, CompletedSegment seg);

  PipelineOptions opt_;
  std::function<void()> on_viewable_;
  Logger log_;
  OutputPublisher publisher_;
  Timeline timeline_{0};
  VideoDecoder decoder_;
  std::vector<std::unique_ptr<VideoEncoder>> encoders_;
  AudioTranscoder audio_;
  bool audio_usable_ = true;   // false: ignore audio for the rest of this ingest
  bool audio_decided_ = false; // presence settled at the first video segment
  static constexpr int64_t kAudioPrerollMs = 50;
  static constexpr size_t kMaxEarlyAudioPackets = 500;  // ~10 s
  std::vector<PacketPtr> early_audio_;  // encoded before the video tracks existed
  std::vector<std::unique_ptr<TrackSegmenter>> tracks_;  // renditions in order, then audio
  std::vector<std::string> track_names_;
  bool outputs_started_ = false;
  int64_t seg_ms_ = 2000;
  int64_t next_boundary_ms_ = 0;
  int64_t last_frame_ms_ = INT64_MIN;
  double next_keep_ms_ = -1e18;
  uint64_t frames_encoded_ = 0;
  uint64_t frames_in_first_segment_ = 0;
  bool first_segment_done_ = false;
  uint64_t segments_published_ = 0;
  bool warned_audio_codec_ = false;
  std::optional<PipelineError> failure_;
};

}  // namespace ffsb::cmaf
