#include <array>
#include <random>

#include "emulator/load/load_viewer.h"
#include "emulator/rtmp/amf0.h"
#include "emulator/rtmp/chunk_reader.h"

namespace ffsb::emu {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

constexpr size_t kHandshakeSize = 1536;

class RtmpLoadViewer final : public LoadViewer, public std::enable_shared_from_this<RtmpLoadViewer> {
 public:
  RtmpLoadViewer(asio::io_context& io, const Url& url, LoadCounters* c) : sock_(io), url_(url), c_(c) {}

  void Start(const tcp::endpoint& ep) override {
    ++c_->started;
    sock_.async_connect(ep, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return self->Fail();
      self->sock_.set_option(tcp::no_delay(true));
      self->SendC0C1();
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
    auto buf = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
    asio::async_write(sock_, asio::buffer(*buf), [self = shared_from_this(), buf](boost::system::error_code ec, size_t) {
      if (ec) self->Fail();
    });
  }

  // RTMP spec §5.2: C0 (version 3) + C1 (time, zero, random); the simple
  // handshake without digests, which every server accepts.
  void SendC0C1() {
    std::vector<uint8_t> c(1 + kHandshakeSize, 0);
    c[0] = 3;
    std::minstd_rand rng(static_cast<unsigned>(reinterpret_cast<uintptr_t>(this)));
    for (size_t i = 9; i < c.size(); ++i) c[i] = static_cast<uint8_t>(rng());
    Write(std::move(c));
    hs_ = std::make_shared<std::vector<uint8_t>>(1 + 2 * kHandshakeSize);
    asio::async_read(sock_, asio::buffer(*hs_), [self = shared_from_this()](boost::system::error_code ec, size_t) {
      if (ec) return self->Fail();
      self->OnS0S1S2();
    });
  }

  void OnS0S1S2() {
    // C2 echoes S1.
    std::vector<uint8_t> out(hs_->begin() + 1, hs_->begin() + 1 + kHandshakeSize);
    hs_.reset();
    std::vector<uint8_t> cmd;
    amf0::WriteString(&cmd, "connect");
    amf0::WriteNumber(&cmd, 1);
    amf0::WriteObjectStart(&cmd);
    amf0::WriteKey(&cmd, "app"); amf0::WriteString(&cmd, url_.RtmpApp());
    amf0::WriteKey(&cmd, "flashVer"); amf0::WriteString(&cmd, "LNX 9,0,124,2");
    amf0::WriteKey(&cmd, "tcUrl"); amf0::WriteString(&cmd, url_.RtmpTcUrl());
    amf0::WriteKey(&cmd, "fpad"); amf0::WriteBool(&cmd, false);
    amf0::WriteKey(&cmd, "capabilities"); amf0::WriteNumber(&cmd, 15);
    amf0::WriteKey(&cmd, "audioCodecs"); amf0::WriteNumber(&cmd, 3191);
    amf0::WriteKey(&cmd, "videoCodecs"); amf0::WriteNumber(&cmd, 252);
    amf0::WriteKey(&cmd, "videoFunction"); amf0::WriteNumber(&cmd, 1);
    amf0::WriteObjectEnd(&cmd);
    auto chunked = ChunkMessage(3, 20, 0, 0, cmd);
    out.insert(out.end(), chunked.begin(), chunked.end());
    Write(std::move(out));
    ReadMore();
  }

  void ReadMore() {
    sock_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](boost::system::error_code ec, size_t n) {
      if (ec) return self->Fail();
      self->c_->bytes += n;
      self->received_ += n;
      Status st = self->reader_.Feed({self->buf_.data(), n}, [&](const RtmpMessage& m) { self->OnMessage(m); });
      if (!st.ok()) return self->Fail();
      if (self->ack_window_ && self->received_ - self->acked_ >= self->ack_window_) self->SendAck();
      if (!self->done_) self->ReadMore();
    });
  }

  void SendAck() {
    acked_ = received_;
    uint32_t v = static_cast<uint32_t>(received_);
    std::array<uint8_t, 4> p = {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16),
                                static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v)};
    Write(ChunkMessage(2, 3, 0, 0, p));
  }

  void OnMessage(const RtmpMessage& m) {
    switch (m.type) {
      case 8: ++c_->audio_frames; return;
      case 9: ++c_->video_frames; return;
      case 5:  // Window Acknowledgement Size
        if (m.payload.size() >= 4)
          ack_window_ = (uint32_t{m.payload[0]} << 24) | (m.payload[1] << 16) | (m.payload[2] << 8) | m.payload[3];
        return;
      case 4:  // User Control: answer PingRequest (6) with PingResponse (7)
        if (m.payload.size() >= 6 && m.payload[1] == 6) {
          std::vector<uint8_t> p = {0, 7, m.payload[2], m.payload[3], m.payload[4], m.payload[5]};
          Write(ChunkMessage(2, 4, 0, 0, p));
        }
        return;
      case 20: OnCommand(m); return;
      default: return;
    }
  }

  void OnCommand(const RtmpMessage& m) {
    auto vals = amf0::DecodeAll(m.payload);
    if (!vals || vals->size() < 2 || (*vals)[0].type != amf0::Value::Type::kString) return;
    const std::string& name = (*vals)[0].string;
    double txn = (*vals)[1].number;
    if (name == "_result" && txn == 1) {
      std::vector<uint8_t> cmd;
      amf0::WriteString(&cmd, "createStream");
      amf0::WriteNumber(&cmd, 2);
      amf0::WriteNull(&cmd);
      Write(ChunkMessage(3, 20, 0, 0, cmd));
    } else if (name == "_result" && txn == 2 && vals->size() >= 4) {
      stream_id_ = static_cast<uint32_t>((*vals)[3].number);
      std::vector<uint8_t> cmd;
      amf0::WriteString(&cmd, "play");
      amf0::WriteNumber(&cmd, 3);
      amf0::WriteNull(&cmd);
      amf0::WriteString(&cmd, url_.RtmpStreamName());
      amf0::WriteNumber(&cmd, -1000);  // live, or recorded from the start
      Write(ChunkMessage(8, 20, stream_id_, 0, cmd));
      // Set Buffer Length (User Control event 3): 1 s.
      std::vector<uint8_t> sbl = {0, 3, static_cast<uint8_t>(stream_id_ >> 24), static_cast<uint8_t>(stream_id_ >> 16),
                                  static_cast<uint8_t>(stream_id_ >> 8), static_cast<uint8_t>(stream_id_), 0, 0, 0x03, 0xe8};
      Write(ChunkMessage(2, 4, 0, 0, sbl));
    } else if (name == "_error") {
      Fail();
    } else if (name == "onStatus" && vals->size() >= 4) {
      std::string code = (*vals)[3].GetString("code");
      std::string level = (*vals)[3].GetString("level");
      if (level == "error") return Fail();
      if (code == "NetStream.Play.Start" && !playing_) {
        playing_ = true;
        ++c_->connected;
      }
    }
  }

  tcp::socket sock_;
  Url url_;
  LoadCounters* c_;
  std::shared_ptr<std::vector<uint8_t>> hs_;
  std::array<uint8_t, 32 * 1024> buf_;
  ChunkReader reader_;
  uint64_t received_ = 0, acked_ = 0;
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
