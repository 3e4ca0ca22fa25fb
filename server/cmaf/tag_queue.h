// TagQueue: the bounded hand-off between the RTMP media thread (producer,
// must never block) and one pipeline's worker thread (consumer).
//
// Thread-safety: Push/Close from one producer thread, Pop from one consumer
// thread; all state is guarded by mu_.
// Overflow policy: when a push would exceed the byte budget, the queue enters
// "dropping" mode: it discards every audio/video tag until a video keyframe
// arrives while the queue is at most half full; sequence headers and script
// tags are always kept (they are small and change decoder state). The first
// drop of each episode is reported once through Pop's `dropped` counters.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace ffsb::cmaf {

struct FlvTag {
  uint8_t type = 0;  // 8 audio, 9 video, 18 script
  uint32_t timestamp_ms = 0;
  std::vector<uint8_t> body;
};

class TagQueue {
 public:
  explicit TagQueue(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Copies the tag. Never blocks beyond a short critical section.
  void Push(uint8_t type, uint32_t timestamp_ms, const uint8_t* body, size_t size);
  // No more pushes; Pop drains what is left then returns false.
  void Close();
  // Wakes Pop with false immediately, discarding what is queued.
  void Abort();

  // Blocks until a tag, Close (drained) or Abort. `drop_episodes` receives the
  // number of overflow episodes that began since the last Pop.
  bool Pop(FlvTag* out, uint64_t* drop_episodes);

  uint64_t dropped_tags() const;
  bool aborted() const;

 private:
  static bool IsAlwaysKept(uint8_t type, const uint8_t* body, size_t size);
  static bool IsVideoKeyframe(uint8_t type, const uint8_t* body, size_t size);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<FlvTag> q_;        // guarded by mu_
  size_t bytes_ = 0;            // guarded by mu_
  bool dropping_ = false;       // guarded by mu_
  bool closed_ = false;         // guarded by mu_
  bool aborted_ = false;        // guarded by mu_
  uint64_t new_episodes_ = 0;   // guarded by mu_
  uint64_t dropped_tags_ = 0;   // guarded by mu_
};

}  // namespace ffsb::cmaf
