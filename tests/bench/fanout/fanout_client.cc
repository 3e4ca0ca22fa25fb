// Lightweight load client for the fan-out benchmark: N RTMP players and/or N
// HTTP-FLV players on one asio thread. RTMP players do a plain handshake,
// pipeline connect/createStream/play, then read and discard; HTTP-FLV
// players send one GET and read. Reports how many received media and the
// bytes per player after D seconds.
// Usage: fanout_client HOST_PORT_RTMP PLAY_ID N_RTMP HTTP_PORT N_FLV SECONDS
#include <utility>
#include <boost/asio.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "server/protocol/chunk_writer.h"
#include "server/protocol/command.h"

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

namespace {
uint8_t g_buf[1 << 16];  // shared discard buffer (one thread)

struct Player : std::enable_shared_from_this<Player> {
  tcp::socket s;
  std::vector<uint8_t> out;
  std::vector<uint8_t> s0s1s2 = std::vector<uint8_t>(3073);
  uint64_t bytes = 0;
  bool rtmp;
  explicit Player(asio::io_context& io, bool r) : s(io), rtmp(r) {}
  void Read() {
    auto self = shared_from_this();
    s.async_read_some(asio::buffer(g_buf), [self](boost::system::error_code ec, size_t n) {
      if (ec) return;
      self->bytes += n;
      self->Read();
    });
  }
};

std::vector<uint8_t> PlayCommands(const std::string& play_id) {
  ffsb::ChunkWriter w;
  std::vector<uint8_t> out;
  ffsb::Amf0Value o = ffsb::Amf0Value::Object();
  o.Set("app", ffsb::Amf0Value::String("live"));
  o.Set("tcUrl", ffsb::Amf0Value::String("rtmp://127.0.0.1/live"));
  w.Write({3, 20, 0, 0}, ffsb::EncodeCommand("connect", 1, o), &out);
  w.Write({3, 20, 0, 0}, ffsb::EncodeCommand("createStream", 2, ffsb::Amf0Value::Null()), &out);
  w.Write({8, 20, 0, 1},
          ffsb::EncodeCommand("play", 3, ffsb::Amf0Value::Null(), {ffsb::Amf0Value::String(play_id)}), &out);
  return out;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 7) {
    std::fprintf(stderr, "usage: %s RTMP_PORT PLAY_ID N_RTMP HTTP_PORT N_FLV SECONDS\n", argv[0]);
    return 1;
  }
  int rtmp_port = std::atoi(argv[1]);
  std::string play_id = argv[2];
  int n_rtmp = std::atoi(argv[3]), http_port = std::atoi(argv[4]), n_flv = std::atoi(argv[5]);
  int secs = std::atoi(argv[6]);
  asio::io_context io(1);
  auto cmds = PlayCommands(play_id);
  std::vector<std::shared_ptr<Player>> players;
  auto loopback = asio::ip::make_address("127.0.0.1");
  for (int i = 0; i < n_rtmp + n_flv; ++i) {
    bool rtmp = i < n_rtmp;
    auto p = std::make_shared<Player>(io, rtmp);
    players.push_back(p);
    tcp::endpoint ep(loopback, uint16_t(rtmp ? rtmp_port : http_port));
    p->s.async_connect(ep, [p, &cmds, play_id](boost::system::error_code ec) {
      if (ec) return;
      if (!p->rtmp) {
        std::string req = "GET /live/" + play_id + ".flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        p->out.assign(req.begin(), req.end());
        asio::async_write(p->s, asio::buffer(p->out), [p](boost::system::error_code ec, size_t) {
          if (!ec) p->Read();
        });
        return;
      }
      p->out.assign(1537, 0);
      p->out[0] = 3;
      for (size_t k = 9; k < p->out.size(); ++k) p->out[k] = uint8_t(k * 31);
      asio::async_write(p->s, asio::buffer(p->out), [p, &cmds](boost::system::error_code ec, size_t) {
        if (ec) return;
        asio::async_read(p->s, asio::buffer(p->s0s1s2), [p, &cmds](boost::system::error_code ec, size_t) {
          if (ec) return;
          p->out.assign(p->s0s1s2.begin() + 1, p->s0s1s2.begin() + 1537);  // C2 = S1
          p->out.insert(p->out.end(), cmds.begin(), cmds.end());
          asio::async_write(p->s, asio::buffer(p->out), [p](boost::system::error_code ec, size_t) {
            if (!ec) p->Read();
          });
        });
      });
    });
  }
  io.run_for(std::chrono::seconds(secs));
  int rtmp_ok = 0, flv_ok = 0;
  uint64_t rtmp_bytes = 0, flv_bytes = 0;
  for (auto& p : players) {
    bool ok = p->bytes > 50'000;
    (p->rtmp ? rtmp_ok : flv_ok) += ok;
    (p->rtmp ? rtmp_bytes : flv_bytes) += p->bytes;
  }
  std::printf("rtmp_players=%d/%d rtmp_kbps_each=%.0f flv_players=%d/%d flv_kbps_each=%.0f\n", rtmp_ok,
              n_rtmp, n_rtmp ? rtmp_bytes * 8.0 / 1000 / secs / n_rtmp : 0.0, flv_ok, n_flv,
              n_flv ? flv_bytes * 8.0 / 1000 / secs / n_flv : 0.0);
  return 0;
}
