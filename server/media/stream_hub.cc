#include "server/media/stream_hub.h"

#include <algorithm>

#include "server/protocol/message.h"

namespace ffsb {

StreamHub::StreamHub(PublishGrant grant, std::string key_redacted, size_t gop_cache_bytes,
                     int64_t start_us, std::vector<std::shared_ptr<MediaSink>> sinks)
    : grant_(std::move(grant)),
      key_redacted_(std::move(key_redacted)),
      gop_cache_limit_(gop_cache_bytes),
      sinks_(std::move(sinks)),
      stats_(start_us),
      last_media_us_(start_us) {}

bool StreamHub::OnFrame(FramePtr f) {
  if (ended_) return false;
  stats_.OnFrame(*f);
  bool first_keyframe = false;
  if (f->sequence_header) {
    if (f->type == rtmp::kVideo) video_header_ = f;
    else if (f->type == rtmp::kAudio) audio_header_ = f;
    else metadata_ = f;
  } else if (f->type == rtmp::kVideo && f->keyframe) {
    first_keyframe = !seen_keyframe_;
    seen_keyframe_ = true;
    gop_.clear();
    gop_bytes_ = 0;
    gop_full_ = false;
  }
  if (!f->sequence_header && seen_keyframe_ && !gop_full_) {
    if (gop_bytes_ + f->body.size() > gop_cache_limit_) {
      gop_full_ = true;  // a viewer joining now starts at the next keyframe
      gop_.clear();
      gop_bytes_ = 0;
    } else {
      gop_.push_back(f);
      gop_bytes_ += f->body.size();
    }
  }
  for (auto& sink : sinks_) sink->OnFlvTag(f->type, f->timestamp, f->body.data(), f->body.size());
  Broadcast(f);
  return first_keyframe;
}

void StreamHub::Broadcast(const FramePtr& f) {
  broadcasting_ = true;
  for (size_t i = 0; i < subscribers_.size(); ++i) {
    if (subscribers_[i]) subscribers_[i]->Deliver(f);
  }
  broadcasting_ = false;
  subscribers_.erase(std::remove(subscribers_.begin(), subscribers_.end(), nullptr),
                     subscribers_.end());
}

void StreamHub::FlushSubscribers() {
  broadcasting_ = true;
  for (size_t i = 0; i < subscribers_.size(); ++i) {
    if (subscribers_[i]) subscribers_[i]->FlushOut();
  }
  broadcasting_ = false;
  subscribers_.erase(std::remove(subscribers_.begin(), subscribers_.end(), nullptr),
                     subscribers_.end());
}

void StreamHub::AddSubscriber(std::shared_ptr<Subscriber> s) {
  if (ended_) {
    s->StreamEnded();
    return;
  }
  if (metadata_) s->Deliver(metadata_);
  if (video_header_) s->Deliver(video_header_);
  if (audio_header_) s->Deliver(audio_header_);
  for (const auto& f : gop_) s->Deliver(f);
  s->FlushOut();
  subscribers_.push_back(std::move(s));
}

void StreamHub::RemoveSubscriber(Subscriber* s) {
  for (auto& p : subscribers_) {
    if (p.get() == s) p = nullptr;  // keep indices stable during Broadcast
  }
  if (!broadcasting_) {
    subscribers_.erase(std::remove(subscribers_.begin(), subscribers_.end(), nullptr),
                       subscribers_.end());
  }
}

size_t StreamHub::subscriber_count() const {
  return size_t(std::count_if(subscribers_.begin(), subscribers_.end(),
                              [](const auto& p) { return p != nullptr; }));
}

void StreamHub::End() {
  if (ended_) return;
  ended_ = true;
  auto subs = std::move(subscribers_);
  subscribers_.clear();
  for (auto& s : subs) {
    if (s) s->StreamEnded();
  }
  for (auto& sink : sinks_) sink->OnEnd();
  sinks_.clear();
  gop_.clear();
}

}  // namespace ffsb
