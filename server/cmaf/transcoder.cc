#include "server/cmaf/transcoder.h"

#include <algorithm>
#include <cmath>

#include "server/cmaf/flv_tag.h"

namespace ffsb::cmaf {

Transcoder::Transcoder(const PipelineOptions& options, std::function<void()> on_viewable)
    : opt_(options), on_viewable_(std::move(on_viewable)), log_(options.log_tag),
      publisher_(options.output_dir, options.clock, Logger(options.log_tag)) {
  opt_.encoder.segment_duration_s = opt_.ladder.segment_duration_s;
  seg_ms_ = int64_t{opt_.ladder.segment_duration_s} * 1000;
}

Status Transcoder::Fail(PipelineError kind, Status s) {
  if (!failure_) failure_ = kind;  // the innermost cause wins
  return s;
}

void Transcoder::FillStats(PipelineStats* s) const {
  s->frames_decoded = decoder_.frames_decoded();
  s->frames_encoded = frames_encoded_;
  s->segments_published = segments_published_;
  s->timestamp_jumps = timeline_.jumps();
  s->viewable = publisher_.viewable();
}

Status Transcoder::Prepare() {
  auto origin = publisher_.Prepare(opt_.resume, opt_.ladder.segment_duration_s, opt_.window_segments);
  if (!origin.ok()) return Fail(PipelineError::kOutputFailed, origin.status());
  timeline_ = Timeline(*origin);
  Status s = audio_.OpenEncoder(opt_.ladder.audio_bitrate);
  if (!s.ok()) return Fail(PipelineError::kInternal, s);
  log_.Info("prepared dir=" + opt_.output_dir + (publisher_.resumed() ? " resume" : " fresh") +
            " origin_ms=" + std::to_string(*origin));
  return Status::Ok();
}

Status Transcoder::Process(const FlvTag& tag) {
  if (tag.type == kFlvTagVideo) return HandleVideo(tag);
  if (tag.type == kFlvTagAudio) return HandleAudio(tag);
  return Status::Ok();  // script data: nothing we need (sizes come from the decoder)
}

Status Transcoder::HandleVideo(const FlvTag& tag) {
  FlvVideo v;
  if (!ParseFlvVideo(tag.body.data(), tag.body.size(), &v)) return Status::Ok();  // truncated tag: skip
  if (!v.is_avc) {
    return Fail(PipelineError::kUnsupportedCodec,
                Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR,
                       "unsupported video codec " + v.codec_name + " (only H.264 is transcoded)"));
  }
  if (v.kind == FlvVideo::Kind::kSequenceHeader) {
    Status s = decoder_.Configure(v.payload, v.payload_size);
    return s.ok() ? s : Fail(PipelineError::kUndecodable, s);
  }
  if (v.kind != FlvVideo::Kind::kNalus || v.payload_size == 0 || !decoder_.configured()) return Status::Ok();
  if (!timeline_.started()) {
    if (!v.keyframe) return Status::Ok();
    // Anchor on the keyframe's presentation time, so the first frame shown is at the origin.
    timeline_.Start(tag.timestamp_ms + static_cast<uint32_t>(std::max(0, v.composition_ms)));
  }
  bool jumped = false;
  int64_t dts = timeline_.MapVideo(tag.timestamp_ms, &jumped);
  if (jumped) log_.Warn("video timestamp jump at ts=" + std::to_string(tag.timestamp_ms) + ", timeline re-based");
  Status s = decoder_.Decode(v.payload, v.payload_size, dts + v.composition_ms, dts, v.keyframe,
                             [this](AVFrame* f) { return OnFrame(f); });
  return s.ok() ? s : Fail(PipelineError::kUndecodable, s);
}

Status Transcoder::HandleAudio(const FlvTag& tag) {
  FlvAudio a;
  if (!ParseFlvAudio(tag.body.data(), tag.body.size(), &a) || !audio_usable_) return Status::Ok();
  if (!a.is_aac) {
    if (!warned_audio_codec_) log_.Warn("audio codec " + a.codec_name + " is not AAC; the stream goes out without audio");
    warned_audio_codec_ = true;
    return Status::Ok();
  }
  if (a.sequence_header) {
    Status s = audio_.Configure(a.payload, a.payload_size);
    if (!s.ok()) {
      log_.Warn("audio dropped: " + s.message());
      audio_usable_ = false;
    }
    return Status::Ok();
  }
  if (!audio_.configured() || !timeline_.started() || a.payload_size == 0) return Status::Ok();
  bool jumped = false;
  int64_t pts = timeline_.MapAudio(tag.timestamp_ms, &jumped);
  if (jumped) log_.Warn("audio timestamp jump at ts=" + std::to_string(tag.timestamp_ms) + ", timeline re-based");
  if (pts < timeline_.origin_ms() - kAudioPrerollMs) return Status::Ok();  // before the first video keyframe
  Status s = audio_.Decode(a.payload, a.payload_size, pts, [this](AVPacket* p) { return OnAudioPacket(p); });
  return s.ok() ? s : Fail(PipelineError::kInternal, s);
}

Status Transcoder::OnAudioPacket(AVPacket* pkt) {
  if (outputs_started_) return OnTrackPacket(tracks_.size() - 1, pkt);
  // Video frames are still inside the decoder: keep the audio until the tracks exist.
  if (early_audio_.size() < kMaxEarlyAudioPackets) early_audio_.emplace_back(av_packet_clone(pkt));
  return Status::Ok();
}

Status Transcoder::StartOutputs(int in_w, int in_h) {
  std::vector<TrackSetup> setups;
  const int64_t origin = timeline_.origin_ms();
  for (const RenditionSpec& r : opt_.ladder.video) {
    auto enc = std::make_unique<VideoEncoder>(r, opt_.encoder);
    Status s = enc->Open(in_w, in_h);
    if (!s.ok()) return Fail(PipelineError::kInternal, s);
    auto w = Fmp4Writer::Open(enc->context(), kVideoTimeBase.den);
    if (!w.ok()) return Fail(PipelineError::kInternal, w.status());
    TrackSetup t{r.name, false, kVideoTimeBase.den, enc->width(), enc->height(), opt_.encoder.max_fps, r.bitrate,
                 AvcCodecString(enc->context()->extradata, enc->context()->extradata_size), (*w)->init_segment()};
    setups.push_back(std::move(t));
    tracks_.push_back(std::make_unique<TrackSegmenter>(std::move(*w), true, origin * 90, seg_ms_ * 90, 3000));
    track_names_.push_back(r.name);
    encoders_.push_back(std::move(enc));
  }
  auto w = Fmp4Writer::Open(audio_.encoder(), AudioTranscoder::kSampleRate);
  if (!w.ok()) return Fail(PipelineError::kInternal, w.status());
  setups.push_back(TrackSetup{opt_.ladder.audio_name, true, AudioTranscoder::kSampleRate, 0, 0, 0,
                              opt_.ladder.audio_bitrate, "mp4a.40.2", (*w)->init_segment()});
  const int64_t sr = AudioTranscoder::kSampleRate;
  tracks_.push_back(std::make_unique<TrackSegmenter>(std::move(*w), false, origin * sr / 1000, seg_ms_ * sr / 1000,
                                                     1024));
  track_names_.push_back(opt_.ladder.audio_name);
  Status s = publisher_.BeginPeriod(setups, origin);
  if (!s.ok()) return Fail(PipelineError::kOutputFailed, s);
  outputs_started_ = true;
  for (PacketPtr& p : early_audio_) {
    s = OnTrackPacket(tracks_.size() - 1, p.get());
    if (!s.ok()) return s;
  }
  early_audio_.clear();
  next_boundary_ms_ = origin;
  log_.Info("outputs started input=" + std::to_string(in_w) + "x" + std::to_string(in_h) + " renditions=" +
            std::to_string(encoders_.size()) + " period=" + std::to_string(publisher_.state().current_period().index));
  return Status::Ok();
}

Status Transcoder::OnFrame(AVFrame* frame) {
  int64_t pts = frame->pts;
  if (pts == AV_NOPTS_VALUE || pts <= last_frame_ms_) return Status::Ok();  // keep encoder input increasing
  if (static_cast<double>(pts) < next_keep_ms_) return Status::Ok();      // frame-rate cap
  const double interval = 1000.0 / opt_.encoder.max_fps;
  next_keep_ms_ = static_cast<double>(pts) + interval * 0.9;  // 10% jitter tolerance
  if (!outputs_started_) {
    Status s = StartOutputs(frame->width, frame->height);
    if (!s.ok()) return s;
  }
  last_frame_ms_ = pts;
  bool force = false;
  if (pts >= next_boundary_ms_) {
    force = true;
    int64_t origin = timeline_.origin_ms();
    next_boundary_ms_ = origin + ((pts - origin) / seg_ms_ + 1) * seg_ms_;
  }
  for (size_t i = 0; i < encoders_.size(); ++i) {
    Status s = encoders_[i]->Encode(frame, force, [this, i](AVPacket* p) { return OnTrackPacket(i, p); });
    if (!s.ok()) return Fail(PipelineError::kInternal, s);
  }
  ++frames_encoded_;
  if (pts < timeline_.origin_ms() + seg_ms_) ++frames_in_first_segment_;
  return Status::Ok();
}

Status Transcoder::OnTrackPacket(size_t track, AVPacket* pkt) {
  std::optional<CompletedSegment> done;
  Status s = tracks_[track]->Add(pkt, &done);
  if (!s.ok()) return Fail(PipelineError::kInternal, s);
  if (done) return PublishSegment(track, std::move(*done));
  return Status::Ok();
}

Status Transcoder::PublishSegment(size_t track, CompletedSegment seg) {
  const bool is_audio = track + 1 == tracks_.size();
  if (!is_audio && !first_segment_done_) {
    first_segment_done_ = true;
    double secs = static_cast<double>(seg.duration) / kVideoTimeBase.den;
    int fps = secs > 0 ? static_cast<int>(std::lround(frames_in_first_segment_ / secs)) : opt_.encoder.max_fps;
    fps = std::clamp(fps, 1, opt_.encoder.max_fps);
    for (size_t i = 0; i + 1 < tracks_.size(); ++i) publisher_.SetFrameRate(track_names_[i], fps);
  }
  if (!is_audio && !audio_decided_) {
    audio_decided_ = true;
    if (tracks_.back()->packets() == 0) {
      log_.Info("no audio by the end of the first segment: audio-less output");
      audio_usable_ = false;
      publisher_.DeactivateTrack(track_names_.back());
    }
  }
  bool became_viewable = false;
  Status s = publisher_.Publish(track_names_[track], seg.bytes, seg.start, seg.duration, &became_viewable);
  if (!s.ok()) return Fail(PipelineError::kOutputFailed, s);
  ++segments_published_;
  if (became_viewable) {
    log_.Info("viewable: first segment of every track published");
    if (on_viewable_) on_viewable_();
  }
  return Status::Ok();
}

Status Transcoder::Finish() {
  if (decoder_.configured()) {
    Status s = decoder_.Flush([this](AVFrame* f) { return OnFrame(f); });
    if (!s.ok()) return Fail(PipelineError::kUndecodable, s);
  }
  if (!outputs_started_) return publisher_.Close();
  for (size_t i = 0; i < encoders_.size(); ++i) {
    Status s = encoders_[i]->Flush([this, i](AVPacket* p) { return OnTrackPacket(i, p); });
    if (!s.ok()) return Fail(PipelineError::kInternal, s);
  }
  if (audio_usable_) {
    Status s = audio_.Flush([this](AVPacket* p) { return OnAudioPacket(p); });
    if (!s.ok()) return Fail(PipelineError::kInternal, s);
  }
  for (size_t i = 0; i < tracks_.size(); ++i) {
    std::optional<CompletedSegment> done;
    Status s = tracks_[i]->Finish(&done);
    if (!s.ok()) return Fail(PipelineError::kInternal, s);
    if (done) {
      s = PublishSegment(i, std::move(*done));
      if (!s.ok()) return s;
    }
  }
  Status s = publisher_.Close();
  return s.ok() ? s : Fail(PipelineError::kOutputFailed, s);
}

}  // namespace ffsb::cmaf
