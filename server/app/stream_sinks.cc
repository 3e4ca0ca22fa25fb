#include "server/app/stream_sinks.h"

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "server/app/recordings.h"
#include "server/base/log.h"
#include "server/cmaf/cmaf_pipeline.h"
#include "server/cmaf/ladder_config.h"

namespace ffsb::app {
namespace {

// FLV: video tag body byte 0 = frame type (hi nibble) | codec (lo nibble);
// byte 1 = AVCPacketType (0 = sequence header). Audio: byte 0 = format (hi
// nibble, 10 = AAC); byte 1 = AACPacketType (0 = sequence header).
bool IsVideoSequenceHeader(const uint8_t* b, size_t n) { return n >= 2 && (b[0] & 0x0f) == 7 && b[1] == 0; }
bool IsAudioSequenceHeader(const uint8_t* b, size_t n) { return n >= 2 && (b[0] >> 4) == 10 && b[1] == 0; }

class KeyTap final : public MediaSink {
 public:
  KeyTap(int64_t key_id, Recordings& recordings) : key_id_(key_id), recordings_(recordings) {}
  void OnFlvTag(uint8_t type, uint32_t ts, const uint8_t* body, size_t size) override {
    if (type == 9 && IsVideoSequenceHeader(body, size)) recordings_.SetVideoHeader(key_id_, body, size);
    if (type == 8 && IsAudioSequenceHeader(body, size)) recordings_.SetAudioHeader(key_id_, body, size);
    recordings_.OnTag(key_id_, type, ts, body, size);
  }
  void OnEnd() override { recordings_.OnIngestEnd(key_id_); }

 private:
  int64_t key_id_;
  Recordings& recordings_;
};

// How long an ended ingest's pipeline may keep transcoding its backlog before
// it is aborted (its last partial segment is then not published; state.json is
// current, so a resume still continues the timeline). On a machine that keeps
// up, the backlog is well under a second. The bound matters when it does not:
// recordings and notifications queue on the same SerialWorker behind this
// wait, and a SIGTERM'd server waits for it before exiting (measured: 14 s and
// more at load 13 on 2 cores, past a container's 10 s stop grace period).
constexpr std::chrono::seconds kDrainLimit{5};

// Set by the pipeline's on_finished (its worker thread, last callback).
struct FinishedFlag {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;  // GUARDED_BY(mu)
  void Set() {
    { std::lock_guard<std::mutex> l(mu); done = true; }
    cv.notify_all();
  }
  bool WaitFor(std::chrono::seconds limit) {
    std::unique_lock<std::mutex> l(mu);
    return cv.wait_for(l, limit, [this] { return done; });
  }
};

class CmafSink final : public MediaSink {
 public:
  CmafSink(std::shared_ptr<cmaf::CmafPipeline> p, std::shared_ptr<FinishedFlag> finished, SerialWorker& worker,
           int64_t key_id)
      : pipeline_(std::move(p)), finished_(std::move(finished)), worker_(worker), key_id_(key_id) {}
  ~CmafSink() override { Release(); }
  void OnFlvTag(uint8_t type, uint32_t ts, const uint8_t* body, size_t size) override {
    if (pipeline_) pipeline_->OnFlvTag(type, ts, body, size);
  }
  void OnEnd() override {
    if (pipeline_) pipeline_->OnEnd();
    Release();
  }

 private:
  void Release() {
    if (!pipeline_) return;
    worker_.Adopt([p = std::move(pipeline_), f = finished_, key_id = key_id_] {
      if (!f->WaitFor(kDrainLimit))
        Log(LogLevel::kWarn, "cmaf", "key id " + std::to_string(key_id) + ": backlog still transcoding after " +
                                         std::to_string(kDrainLimit.count()) + " s; aborted (last segment not published)");
      p->Stop();  // joins; a no-op wait when the pipeline has finished
    });
    pipeline_.reset();
  }
  std::shared_ptr<cmaf::CmafPipeline> pipeline_;
  std::shared_ptr<FinishedFlag> finished_;
  SerialWorker& worker_;
  int64_t key_id_;
};

}  // namespace

StreamSinks::StreamSinks(StreamSinksConfig config, IngestBridge& bridge, Recordings& recordings, SerialWorker& worker,
                         const Clock& clock)
    : config_(std::move(config)), bridge_(bridge), recordings_(recordings), worker_(worker), clock_(clock) {}

std::vector<std::shared_ptr<MediaSink>> StreamSinks::Make(const PublishGrant& grant) {
  std::vector<std::shared_ptr<MediaSink>> sinks;
  sinks.push_back(std::make_shared<KeyTap>(grant.stream_key_id, recordings_));
  if (!grant.cmaf_output) return sinks;

  const control::IngestGrant* g = bridge_.Grant(grant.stream_key_id);
  const uint64_t serial = bridge_.Serial(grant.stream_key_id);
  const int64_t key_id = grant.stream_key_id;
  auto ladder = cmaf::ParseLadderConfig(g ? g->profile_json : "");
  if (!ladder.ok()) {
    Log(LogLevel::kError, "cmaf", "profile of key id " + std::to_string(key_id) + " unusable: " +
                                      ladder.status().ToString() + "; using the landscape default");
    ladder = cmaf::DefaultLandscapeLadder();
  }
  cmaf::PipelineOptions opts;
  opts.ladder = *ladder;
  opts.output_dir = config_.cmaf_dir + "/" + grant.play_id;
  opts.encoder.preset = config_.cmaf_preset;
  // A broadcast resuming in a live room continues the same timeline (a new
  // period / discontinuity); a fresh ingest starts a fresh output.
  opts.resume = g && g->live_room_id.has_value();
  opts.clock = &clock_;
  opts.log_tag = "cmaf";
  cmaf::PipelineCallbacks cb;
  IngestBridge* bridge = &bridge_;
  cb.on_viewable = [bridge, key_id, serial] { bridge->ViewableFromWorker(key_id, serial); };
  cb.on_error = [bridge, key_id, serial](cmaf::PipelineError e, const std::string& message) {
    bridge->ErrorFromWorker(key_id, serial, std::string(cmaf::PipelineErrorName(e)), message);
  };
  auto finished = std::make_shared<FinishedFlag>();
  cb.on_finished = [finished] { finished->Set(); };
  auto pipeline = cmaf::CmafPipeline::Start(std::move(opts), std::move(cb));
  if (!pipeline.ok()) {
    bridge_.ErrorFromWorker(key_id, serial, "CMAF_START_FAILED", pipeline.status().ToString());
    return sinks;
  }
  sinks.push_back(std::make_shared<CmafSink>(std::shared_ptr<cmaf::CmafPipeline>(std::move(*pipeline)),
                                             std::move(finished), worker_, key_id));
  return sinks;
}

}  // namespace ffsb::app
