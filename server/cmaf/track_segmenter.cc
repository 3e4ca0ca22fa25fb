#include "server/cmaf/track_segmenter.h"

#include <algorithm>

namespace ffsb::cmaf {

int64_t TrackSegmenter::NextBoundaryAfter(int64_t start) const {
  int64_t rel = start - origin_;
  // Video segments start on forced keyframes (at or just past a boundary):
  // floor. Audio may start a little before the origin (encoder priming):
  // round to the nearest boundary.
  int64_t idx = video_ ? (rel >= 0 ? rel / seg_len_ : -((-rel + seg_len_ - 1) / seg_len_))
                       : (rel + seg_len_ / 2 >= 0 ? (rel + seg_len_ / 2) / seg_len_ : 0);
  return origin_ + (idx + 1) * seg_len_;
}

Status TrackSegmenter::WriteHeld(int64_t duration) {
  held_->duration = std::max<int64_t>(1, duration);
  last_duration_ = held_->duration;
  seg_max_end_ = std::max(seg_max_end_, held_->pts + held_->duration);
  Status s = writer_->Write(held_.get());
  av_packet_unref(held_.get());
  has_held_ = false;
  return s;
}

Status TrackSegmenter::Cut(int64_t end, std::optional<CompletedSegment>* done) {
  auto bytes = writer_->CutFragment();
  if (!bytes.ok()) return bytes.status();
  if (bytes->empty()) return Status::Ok();
  CompletedSegment seg;
  seg.bytes = std::move(*bytes);
  seg.start = seg_start_;
  seg.duration = std::max<int64_t>(1, end - seg_start_);
  *done = std::move(seg);
  return Status::Ok();
}

Status TrackSegmenter::Add(const AVPacket* pkt, std::optional<CompletedSegment>* done) {
  done->reset();
  if (pkt->pts == AV_NOPTS_VALUE || pkt->dts == AV_NOPTS_VALUE) return Status::Ok();
  bool key = (pkt->flags & AV_PKT_FLAG_KEY) != 0;
  if (!in_segment_ && video_ && !key) return Status::Ok();  // never start a segment without a keyframe
  if (has_held_) {
    int64_t d = pkt->dts - held_->dts;
    Status s = WriteHeld(d > 0 ? d : (pkt->duration > 0 ? pkt->duration : default_duration_));
    if (!s.ok()) return s;
  }
  bool cut = in_segment_ && pkt->pts >= next_boundary_ && (!video_ || key);
  if (cut) {
    Status s = Cut(pkt->pts, done);
    if (!s.ok()) return s;
  }
  if (!in_segment_ || cut) {
    in_segment_ = true;
    seg_start_ = pkt->pts;
    seg_max_end_ = pkt->pts;
    next_boundary_ = NextBoundaryAfter(pkt->pts);
  }
  if (av_packet_ref(held_.get(), pkt) < 0)
    return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, "segmenter: out of memory");
  has_held_ = true;
  ++packets_;
  return Status::Ok();
}

Status TrackSegmenter::Finish(std::optional<CompletedSegment>* done) {
  done->reset();
  if (!in_segment_) return Status::Ok();
  if (has_held_) {
    int64_t d = held_->duration > 0 ? held_->duration : (last_duration_ > 0 ? last_duration_ : default_duration_);
    Status s = WriteHeld(d);
    if (!s.ok()) return s;
  }
  in_segment_ = false;
  return Cut(seg_max_end_, done);
}

}  // namespace ffsb::cmaf
