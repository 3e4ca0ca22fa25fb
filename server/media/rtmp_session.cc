#include "server/media/rtmp_session.h"

#include "server/base/log.h"
#include "server/protocol/byte_io.h"
#include "server/protocol/control.h"
#include "server/protocol/flv_codec.h"

namespace ffsb {
namespace {
const Logger kLog("rtmp");
}

RtmpSession::RtmpSession(tcp::socket socket, MediaHost* host)
    : Connection(std::move(socket)),
      host_(host),
      handshake_(&host->random()),
      reader_(ChunkReader::Limits{host->options().max_message_length, 64}),
      policy_(host->options().viewer_queue_bytes),
      created_us_(host->NowUs()) {}

void RtmpSession::Start() { WaitReadable(); }

void RtmpSession::OnReadable() {
  // Bounded work per readiness so one flooding peer cannot starve the loop.
  for (int i = 0; i < 8; ++i) {
    long n = ReadSome(host_->scratch(), host_->scratch_size());
    if (n < 0) return;  // closed
    if (n == 0) break;
    if (!Consume(host_->scratch(), size_t(n))) return;
    if (size_t(n) < host_->scratch_size()) break;
  }
  if (hub_ && role_ == Role::kPublisher) ScheduleViewerFlush();
  Flush();
  WaitReadable();
}

void RtmpSession::ScheduleViewerFlush() {
  auto delay = host_->options().merge_write;
  if (delay.count() <= 0) {
    hub_->FlushSubscribers();
    return;
  }
  if (flush_armed_) return;
  if (!flush_timer_) flush_timer_ = std::make_unique<boost::asio::steady_timer>(socket_.get_executor());
  flush_armed_ = true;
  flush_timer_->expires_after(delay);
  auto self = std::static_pointer_cast<RtmpSession>(shared_from_this());
  flush_timer_->async_wait([self](const boost::system::error_code&) {
    self->flush_armed_ = false;
    if (self->hub_ && self->role_ == Role::kPublisher) self->hub_->FlushSubscribers();
  });
}

bool RtmpSession::Consume(const uint8_t* data, size_t n) {
  if (!handshake_.done()) {
    std::vector<uint8_t> out;
    auto used = handshake_.Feed(data, n, &out);
    if (!used.ok()) {
      Fail("protocol_error", used.status().message());
      return false;
    }
    if (!out.empty()) {
      PushOwned(std::move(out));
      Flush();
    }
    data += *used;
    n -= *used;
    if (n == 0) return true;
  }
  reader_.Append(data, n);
  RtmpMessage m;
  for (;;) {
    auto got = reader_.Next(&m);
    if (!got.ok()) {
      Fail("protocol_error", got.status().message());
      return false;
    }
    if (!*got) break;
    if (!HandleMessage(m) || closed()) return false;
  }
  // Acknowledgement (spec §5.4.3) once the peer's window is consumed.
  uint64_t total = reader_.bytes_consumed();
  if (peer_window_ > 0 && total - last_ack_ >= peer_window_) {
    std::vector<uint8_t> out;
    WriteAcknowledgement(writer_, uint32_t(total), &out);
    PushOwned(std::move(out));
    last_ack_ = total;
  }
  return true;
}

void RtmpSession::Fail(const std::string& reason, const std::string& detail) {
  kLog.Info("closing " + remote() + ": " + detail);
  close_reason_ = reason;
  Close();
}

bool RtmpSession::HandleMessage(RtmpMessage& m) {
  switch (m.type) {
    case rtmp::kSetChunkSize: {
      auto v = ParseU32Payload(m.payload);
      Status s = v.ok() ? reader_.SetChunkSize(*v) : v.status();
      if (!s.ok()) {
        Fail("protocol_error", s.message());
        return false;
      }
      return true;
    }
    case rtmp::kAbort: {
      auto v = ParseU32Payload(m.payload);
      if (v.ok()) reader_.Abort(*v);
      return true;
    }
    case rtmp::kWindowAckSize: {
      auto v = ParseU32Payload(m.payload);
      if (v.ok()) peer_window_ = *v;
      return true;
    }
    case rtmp::kUserControl: {
      auto ev = ParseUserControl(m.payload);
      if (ev.ok() && ev->type == rtmp::kPingRequest) {
        std::vector<uint8_t> out;
        WriteUserControl(writer_, rtmp::kPingResponse, ev->arg, &out);
        PushOwned(std::move(out));
      }
      return true;
    }
    case rtmp::kAcknowledgement:
    case rtmp::kSetPeerBandwidth:
      return true;
    case rtmp::kCommandAmf0:
      return HandleCommand(m, 0);
    case rtmp::kCommandAmf3:  // AMF3 command: a 0 format byte, then AMF0 values
      return HandleCommand(m, 1);
    case rtmp::kAudio:
    case rtmp::kVideo:
    case rtmp::kDataAmf0:
    case rtmp::kDataAmf3:
      HandleMedia(m);
      return true;
    case rtmp::kAggregate:
      HandleAggregate(m);
      return true;
    default:
      return true;  // shared objects etc.: ignored
  }
}

void RtmpSession::HandleMedia(RtmpMessage& m) {
  if (role_ != Role::kPublisher || !hub_) return;  // media before/after publish: ignored
  if (m.type == rtmp::kDataAmf3) {
    if (m.payload.empty()) return;
    m.payload.erase(m.payload.begin());
    m.type = rtmp::kDataAmf0;
  }
  IngestFrame(m.type, m.timestamp, std::move(m.payload));
}

// Aggregate message (spec §7.1.6): FLV-style tags, timestamps relative to
// the first sub-message.
void RtmpSession::HandleAggregate(const RtmpMessage& m) {
  if (role_ != Role::kPublisher || !hub_) return;
  ByteReader r(m.payload.data(), m.payload.size());
  bool first = true;
  uint32_t base = 0;
  while (!r.empty()) {
    uint8_t type, ts_ext;
    uint32_t size, ts, sid, back;
    const uint8_t* body;
    if (!r.ReadU8(&type) || !r.ReadU24(&size) || !r.ReadU24(&ts) || !r.ReadU8(&ts_ext) ||
        !r.ReadU24(&sid) || !r.ReadBytes(size, &body) || !r.ReadU32(&back)) {
      return;
    }
    ts |= uint32_t(ts_ext) << 24;
    if (first) base = ts;
    first = false;
    if (type == rtmp::kAudio || type == rtmp::kVideo || type == rtmp::kDataAmf0) {
      IngestFrame(type, m.timestamp + (ts - base), std::vector<uint8_t>(body, body + size));
    }
  }
}

void RtmpSession::IngestFrame(uint8_t type, uint32_t ts, std::vector<uint8_t> body) {
  auto f = std::make_shared<Frame>();
  f->type = type;
  f->timestamp = ts;
  if (type == rtmp::kDataAmf0) {
    // "@setDataFrame", "onMetaData", {...} -> "onMetaData", {...} (cached).
    auto values = Amf0DecodeAll(body.data(), body.size());
    if (!values.ok() || values->empty() || !(*values)[0].is_string()) return;
    auto& v = *values;
    if (v[0].string == "@setDataFrame") v.erase(v.begin());
    if (v.empty() || !v[0].is_string()) return;
    f->sequence_header = v[0].string == "onMetaData";
    if (f->sequence_header) {
      f->timestamp = 0;
      f->body = EncodeValues(v);
    } else {
      f->body = std::move(body);
    }
  } else {
    f->body = std::move(body);
    if (f->body.empty()) return;
    if (type == rtmp::kVideo) {
      f->keyframe = flv::IsVideoKeyframe(f->body.data(), f->body.size());
      f->sequence_header = flv::IsVideoSequenceHeader(f->body.data(), f->body.size());
    } else {
      f->sequence_header = flv::IsAudioSequenceHeader(f->body.data(), f->body.size());
    }
    hub_->set_last_media_us(host_->NowUs());
    got_media_ = true;
  }
  if (hub_->OnFrame(std::move(f))) host_->FirstKeyframe(this);
}

void RtmpSession::Deliver(const FramePtr& f) {
  if (closed()) return;
  switch (policy_.Admit(*f, queued_bytes(), host_->NowUs())) {
    case ViewerPolicy::Action::kSkip:
      return;
    case ViewerPolicy::Action::kDisconnect:
      kLog.Info("player " + remote() + " too slow, disconnecting");
      close_reason_ = "slow";
      Close();
      return;
    case ViewerPolicy::Action::kDropQueuedThenSkip:
      DropQueued();
      return;
    case ViewerPolicy::Action::kDropQueuedThenEnqueue:
      DropQueued();
      break;
    case ViewerPolicy::Action::kEnqueue:
      break;
  }
  const auto& wire = f->Rtmp(host_->options().out_chunk_size, stream_id_);
  PushShared(f, wire.data(), wire.size(), !f->sequence_header);
}

void RtmpSession::FlushOut() { Flush(); }

void RtmpSession::StreamEnded() {
  if (closed()) return;
  std::vector<uint8_t> out;
  WriteUserControl(writer_, rtmp::kStreamEof, stream_id_, &out);
  PushOwned(std::move(out));
  SendStatus(stream_id_, "status", "NetStream.Play.UnpublishNotify", "The stream ended.");
  SendStatus(stream_id_, "status", "NetStream.Play.Stop", "The stream ended.");
  hub_.reset();
  role_ = Role::kNone;
  CloseAfterFlush();
}

void RtmpSession::Terminate(const std::string& reason) {
  close_reason_ = reason;
  hub_.reset();
  role_ = Role::kNone;
  Close();
}

void RtmpSession::OnClosed() {
  if (role_ == Role::kPublisher) {
    host_->PublishEnded(this, close_reason_);
  } else if (role_ == Role::kPlayer && hub_) {
    hub_->RemoveSubscriber(this);
  }
  hub_.reset();
  role_ = Role::kNone;
  host_->ConnectionClosed(this);
}

}  // namespace ffsb
