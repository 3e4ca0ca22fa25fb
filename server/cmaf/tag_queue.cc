#include "server/cmaf/tag_queue.h"

namespace ffsb::cmaf {

bool TagQueue::IsAlwaysKept(uint8_t type, const uint8_t* body, size_t size) {
  if (type == 18) return true;
  if (type == 9 && size >= 2 && (body[0] & 0x0f) == 7 && body[1] == 0) return true;  // AVC seq header
  if (type == 8 && size >= 2 && (body[0] >> 4) == 10 && body[1] == 0) return true;   // AAC seq header
  return false;
}

bool TagQueue::IsVideoKeyframe(uint8_t type, const uint8_t* body, size_t size) {
  return type == 9 && size >= 1 && ((body[0] >> 4) & 0x07) == 1;
}

void TagQueue::Push(uint8_t type, uint32_t timestamp_ms, const uint8_t* body, size_t size) {
  FlvTag tag{type, timestamp_ms, std::vector<uint8_t>(body, body + size)};
  {
    std::lock_guard<std::mutex> l(mu_);
    if (closed_ || aborted_) return;
    bool keep = IsAlwaysKept(type, body, size);
    if (!keep) {
      if (dropping_) {
        if (IsVideoKeyframe(type, body, size) && bytes_ + size <= max_bytes_ / 2) {
          dropping_ = false;
        } else {
          ++dropped_tags_;
          return;
        }
      } else if (bytes_ + size > max_bytes_) {
        dropping_ = true;
        ++new_episodes_;
        ++dropped_tags_;
        return;
      }
    }
    bytes_ += size;
    q_.push_back(std::move(tag));
  }
  cv_.notify_one();
}

void TagQueue::Close() {
  {
    std::lock_guard<std::mutex> l(mu_);
    closed_ = true;
  }
  cv_.notify_one();
}

void TagQueue::Abort() {
  {
    std::lock_guard<std::mutex> l(mu_);
    aborted_ = true;
    q_.clear();
    bytes_ = 0;
  }
  cv_.notify_one();
}

bool TagQueue::Pop(FlvTag* out, uint64_t* drop_episodes) {
  std::unique_lock<std::mutex> l(mu_);
  cv_.wait(l, [&] { return aborted_ || closed_ || !q_.empty(); });
  *drop_episodes = new_episodes_;
  new_episodes_ = 0;
  if (aborted_ || q_.empty()) return false;
  *out = std::move(q_.front());
  q_.pop_front();
  bytes_ -= out->body.size();
  return true;
}

uint64_t TagQueue::dropped_tags() const {
  std::lock_guard<std::mutex> l(mu_);
  return dropped_tags_;
}

}  // namespace ffsb::cmaf

namespace ffsb::cmaf {

bool TagQueue::aborted() const {
  std::lock_guard<std::mutex> l(mu_);
  return aborted_;
}

}  // namespace ffsb::cmaf
