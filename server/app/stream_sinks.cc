#include "server/app/stream_sinks.h"

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

class CmafSink final : public MediaSink {
 public:
  CmafSink(std::shared_ptr<cmaf::CmafPipeline> p, SerialWorker& worker) : pipeline_(std::move(p)), worker_(worker) {}
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
    worker_.Adopt([p = std::move(pipeline_)] { p->Wait(); });
    pipeline_.reset();
  }
  std::shared_ptr<cmaf::CmafPipeline> pipeline_;
  SerialWorker& worker_;
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
  auto pipeline = cmaf::CmafPipeline::Start(std::move(opts), std::move(cb));
  if (!pipeline.ok()) {
    bridge_.ErrorFromWorker(key_id, serial, "CMAF_START_FAILED", pipeline.status().ToString());
    return sinks;
  }
  sinks.push_back(std::make_shared<CmafSink>(std::shared_ptr<cmaf::CmafPipeline>(std::move(*pipeline)), worker_));
  return sinks;
}

}  // namespace ffsb::app
