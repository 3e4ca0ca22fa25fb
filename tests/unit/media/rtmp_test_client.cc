#include "tests/unit/media/rtmp_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "server/base/random.h"
#include "server/protocol/command.h"
#include "server/protocol/control.h"
#include "server/protocol/handshake.h"

namespace ffsb::testing {
namespace {
std::vector<uint8_t> Hex(const std::string& h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i + 1 < h.size(); i += 2) out.push_back(uint8_t(std::stoi(h.substr(i, 2), nullptr, 16)));
  return out;
}
}  // namespace

RtmpTestClient::~RtmpTestClient() { Close(); }

void RtmpTestClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RtmpTestClient::Dial(int port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(uint16_t(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
}

bool RtmpTestClient::SendRaw(const std::vector<uint8_t>& b) {
  size_t off = 0;
  while (off < b.size()) {
    ssize_t n = ::send(fd_, b.data() + off, b.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += size_t(n);
  }
  return true;
}

bool RtmpTestClient::Handshake(bool digest) {
  SeededRandom r(7);
  HandshakeClient hc;
  if (!SendRaw(hc.Start(&r, digest))) return false;
  std::vector<uint8_t> out;
  uint8_t buf[4096];
  while (!hc.done()) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 3000) <= 0) return false;
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    auto used = hc.Feed(buf, size_t(n), &out);
    if (!used.ok()) return false;
    if (*used < size_t(n)) reader_.Append(buf + *used, size_t(n) - *used);
  }
  return SendRaw(out);
}

bool RtmpTestClient::Send(uint32_t csid, uint8_t type, uint32_t ts, uint32_t sid,
                          const std::vector<uint8_t>& payload) {
  std::vector<uint8_t> out;
  writer_.Write({csid, type, ts, sid}, payload, &out);
  return SendRaw(out);
}

bool RtmpTestClient::SendCommand(const std::string& name, double tx,
                                 const std::vector<Amf0Value>& args, uint32_t sid) {
  return Send(3, rtmp::kCommandAmf0, 0, sid, EncodeCommand(name, tx, Amf0Value::Null(), args));
}

bool RtmpTestClient::Read(RtmpMessage* m, int timeout_ms) {
  uint8_t buf[65536];
  for (;;) {
    auto got = reader_.Next(m);
    if (!got.ok()) return false;
    if (*got) {
      if (m->type == rtmp::kSetChunkSize) {
        reader_.SetChunkSize(*ParseU32Payload(m->payload));
      }
      if (m->type == rtmp::kAudio || m->type == rtmp::kVideo) {
        media_bytes_ += m->payload.size();
        last_media_ts_ = m->timestamp;
      }
      return true;
    }
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    reader_.Append(buf, size_t(n));
  }
}

std::string RtmpTestClient::WaitStatus(int timeout_ms) {
  RtmpMessage m;
  while (Read(&m, timeout_ms)) {
    if (m.type != rtmp::kCommandAmf0) continue;
    auto c = ParseCommand(m.payload);
    if (!c.ok()) return "";
    if (c->name == "_error") {
      for (const auto& a : c->args) {
        if (a.type == Amf0Value::Type::kObject && !a.GetString("code").empty()) return a.GetString("code");
      }
      return c->name;
    }
    if (c->name == "_result") {
      if (!c->args.empty() && c->args[0].is_number()) stream_id_ = uint32_t(c->args[0].number);
      return c->name;
    }
    if (c->name == "onStatus" && !c->args.empty()) return c->args[0].GetString("code");
  }
  return "";
}

std::string RtmpTestClient::ConnectApp(const std::string& app) {
  Amf0Value o = Amf0Value::Object();
  o.Set("app", Amf0Value::String(app));
  o.Set("tcUrl", Amf0Value::String("rtmp://127.0.0.1/" + app));
  std::vector<uint8_t> p = EncodeCommand("connect", 1, o);
  if (!Send(3, rtmp::kCommandAmf0, 0, 0, p)) return "";
  return WaitStatus(3000);
}

uint32_t RtmpTestClient::CreateStream() {
  SendCommand("createStream", 2, {});
  return WaitStatus(3000) == "_result" ? stream_id_ : 0;
}

std::string RtmpTestClient::Publish(const std::string& name) {
  if (!SendCommand("publish", 3, {Amf0Value::String(name), Amf0Value::String("live")}, stream_id_)) return "";
  return WaitStatus(6000);
}

std::string RtmpTestClient::Play(const std::string& name) {
  if (!SendCommand("play", 3, {Amf0Value::String(name)}, stream_id_)) return "";
  for (;;) {
    std::string code = WaitStatus(3000);
    if (code != "NetStream.Play.Reset") return code;
  }
}

bool RtmpTestClient::SendAvcHeader(uint32_t ts) {
  auto sps = Hex("6764001eacd940a02ff970110000030001000003003c0f162d96");
  std::vector<uint8_t> b = {0x17, 0, 0, 0, 0, 1, sps[1], sps[2], sps[3], 0xFF, 0xE1, 0, uint8_t(sps.size())};
  b.insert(b.end(), sps.begin(), sps.end());
  b.insert(b.end(), {1, 0, 4, 0x68, 0xeb, 0xe3, 0xcb});
  return Send(6, rtmp::kVideo, ts, stream_id_, b);
}

bool RtmpTestClient::SendVideo(uint32_t ts, bool key, size_t size) {
  std::vector<uint8_t> b(size, 0x42);
  b[0] = key ? 0x17 : 0x27;
  b[1] = 1;
  b[2] = b[3] = b[4] = 0;
  return Send(6, rtmp::kVideo, ts, stream_id_, b);
}

bool RtmpTestClient::SendAacHeader(uint32_t ts) {
  return Send(4, rtmp::kAudio, ts, stream_id_, {0xAF, 0, 0x12, 0x10});
}

bool RtmpTestClient::SendAudio(uint32_t ts, size_t size) {
  std::vector<uint8_t> b(size, 0x21);
  b[0] = 0xAF;
  b[1] = 1;
  return Send(4, rtmp::kAudio, ts, stream_id_, b);
}

bool RtmpTestClient::WaitClosed(int timeout_ms) {
  uint8_t buf[65536];
  auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (std::chrono::steady_clock::now() < end) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) > 0) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) return true;
    }
  }
  return false;
}

}  // namespace ffsb::testing
