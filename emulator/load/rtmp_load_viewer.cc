// The RTMP flavour of a load viewer, built on the protocol layer
// (server/protocol: HandshakeClient, ChunkReader, ChunkWriter, commands,
// control messages), as the style guide asks: the emulator reuses protocol,
// never the server's internals. Talks to any RTMP server (checked against
// nginx-rtmp and ffsandbox). See load_viewer.h for threading and ownership.
#include <array>

#include "emulator/load/load_viewer.h"
#include "server/base/random.h"
#include "server/protocol/chunk_reader.h"
#include "server/protocol/chunk_writer.h"
#include "server/protocol/command.h"
#include "server/protocol/control.h"
#include "server/protocol/handshake.h"

namespace ffsb::emu {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

// Payloads stay bounded: a load viewer never needs more than a few MB per message.
ChunkReader::Limits ViewerLimits() { return ChunkReader::Limits{rtmp::kMaxMessageLength, 64}; }

class RtmpLoadViewer final : public LoadViewer, public std::enable_shared_from_this<RtmpLoadViewer> {
 public:
  RtmpLoadViewer(asio::io_context& io, const Url& url, LoadCounters* c)
      : sock_(io), url_(url), c_(c), reader_(ViewerLimits()) {}

  void Start(const tcp::endpoint& ep) override {
    ++c_->started;
    sock_.async_connect(ep, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return self->Fail();
      self->sock_.set_option(tcp::no_delay(true));
      // Plain (non-digest) C1: every server accepts it (RTMP spec §5.2).
      SeededRandom rng(reinterpret_cast<uintptr_t>(self.get()));
      self->Write(self->hs_.Start(&rng, /*digest=*/false));
      self->ReadMore();
    });
  }
  void Stop() override {
    done_ = true;
    boost::system::error_code ec;
    sock_.close(ec);
  }

 private:
  void Fail() {
    if (done_) return;
    done_ = true;
    if (playing_) --c_->connected;
    ++c_->failed;
    boost::system::error_code ec;
    sock_.close(ec);
  }

  void Write(std::vector<uint8_t> bytes) {
    if (bytes.empty()) return;
    auto buf = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
    asio::async_write(sock_, asio::buffer(*buf), [self = shared_from_this(), buf](boost::system::error_code ec, size_t) {
      if (ec) self->Fail();
    });
  }

  void ReadMore() {
    sock_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](boost::system::error_code ec, size_t n) {
      if (ec) return self->Fail();
      self->c_->bytes += n;
      if (!self->OnBytes(self->buf_.data(), n)) return self->Fail();
      if (!self->done_) self->ReadMore();
    });
  }

  // false: protocol violation or refusal.
  bool OnBytes(const uint8_t* p, size_t n) {
    if (!hs_.done()) {
      std::vector<uint8_t> out;
      auto used = hs_.Feed(p, n, &out);
      if (!used.ok()) return false;
      if (hs_.done()) {
        SendConnect(&out);  // C2 and connect in one write
        Write(std::move(out));
      }
      p += *used;
      n -= *used;
      if (n == 0) return true;
    }
    reader_.Append(p, n);
    RtmpMessage m;
    for (;;) {
      auto got = reader_.Next(&m);
      if (!got.ok()) return false;
      if (!*got) break;
      if (!OnMessage(m)) return false;
      if (done_) return true;
    }
    if (ack_window_ && reader_.bytes_consumed() - acked_ >= ack_window_) {
      acked_ = reader_.bytes_consumed();
      std::vector<uint8_t> out;
      WriteAcknowledgement(writer_, static_cast<uint32_t>(acked_), &out);
      Write(std::move(out));
    }
    return true;
  }

  void SendConnect(std::vector<uint8_t>* out) {
    Amf0Value obj = Amf0Value::Object();
    obj.Set("app", Amf0Value::String(url_.RtmpApp()))
        .Set("flashVer", Amf0Value::String("LNX 9,0,124,2"))
        .Set("tcUrl", Amf0Value::String(url_.RtmpTcUrl()))
        .Set("fpad", Amf0Value::Boolean(false))
        .Set("capabilities", Amf0Value::Number(15))
        .Set("audioCodecs", Amf0Value::Number(3191))
        .Set("videoCodecs", Amf0Value::Number(252))
        .Set("videoFunction", Amf0Value::Number(1));
    writer_.Write({rtmp::kCsidCommand, rtmp::kCommandAmf0, 0, 0}, EncodeCommand("connect", 1, obj), out);
  }

  bool OnMessage(const RtmpMessage& m) {
    switch (m.type) {
      case rtmp::kAudio: ++c_->audio_frames; return true;
      case rtmp::kVideo: ++c_->video_frames; return true;
      case rtmp::kSetChunkSize: {
        auto v = ParseU32Payload(m.payload);
        return v.ok() && reader_.SetChunkSize(*v).ok();
      }
      case rtmp::kAbort: {
        auto v = ParseU32Payload(m.payload);
        if (v.ok()) reader_.Abort(*v);
        return true;
      }
      case rtmp::kWindowAckSize: {
        auto v = ParseU32Payload(m.payload);
        if (v.ok()) ack_window_ = *v;
        return true;
      }
      case rtmp::kUserControl: {
        auto ev = ParseUserControl(m.payload);
        if (ev.ok() && ev->type == rtmp::kPingRequest) {
          std::vector<uint8_t> out;
          WriteUserControl(writer_, rtmp::kPingResponse, ev->arg, &out);
          Write(std::move(out));
        }
        return true;
      }
      case rtmp::kCommandAmf0: return OnCommand(m);
      default: return true;
    }
  }

  bool OnCommand(const RtmpMessage& m) {
    auto cmd = ParseCommand(m.payload);
    if (!cmd.ok()) return true;  // not ours to judge: ignore
    std::vector<uint8_t> out;
    if (cmd->name == "_result" && cmd->transaction_id == 1) {
      writer_.Write({rtmp::kCsidCommand, rtmp::kCommandAmf0, 0, 0},
                    EncodeCommand("createStream", 2, Amf0Value::Null()), &out);
    } else if (cmd->name == "_result" && cmd->transaction_id == 2 && !cmd->args.empty()) {
      stream_id_ = static_cast<uint32_t>(cmd->args[0].number);
      // play(name, start=-1000: live, or recorded from the start)
      writer_.Write({8, rtmp::kCommandAmf0, 0, stream_id_},
                    EncodeCommand("play", 3, Amf0Value::Null(),
                                  {Amf0Value::String(url_.RtmpStreamName()), Amf0Value::Number(-1000)}),
                    &out);
      // Set Buffer Length (User Control 3): stream id + 1000 ms.
      std::vector<uint8_t> sbl = {0, 3, uint8_t(stream_id_ >> 24), uint8_t(stream_id_ >> 16),
                                  uint8_t(stream_id_ >> 8), uint8_t(stream_id_), 0, 0, 0x03, 0xe8};
      writer_.Write({rtmp::kCsidControl, rtmp::kUserControl, 0, 0}, sbl, &out);
    } else if (cmd->name == "_error") {
      return false;
    } else if (cmd->name == "onStatus" && !cmd->args.empty()) {
      const Amf0Value& info = cmd->args[0];
      if (info.GetString("level") == "error") return false;
      if (info.GetString("code") == "NetStream.Play.Start" && !playing_) {
        playing_ = true;
        ++c_->connected;
      }
    }
    Write(std::move(out));
    return true;
  }

  tcp::socket sock_;
  Url url_;
  LoadCounters* c_;
  std::array<uint8_t, 32 * 1024> buf_;
  HandshakeClient hs_;
  ChunkReader reader_;
  ChunkWriter writer_;
  uint64_t acked_ = 0;
  uint32_t ack_window_ = 0;
  uint32_t stream_id_ = 0;
  bool playing_ = false;
  bool done_ = false;
};
}  // namespace

std::shared_ptr<LoadViewer> MakeRtmpLoadViewer(asio::io_context& io, const Url& url, LoadCounters* c) {
  return std::make_shared<RtmpLoadViewer>(io, url, c);
}

}  // namespace ffsb::emu
