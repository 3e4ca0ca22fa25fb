#include "server/cmaf/cmaf_pipeline.h"

#include "server/cmaf/transcoder.h"

namespace ffsb::cmaf {

CmafPipeline::CmafPipeline(PipelineOptions options, PipelineCallbacks callbacks)
    : options_(std::move(options)), callbacks_(std::move(callbacks)), log_(options_.log_tag),
      queue_(options_.max_queue_bytes) {}

Result<std::unique_ptr<CmafPipeline>> CmafPipeline::Start(PipelineOptions options, PipelineCallbacks callbacks) {
  if (!options.clock) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "cmaf: options.clock is required");
  if (options.output_dir.empty()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "cmaf: output_dir is empty");
  if (options.ladder.video.empty()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "cmaf: empty ladder");
  if (options.window_segments < 2) options.window_segments = 2;
  if (options.encoder.max_fps <= 0) options.encoder.max_fps = 30;
  std::unique_ptr<CmafPipeline> p(new CmafPipeline(std::move(options), std::move(callbacks)));
  p->transcoder_ = std::make_unique<Transcoder>(p->options_, [cb = p->callbacks_.on_viewable] {
    if (cb) cb();
  });
  Status s = p->transcoder_->Prepare();
  if (!s.ok()) return s;
  p->worker_ = std::thread([raw = p.get()] { raw->Run(); });
  return p;
}

CmafPipeline::~CmafPipeline() { Stop(); }

void CmafPipeline::OnFlvTag(uint8_t tag_type, uint32_t timestamp_ms, const uint8_t* body, size_t size) {
  tags_in_.fetch_add(1, std::memory_order_relaxed);
  queue_.Push(tag_type, timestamp_ms, body, size);
}

void CmafPipeline::OnEnd() { queue_.Close(); }

void CmafPipeline::Stop() {
  queue_.Abort();
  Wait();
}

void CmafPipeline::Wait() {
  std::lock_guard<std::mutex> l(join_mu_);
  if (worker_.joinable()) worker_.join();
}

PipelineStats CmafPipeline::stats() const {
  std::lock_guard<std::mutex> l(stats_mu_);
  PipelineStats s = stats_;
  s.tags_in = tags_in_.load(std::memory_order_relaxed);
  s.tags_dropped = queue_.dropped_tags();
  return s;
}

void CmafPipeline::Run() {
  FlvTag tag;
  uint64_t episodes = 0;
  Status status;
  bool ended = false;
  uint64_t n = 0;
  while (true) {
    if (!queue_.Pop(&tag, &episodes)) {
      ended = true;
      break;
    }
    if (episodes > 0)
      log_.Warn("queue overflow: transcoding is behind real time, dropping to the next keyframe (dropped so far " +
                std::to_string(queue_.dropped_tags()) + " tags)");
    status = transcoder_->Process(tag);
    if (!status.ok()) break;
    if ((++n & 63) == 0) {
      std::lock_guard<std::mutex> l(stats_mu_);
      transcoder_->FillStats(&stats_);
    }
  }
  // Stop() discards the partial segment; state.json is already current.
  if (ended && status.ok() && !queue_.aborted()) status = transcoder_->Finish();
  {
    std::lock_guard<std::mutex> l(stats_mu_);
    transcoder_->FillStats(&stats_);
    stats_.failed = !status.ok();
  }
  if (!status.ok()) {
    queue_.Abort();  // later pushes are ignored
    PipelineError kind = transcoder_->failure();
    log_.Error(std::string("stopped: ") + std::string(PipelineErrorName(kind)) + ": " + status.message());
    if (callbacks_.on_error) callbacks_.on_error(kind, status.message());
  } else {
    log_.Info("finished segments=" + std::to_string(stats_.segments_published));
  }
  transcoder_.reset();  // frees codecs on the worker thread
  if (callbacks_.on_finished) callbacks_.on_finished();
}

}  // namespace ffsb::cmaf
