// SseHub implementation (Asio, no Beast). See sse.h.
#include "server/http/sse.h"

#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "server/base/log.h"

namespace ffsb::http {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;
using Frame = std::shared_ptr<const std::string>;

std::string FormatSseEvent(uint64_t id, std::string_view event_name, std::string_view data) {
  std::string out = "id: " + std::to_string(id) + "\n";
  if (!event_name.empty()) {
    out += "event: ";
    for (char c : event_name)
      if (c != '\r' && c != '\n') out += c;
    out += '\n';
  }
  size_t pos = 0;
  while (true) {  // one data: line per line of `data` (CRLF, LF or CR)
    size_t nl = data.find_first_of("\r\n", pos);
    out += "data: ";
    if (nl == std::string_view::npos) {
      out.append(data.substr(pos));
      out += '\n';
      break;
    }
    out.append(data.substr(pos, nl - pos));
    out += '\n';
    pos = nl + ((data[nl] == '\r' && nl + 1 < data.size() && data[nl + 1] == '\n') ? 2 : 1);
  }
  out += '\n';
  return out;
}

namespace {
class Subscriber;
}

struct SseHub::Impl {
  explicit Impl(Options o) : options(o), log("sse") {}

  void Adopt(int fd, const std::string& channel, uint64_t last_event_id);
  void Remove(const std::shared_ptr<Subscriber>& sub);

  const Options options;
  const Logger log;
  net::io_context ioc{1};
  std::optional<net::executor_work_guard<net::io_context::executor_type>> work;
  std::thread thread;

  mutable std::mutex mu;  // guards everything below
  bool running = false;
  uint64_t next_id = 0;
  uint64_t dropped = 0;
  struct Channel {
    std::vector<std::shared_ptr<Subscriber>> subscribers;
    std::deque<std::pair<uint64_t, Frame>> recent;
  };
  std::unordered_map<std::string, Channel> channels;
};

namespace {

const Frame& HeartbeatFrame() {
  static const Frame f = std::make_shared<const std::string>(": heartbeat\n\n");
  return f;
}

// One connected EventSource. Lives on its own strand; `hub` outlives it
// (subscribers are owned by the hub's channels and by handlers on the hub's
// io_context).
class Subscriber : public std::enable_shared_from_this<Subscriber> {
 public:
  Subscriber(SseHub::Impl* hub, tcp::socket socket, std::string channel)
      : hub_(hub), socket_(std::move(socket)), timer_(socket_.get_executor()),
        channel_(std::move(channel)) {}

  const std::string& channel() const { return channel_; }
  net::any_io_executor executor() { return socket_.get_executor(); }

  // On the strand: the response head and replayed events, then the read
  // watch and the heartbeat.
  void Begin(std::string initial) {
    queue_.push_back(std::make_shared<const std::string>(std::move(initial)));
    WriteNext();
    ReadWatch();
    ArmHeartbeat();
  }

  // On the strand.
  void Enqueue(const Frame& f) {
    if (closed_) return;
    if (queue_.size() >= hub_->options.max_queued_events) {
      hub_->log.Warn("dropping slow subscriber channel=" + channel_ +
                     " queued=" + std::to_string(queue_.size()));
      {
        std::lock_guard<std::mutex> lock(hub_->mu);
        ++hub_->dropped;
      }
      return Drop();
    }
    queue_.push_back(f);
    if (!writing_) WriteNext();
  }

  // On the strand (or after the io_context stopped).
  void Drop() {
    if (closed_) return;
    closed_ = true;
    error_code ec;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
    queue_.clear();
    hub_->Remove(shared_from_this());
  }

 private:
  void WriteNext() {
    if (closed_ || queue_.empty()) {
      writing_ = false;
      return;
    }
    writing_ = true;
    Frame f = queue_.front();
    net::async_write(socket_, net::buffer(*f), [self = shared_from_this(), f](error_code ec, size_t) {
      if (ec) return self->Drop();
      if (!self->queue_.empty()) self->queue_.pop_front();
      self->WriteNext();
    });
  }

  // EventSource clients never send after the request: any completion means
  // the peer closed (or misbehaves).
  void ReadWatch() {
    socket_.async_read_some(net::buffer(readbuf_), [self = shared_from_this()](error_code ec, size_t) {
      if (ec) return self->Drop();
      self->ReadWatch();
    });
  }

  void ArmHeartbeat() {
    timer_.expires_after(hub_->options.heartbeat);
    timer_.async_wait([self = shared_from_this()](error_code ec) {
      if (ec || self->closed_) return;
      if (self->queue_.empty()) self->Enqueue(HeartbeatFrame());
      self->ArmHeartbeat();
    });
  }

  SseHub::Impl* hub_;
  tcp::socket socket_;
  net::steady_timer timer_;
  std::string channel_;
  std::deque<Frame> queue_;
  bool writing_ = false;
  bool closed_ = false;
  char readbuf_[256];
};

}  // namespace

void SseHub::Impl::Remove(const std::shared_ptr<Subscriber>& sub) {
  std::lock_guard<std::mutex> lock(mu);
  auto it = channels.find(sub->channel());
  if (it == channels.end()) return;
  auto& v = it->second.subscribers;
  v.erase(std::remove(v.begin(), v.end(), sub), v.end());
}

void SseHub::Impl::Adopt(int fd, const std::string& channel, uint64_t last_event_id) {
  sockaddr_storage ss{};
  socklen_t len = sizeof(ss);
  error_code ec;
  tcp::socket socket(net::make_strand(ioc));
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&ss), &len) != 0) {
    ::close(fd);
    return;
  }
  socket.assign(ss.ss_family == AF_INET6 ? tcp::v6() : tcp::v4(), fd, ec);
  if (ec) {
    log.Warn("cannot adopt fd: " + ec.message());
    ::close(fd);
    return;
  }
  auto sub = std::make_shared<Subscriber>(this, std::move(socket), channel);
  std::string initial =
      "HTTP/1.1 200 OK\r\nServer: ffsandbox\r\nContent-Type: text/event-stream\r\n"
      "Cache-Control: no-cache\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n";
  if (options.cors) initial += "Access-Control-Allow-Origin: *\r\n";
  initial += "\r\nretry: " + std::to_string(options.retry_ms) + "\n\n";
  {
    std::lock_guard<std::mutex> lock(mu);
    if (!running) return;  // `sub` closes the socket as it goes
    Channel& ch = channels[channel];
    if (last_event_id > 0)
      for (const auto& [id, frame] : ch.recent)
        if (id > last_event_id) initial += *frame;
    ch.subscribers.push_back(sub);
  }
  // Posted while registered: events published from now on are posted after
  // this, on the same strand, so none is lost or duplicated.
  net::post(sub->executor(), [sub, initial = std::move(initial)]() mutable {
    sub->Begin(std::move(initial));
  });
}

SseHub::SseHub() : SseHub(Options()) {}
SseHub::SseHub(Options options) : impl_(std::make_shared<Impl>(options)) {}
SseHub::~SseHub() { Stop(); }

Status SseHub::Start() {
  std::lock_guard<std::mutex> lock(impl_->mu);
  if (impl_->running) return Status::Ok();
  if (impl_->thread.joinable()) return Status(ErrorCode::SERVICE_UNAVAILABLE, "SseHub restarted");
  impl_->running = true;
  impl_->work.emplace(impl_->ioc.get_executor());
  impl_->thread = std::thread([impl = impl_.get()] { impl->ioc.run(); });
  return Status::Ok();
}

void SseHub::Stop() {
  std::vector<std::shared_ptr<Subscriber>> all;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    if (!impl_->running) return;
    impl_->running = false;
    for (auto& [key, ch] : impl_->channels)
      for (auto& s : ch.subscribers) all.push_back(s);
  }
  for (auto& s : all) net::post(s->executor(), [s] { s->Drop(); });
  impl_->work.reset();
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
  std::lock_guard<std::mutex> lock(impl_->mu);
  for (auto& [key, ch] : impl_->channels) ch.subscribers.clear();  // closes their sockets
}

Response SseHub::Subscribe(std::string channel_key, const Request& req) {
  uint64_t last = 0;
  if (const std::string* h = req.Header("Last-Event-ID")) {
    std::from_chars(h->data(), h->data() + h->size(), last);
  }
  Response r;
  r.content_type = "text/event-stream";
  r.takeover = [impl = impl_, channel = std::move(channel_key), last](int fd, const Request&) {
    impl->Adopt(fd, channel, last);
  };
  return r;
}

uint64_t SseHub::Publish(const std::string& channel_key, std::string_view event_name,
                         std::string_view data) {
  std::vector<std::shared_ptr<Subscriber>> subs;
  Frame frame;
  uint64_t id;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    id = ++impl_->next_id;
    frame = std::make_shared<const std::string>(FormatSseEvent(id, event_name, data));
    Impl::Channel& ch = impl_->channels[channel_key];
    ch.recent.emplace_back(id, frame);
    while (ch.recent.size() > impl_->options.replay_events) ch.recent.pop_front();
    if (impl_->running) subs = ch.subscribers;
  }
  for (auto& s : subs) net::post(s->executor(), [s, frame] { s->Enqueue(frame); });
  return id;
}

size_t SseHub::SubscriberCount(const std::string& channel_key) const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto it = impl_->channels.find(channel_key);
  return it == impl_->channels.end() ? 0 : it->second.subscribers.size();
}

size_t SseHub::TotalSubscribers() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  size_t n = 0;
  for (const auto& [k, ch] : impl_->channels) n += ch.subscribers.size();
  return n;
}

uint64_t SseHub::dropped_slow_subscribers() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->dropped;
}

}  // namespace ffsb::http
