// Tunables of the media server. Defaults suit production; tests shrink the
// timeouts. See docs/rtmp.md ("Limits").
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace ffsb {

struct MediaServerOptions {
  using ms = std::chrono::milliseconds;
  // A publisher that sends no audio/video this long is ended ("stall").
  ms stall_timeout{10'000};
  // A new publisher for a key whose current publisher has sent no media this
  // long takes the key over ("takeover").
  ms takeover_window{3'000};
  // Connections that have not completed the handshake by then are closed.
  ms handshake_timeout{10'000};
  // Connections that neither publish nor play by then are closed.
  ms idle_timeout{30'000};
  ms stats_interval{5'000};
  ms tick{200};  // granularity of the timeouts above
  size_t max_connections = 10'000;
  // Bytes queued for one viewer before it is dropped to the next keyframe;
  // a viewer that overflows 3 times in 10 s is disconnected.
  size_t viewer_queue_bytes = 4 << 20;
  // Merged writes: after publisher input, viewers are flushed at most this
  // often, so one sendmsg carries several audio/video messages (SRS's
  // "mw_latency"). Costs at most this much extra latency; 0 = flush at once.
  ms merge_write{80};
  uint32_t out_chunk_size = 4096;
  uint32_t max_message_length = 8 << 20;
  // GOP cache bound (bytes); past it the cache stops growing until the next keyframe.
  size_t gop_cache_bytes = 16 << 20;
  uint32_t window_ack_size = 2'500'000;
};

}  // namespace ffsb
