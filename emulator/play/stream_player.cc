#include "emulator/play/stream_player.h"

#include <librtmp/rtmp.h>

#include <cmath>

#include "emulator/common/http_stream.h"
#include "emulator/media/avc_format.h"
#include "emulator/media/flv_reader.h"
#include "emulator/media/flv_tag.h"
#include "emulator/media/timestamp_sei.h"
#include "emulator/rtmp/librtmp_connection.h"

namespace ffsb::emu {
namespace {

// Measures FLV-style messages as they arrive.
class MessageSink {
 public:
  MessageSink(const Clock& clock, PlayStats* stats) : clock_(clock), stats_(stats) {}
  void OnMessage(uint8_t type, int64_t ts_ms, std::span<const uint8_t> body) {
    if (type != 8 && type != 9) { stats_->OnBytes(body.size()); return; }
    stats_->OnMedia(body.size(), 0);
    auto p = ParseTagBody(static_cast<MediaKind>(type), ts_ms, body);
    if (!p) return;
    if (p->kind == MediaKind::kAudio) { if (!p->config) stats_->OnAudioFrame(); return; }
    if (p->config) { length_size_ = AvccLengthSize(p->payload); return; }
    stats_->OnVideoFrame();
    if (auto stamp = FindTimestampInAvcc(p->payload, length_size_)) stats_->OnStamp(*stamp, clock_.Now(), false);
  }

 private:
  const Clock& clock_;
  PlayStats* stats_;
  int length_size_ = 4;
};

bool Done(const PlayOptions& o, const Clock& clock, Micros start, const std::atomic<bool>* stop) {
  return (stop && stop->load()) || (o.duration_s > 0 && clock.Monotonic() - start >= o.duration_s * 1e6);
}

}  // namespace

Status RunRtmpPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats) {
  MessageSink sink(clock, stats);
  auto on_packet = [&](const RTMPPacket& p) {
    sink.OnMessage(p.m_packetType, p.m_nTimeStamp,
                   {reinterpret_cast<const uint8_t*>(p.m_body), static_cast<size_t>(p.m_nBodySize)});
  };
  Micros start = clock.Monotonic();
  // librtmp's receive timeout doubles as the no-media timeout.
  LibrtmpConnection conn(o.url, /*publish=*/false, std::max(1, static_cast<int>(std::ceil(o.media_timeout_s))));
  if (Status st = conn.Open(on_packet); !st.ok()) return st;
  while (!Done(o, clock, start, stop)) {
    auto got = conn.ReadMedia(on_packet, 200);
    stats->MaybePrint(o.status_out);
    if (Done(o, clock, start, stop)) break;
    if (!got.ok()) return got.status();
    if (stats->SecondsSinceMedia() > o.media_timeout_s)
      return Status(ErrorCode::SERVICE_UNAVAILABLE, "no media for " + std::to_string(o.media_timeout_s) + " s");
  }
  conn.CloseClean();
  return Status::Ok();
}

Status RunHttpFlvPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats) {
  MessageSink sink(clock, stats);
  Micros start = clock.Monotonic();
  int timeout_ms = static_cast<int>(o.media_timeout_s * 1000);
  HttpStream http;
  if (Status st = http.Open(o.url, timeout_ms); !st.ok()) return st;
  FlvReader reader;
  std::vector<uint8_t> buf(64 * 1024);
  while (!Done(o, clock, start, stop)) {
    // Short reads so the duration and stop flag are honoured promptly.
    auto n = http.Read(buf.data(), buf.size(), 200);
    stats->MaybePrint(o.status_out);
    if (!n.ok()) {
      if (n.status().message() == "read timed out") {
        if (stats->SecondsSinceMedia() > o.media_timeout_s)
          return Status(ErrorCode::SERVICE_UNAVAILABLE, "no media for " + std::to_string(o.media_timeout_s) + " s");
        continue;
      }
      return n.status();
    }
    if (*n == 0) return Status(ErrorCode::SERVICE_UNAVAILABLE, "server ended the HTTP-FLV stream");
    Status st = reader.Feed({buf.data(), *n}, [&](const FlvTag& t) { sink.OnMessage(t.type, t.timestamp_ms, t.body); });
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace ffsb::emu
