// NetConnection / NetStream command handling of RtmpSession (Adobe RTMP spec
// §7.2.1 and §7.2.2). See docs/rtmp.md for the exact replies.
#include "server/base/log.h"
#include "server/media/rtmp_session.h"
#include "server/protocol/control.h"

namespace ffsb {
namespace {
const Logger kLog("rtmp");
}

void RtmpSession::SendCommand(uint32_t stream_id, const std::string& name, double tx,
                              const Amf0Value& obj, const std::vector<Amf0Value>& args) {
  std::vector<uint8_t> out;
  writer_.Write({rtmp::kCsidCommand, rtmp::kCommandAmf0, 0, stream_id},
                EncodeCommand(name, tx, obj, args), &out);
  PushOwned(std::move(out));
}

void RtmpSession::SendStatus(uint32_t stream_id, const std::string& level,
                             const std::string& code, const std::string& description) {
  SendCommand(stream_id, "onStatus", 0, Amf0Value::Null(),
              {StatusObject(level, code, description)});
}

bool RtmpSession::HandleCommand(const RtmpMessage& m, size_t skip) {
  if (m.payload.size() < skip) return true;
  std::vector<uint8_t> body(m.payload.begin() + long(skip), m.payload.end());
  auto parsed = ParseCommand(body);
  if (!parsed.ok()) {
    Fail("protocol_error", "bad command: " + parsed.status().message());
    return false;
  }
  const RtmpCommand& c = *parsed;
  if (c.name == "connect") {
    OnConnect(c);
  } else if (!connected_) {
    Fail("protocol_error", "command '" + c.name.substr(0, 32) + "' before connect");
    return false;
  } else if (c.name == "createStream") {
    OnCreateStream(c);
  } else if (c.name == "publish") {
    OnPublish(c, m.stream_id);
  } else if (c.name == "play") {
    OnPlay(c, m.stream_id);
  } else if (c.name == "releaseStream" || c.name == "FCPublish" || c.name == "getStreamLength" ||
             c.name == "_checkbw") {
    if (c.transaction_id != 0) SendCommand(0, "_result", c.transaction_id, Amf0Value::Null(), {Amf0Value::Undefined()});
  } else if (c.name == "FCUnpublish" || c.name == "deleteStream" || c.name == "closeStream") {
    if (role_ == Role::kPublisher) OnUnpublish();
  }  // others (receiveAudio, pause, ...) are ignored
  return !closed();
}

// connect (spec §7.2.1.1): only app "live" (a ?mode= query is allowed).
void RtmpSession::OnConnect(const RtmpCommand& c) {
  if (connected_) {
    Fail("protocol_error", "second connect");
    return;
  }
  app_ = c.object.GetString("app");
  PublishTarget t = ParsePublishTarget(app_, "");
  std::vector<uint8_t> out;
  if (t.app != "live") {
    SendCommand(0, "_error", c.transaction_id, Amf0Value::Null(),
                {StatusObject("error", "NetConnection.Connect.Rejected",
                              "Unknown application; publish to rtmp://host:port/live/{streamKey}")});
    close_reason_ = "rejected";
    CloseAfterFlush();
    return;
  }
  connected_ = true;
  const auto& opt = host_->options();
  WriteWindowAckSize(writer_, opt.window_ack_size, &out);
  WriteSetPeerBandwidth(writer_, opt.window_ack_size, rtmp::kBandwidthDynamic, &out);
  WriteSetChunkSize(writer_, opt.out_chunk_size, &out);
  PushOwned(std::move(out));
  Amf0Value props = Amf0Value::Object();
  props.Set("fmsVer", Amf0Value::String("FMS/3,5,3,888"));
  props.Set("capabilities", Amf0Value::Number(127));
  props.Set("mode", Amf0Value::Number(1));
  Amf0Value info = StatusObject("status", "NetConnection.Connect.Success", "Connection succeeded.");
  info.Set("objectEncoding", Amf0Value::Number(0));
  SendCommand(0, "_result", c.transaction_id, props, {info});
}

void RtmpSession::OnCreateStream(const RtmpCommand& c) {
  // Always hand out small ids; the fan-out cache is built for stream id 1.
  uint32_t id = next_stream_id_++;
  if (next_stream_id_ > 16) next_stream_id_ = 1;
  SendCommand(0, "_result", c.transaction_id, Amf0Value::Null(), {Amf0Value::Number(id)});
}

void RtmpSession::OnPublish(const RtmpCommand& c, uint32_t stream_id) {
  stream_id_ = stream_id;
  if (role_ != Role::kNone) {
    SendStatus(stream_id, "error", "NetStream.Publish.BadName",
               "This connection is already publishing or playing.");
    return;
  }
  target_ = ParsePublishTarget(app_, c.StringArg(0));
  if (target_.name.empty()) {
    RefusePublish("Missing stream key.");
    return;
  }
  if (!IsValidModeParam(target_.mode)) {
    RefusePublish("Unknown mode '" + target_.mode.substr(0, 16) + "'; use RTMP, CMAF or RTMP_CMAF.");
    return;
  }
  role_ = Role::kPendingPublish;
  host_->RequestPublish(std::static_pointer_cast<RtmpSession>(shared_from_this()), target_);
}

void RtmpSession::AcceptPublish(std::shared_ptr<StreamHub> hub) {
  if (closed()) return;
  hub_ = std::move(hub);
  role_ = Role::kPublisher;
  std::vector<uint8_t> out;
  WriteUserControl(writer_, rtmp::kStreamBegin, stream_id_, &out);
  PushOwned(std::move(out));
  SendStatus(stream_id_, "status", "NetStream.Publish.Start", "Publishing started.");
  Flush();
}

void RtmpSession::RefusePublish(const std::string& description) {
  if (closed()) return;
  role_ = Role::kNone;
  SendStatus(stream_id_, "error", "NetStream.Publish.BadName", description);
  close_reason_ = "refused";
  CloseAfterFlush();
}

void RtmpSession::OnUnpublish() {
  SendStatus(stream_id_, "status", "NetStream.Unpublish.Success", "Stopped publishing.");
  role_ = Role::kNone;
  hub_.reset();
  host_->PublishEnded(this, "unpublish");
}

void RtmpSession::OnPlay(const RtmpCommand& c, uint32_t stream_id) {
  stream_id_ = stream_id;
  if (role_ != Role::kNone) {
    SendStatus(stream_id, "error", "NetStream.Play.Failed", "This connection is already busy.");
    return;
  }
  PublishTarget t = ParsePublishTarget(app_, c.StringArg(0));
  auto hub = host_->FindPlayable(t.name);
  if (!hub) {
    SendStatus(stream_id, "error", "NetStream.Play.StreamNotFound",
               "No live stream with this play id.");
    close_reason_ = "not_found";
    CloseAfterFlush();
    return;
  }
  std::vector<uint8_t> out;
  WriteUserControl(writer_, rtmp::kStreamBegin, stream_id, &out);
  PushOwned(std::move(out));
  SendStatus(stream_id, "status", "NetStream.Play.Reset", "Playing and resetting.");
  SendStatus(stream_id, "status", "NetStream.Play.Start", "Started playing.");
  std::vector<uint8_t> access;
  // On csid 3: csids 4-6 carry the stateless fmt-0 media chunks.
  writer_.Write({rtmp::kCsidCommand, rtmp::kDataAmf0, 0, stream_id},
                EncodeValues({Amf0Value::String("|RtmpSampleAccess"), Amf0Value::Boolean(true),
                              Amf0Value::Boolean(true)}),
                &access);
  PushOwned(std::move(access));
  role_ = Role::kPlayer;
  hub_ = hub;
  target_ = t;
  policy_ = ViewerPolicy(host_->options().viewer_queue_bytes);
  hub->AddSubscriber(std::static_pointer_cast<RtmpSession>(shared_from_this()));
}

}  // namespace ffsb
