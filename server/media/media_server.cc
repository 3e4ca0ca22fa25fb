#include "server/media/media_server.h"

#include <sys/socket.h>

#include <cstdio>

#include "server/base/clock.h"
#include "server/base/log.h"
#include "server/media/http_flv_viewer.h"
#include "server/media/rtmp_session.h"
#include "server/media/stream_hub.h"

namespace ffsb {
namespace {
const Logger kLog("media");
using tcp = boost::asio::ip::tcp;

std::string Fixed(double v, int digits) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}
}  // namespace

struct MediaServer::Ingest {
  std::shared_ptr<RtmpSession> session;
  std::shared_ptr<StreamHub> hub;
  std::string stream_name;  // the key string it was published with (secret)
  int64_t next_stats_us = 0;
};

MediaServer::MediaServer(boost::asio::io_context& io, Options options, IngestGate& gate)
    : io_(io), options_(options), gate_(gate), acceptor_(io), tick_(io), scratch_(64 << 10) {}

MediaServer::~MediaServer() = default;

int64_t MediaServer::NowUs() const { return SystemClock().Monotonic(); }

Result<uint16_t> MediaServer::Listen(uint16_t port, const std::string& address) {
  boost::system::error_code ec;
  auto addr = boost::asio::ip::make_address(address, ec);
  if (ec) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "bad listen address " + address);
  tcp::endpoint ep(addr, port);
  acceptor_.open(ep.protocol(), ec);
  if (!ec) acceptor_.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) acceptor_.bind(ep, ec);
  if (!ec) acceptor_.listen(1024, ec);
  if (ec) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "listen: " + ec.message());
  uint16_t bound = acceptor_.local_endpoint().port();
  kLog.Info("rtmp listening on " + address + ":" + std::to_string(bound));
  Accept();
  Tick();
  return bound;
}

void MediaServer::Accept() {
  acceptor_.async_accept([this](const boost::system::error_code& ec, tcp::socket socket) {
    if (stopped_ || !acceptor_.is_open()) return;
    if (!ec) {
      if (connections_.size() >= options_.max_connections) {
        kLog.Warn("connection limit reached, refusing a connection");
      } else {
        auto s = std::make_shared<RtmpSession>(std::move(socket), static_cast<MediaHost*>(this));
        connections_[s.get()] = s;
        n_connections_ = connections_.size();
        s->Start();
      }
    }
    Accept();
  });
}

void MediaServer::Stop() {
  boost::asio::dispatch(io_, [this] {
    if (stopped_) return;
    stopped_ = true;
    boost::system::error_code ec;
    acceptor_.close(ec);
    tick_.cancel();
    std::vector<int64_t> keys;
    for (auto& [k, v] : ingests_) keys.push_back(k);
    for (auto k : keys) EndIngest(k, "shutdown", true);
    auto conns = connections_;
    for (auto& [p, c] : conns) c->Close();
    connections_.clear();
    n_connections_ = 0;
  });
}

void MediaServer::Tick() {
  tick_.expires_after(options_.tick);
  tick_.async_wait([this](const boost::system::error_code& ec) {
    if (ec || stopped_) return;
    int64_t now = NowUs();
    auto us = [](auto d) { return int64_t(std::chrono::duration_cast<std::chrono::microseconds>(d).count()); };
    // Handshake and idle timeouts.
    std::vector<std::shared_ptr<RtmpSession>> expired;
    for (auto& [p, c] : connections_) {
      auto s = std::dynamic_pointer_cast<RtmpSession>(c);
      if (!s || s->role() != RtmpSession::Role::kNone) continue;
      int64_t age = now - s->created_us();
      if ((!s->handshake_done() && age > us(options_.handshake_timeout)) ||
          age > us(options_.idle_timeout)) {
        expired.push_back(s);
      }
    }
    for (auto& s : expired) s->Close();
    // Stalls and stats.
    std::vector<int64_t> stalled;
    for (auto& [key, in] : ingests_) {
      if (now - in->hub->last_media_us() > us(options_.stall_timeout)) {
        stalled.push_back(key);
      } else if (now >= in->next_stats_us) {
        in->next_stats_us = now + us(options_.stats_interval);
        gate_.Stats(key, in->hub->stats().Snapshot(now, in->session->bytes_in()));
      }
    }
    for (auto k : stalled) EndIngest(k, "stall", true);
    // Deferred takeovers.
    auto pending = std::move(pending_);
    pending_.clear();
    for (auto& p : pending) {
      if (auto s = p.session.lock(); s && !s->closed()) Decide(s, p.target, false);
    }
    Tick();
  });
}

void MediaServer::RequestPublish(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t) {
  Decide(s, t, true);
}

void MediaServer::Decide(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t,
                         bool first) {
  std::string key = RedactKey(t.name);
  // A key already ingesting here: decide refuse / wait / take over before
  // asking the gate, which refuses a key that is ingesting.
  for (auto& [key_id, in] : ingests_) {
    if (in->stream_name != t.name) continue;
    int64_t silent = NowUs() - in->hub->last_media_us();
    int64_t window = std::chrono::duration_cast<std::chrono::microseconds>(options_.takeover_window).count();
    if (silent >= window) {
      kLog.Info("takeover key=" + key + ": previous publisher " + in->session->remote() + " silent for " +
                Fixed(silent / 1e6, 1) + " s, accepting " + s->remote());
      EndIngest(key_id, "takeover", true);
    } else if (silent >= std::min<int64_t>(window / 3, 500'000)) {
      // The current publisher looks dead (a live encoder sends every few tens
      // of ms): decide again when the window is over.
      if (first) kLog.Info("publish pending key=" + key + ": current publisher silent, waiting");
      pending_.push_back({s, t});
      return;
    } else {
      kLog.Info("publish refused key=" + key + " remote=" + s->remote() + ": already ingesting");
      s->RefusePublish("This stream key is already publishing.");
      return;
    }
    break;
  }
  PublishRequest req{t.app, t.name, t.mode, s->remote()};
  auto grant = gate_.Authorize(req);
  if (!grant.ok()) {
    kLog.Info("publish refused key=" + key + " remote=" + s->remote() + ": " + grant.status().message());
    s->RefusePublish(grant.status().message().empty() ? "Unknown stream key." : grant.status().message());
    return;
  }
  if (ingests_.count(grant->stream_key_id) || play_ids_.count(grant->play_id)) {
    s->RefusePublish("This stream key is already publishing.");
    return;
  }
  StartIngest(s, t, std::move(*grant));
}

void MediaServer::StartIngest(const std::shared_ptr<RtmpSession>& s, const PublishTarget& t,
                              PublishGrant g) {
  std::vector<std::shared_ptr<MediaSink>> sinks;
  if (sink_factory_) sinks = sink_factory_(g);
  auto in = std::make_unique<Ingest>();
  in->session = s;
  in->stream_name = t.name;
  in->hub = std::make_shared<StreamHub>(g, RedactKey(t.name), options_.gop_cache_bytes, NowUs(),
                                        std::move(sinks));
  in->next_stats_us = NowUs() + std::chrono::duration_cast<std::chrono::microseconds>(options_.stats_interval).count();
  kLog.Info("publish start key=" + RedactKey(t.name) + " id=" + std::to_string(g.stream_key_id) +
            " play_id=" + g.play_id + " mode=" + g.mode + " remote=" + s->remote());
  play_ids_[g.play_id] = g.stream_key_id;
  auto hub = in->hub;
  ingests_[g.stream_key_id] = std::move(in);
  n_ingests_ = ingests_.size();
  s->AcceptPublish(hub);
}

void MediaServer::EndIngest(int64_t key_id, const std::string& reason, bool close_session) {
  auto it = ingests_.find(key_id);
  if (it == ingests_.end()) return;
  std::unique_ptr<Ingest> in = std::move(it->second);
  ingests_.erase(it);
  play_ids_.erase(in->hub->grant().play_id);
  n_ingests_ = ingests_.size();
  IngestStats st = in->hub->stats().Snapshot(NowUs(), in->session->bytes_in());
  in->hub->End();
  kLog.Info("publish end key=" + in->hub->key_redacted() + " id=" + std::to_string(key_id) +
            " reason=" + reason + " duration=" + Fixed(st.duration_s, 1) + "s bytes=" +
            std::to_string(st.bytes_in) + " video=" + (st.video_codec.empty() ? "none" : st.video_codec) +
            " " + std::to_string(st.width) + "x" + std::to_string(st.height) + " fps=" +
            Fixed(st.fps, 1) + " bitrate=" + std::to_string(st.bitrate_bps / 1000) + "kbps audio=" +
            (st.audio_codec.empty() ? "none" : st.audio_codec));
  gate_.Ended(key_id, reason);
  if (close_session) in->session->Terminate(reason);
  RecountViewers();
}

void MediaServer::PublishEnded(RtmpSession* s, const std::string& reason) {
  for (auto& [key, in] : ingests_) {
    if (in->session.get() == s) {
      EndIngest(key, reason, false);
      return;
    }
  }
}

void MediaServer::FirstKeyframe(RtmpSession* s) {
  const auto& hub = s->hub();
  if (!hub) return;
  const PublishGrant& g = hub->grant();
  kLog.Info("viewable key=" + hub->key_redacted() + " id=" + std::to_string(g.stream_key_id) +
            " after " + Fixed((NowUs() - s->created_us()) / 1e6, 2) + " s");
  if (g.mode == "RTMP" || (!g.cmaf_output && g.mode.empty())) gate_.Viewable(g.stream_key_id);
}

std::shared_ptr<StreamHub> MediaServer::FindPlayable(const std::string& play_id) {
  auto it = play_ids_.find(play_id);
  if (it == play_ids_.end()) return nullptr;
  auto& hub = ingests_.at(it->second)->hub;
  if (!hub->grant().rtmp_output) return nullptr;
  n_viewers_++;
  return hub;
}

void MediaServer::ConnectionClosed(Connection* c) {
  connections_.erase(c);
  n_connections_ = connections_.size();
  RecountViewers();
}

void MediaServer::RecountViewers() {
  size_t n = 0;
  for (auto& [k, in] : ingests_) n += in->hub->subscriber_count();
  n_viewers_ = n;
}

void MediaServer::DropIngest(int64_t stream_key_id) {
  boost::asio::post(io_, [this, stream_key_id] {
    if (ingests_.count(stream_key_id)) {
      kLog.Info("force-terminate id=" + std::to_string(stream_key_id));
      EndIngest(stream_key_id, "forced", true);
    }
  });
}

void MediaServer::AttachHttpFlvViewer(int fd, std::string play_id) {
  boost::asio::post(io_, [this, fd, play_id = std::move(play_id)] {
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    if (stopped_ || ::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
      ::close(fd);
      return;
    }
    tcp::socket sock(io_);
    boost::system::error_code ec;
    sock.assign(ss.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd, ec);
    if (ec) {
      ::close(fd);
      return;
    }
    auto v = std::make_shared<HttpFlvViewer>(std::move(sock), static_cast<MediaHost*>(this));
    connections_[v.get()] = v;
    n_connections_ = connections_.size();
    auto hub = FindPlayable(play_id);
    v->Start(hub);
    RecountViewers();
  });
}

}  // namespace ffsb
