#include <array>

#include "emulator/load/load_viewer.h"

namespace ffsb::emu {
namespace {
namespace asio = boost::asio;
using asio::ip::tcp;

// Counts FLV tags in a body stream without copying payloads: keeps only the
// 11-byte tag header and skips the rest.
class FlvTagCounter {
 public:
  // Returns false on a malformed stream.
  bool Feed(const uint8_t* p, size_t n, LoadCounters* c) {
    while (n > 0) {
      if (skip_ > 0) {
        size_t k = std::min<size_t>(skip_, n);
        skip_ -= k; p += k; n -= k;
        continue;
      }
      size_t want = header_seen_ ? 11 : 13;
      size_t k = std::min(want - hdr_len_, n);
      std::copy_n(p, k, hdr_.begin() + hdr_len_);
      hdr_len_ += k; p += k; n -= k;
      if (hdr_len_ < want) break;
      hdr_len_ = 0;
      if (!header_seen_) {
        if (hdr_[0] != 'F' || hdr_[1] != 'L' || hdr_[2] != 'V') return false;
        header_seen_ = true;
        continue;
      }
      uint32_t size = (hdr_[1] << 16) | (hdr_[2] << 8) | hdr_[3];
      uint8_t type = hdr_[0] & 0x1f;
      if (type == 9) ++c->video_frames;
      if (type == 8) ++c->audio_frames;
      skip_ = size + 4;
    }
    return true;
  }

 private:
  std::array<uint8_t, 13> hdr_{};
  size_t hdr_len_ = 0;
  uint64_t skip_ = 0;
  bool header_seen_ = false;
};

class FlvLoadViewer final : public LoadViewer, public std::enable_shared_from_this<FlvLoadViewer> {
 public:
  FlvLoadViewer(asio::io_context& io, const Url& url, LoadCounters* c) : sock_(io), url_(url), c_(c) {}

  void Start(const tcp::endpoint& ep) override {
    ++c_->started;
    sock_.async_connect(ep, [self = shared_from_this()](boost::system::error_code ec) {
      if (ec) return self->Fail();
      auto req = std::make_shared<std::string>("GET " + self->url_.Target() + " HTTP/1.1\r\nHost: " +
                                               self->url_.HostPort() + "\r\nUser-Agent: ffemu-load\r\nConnection: close\r\n\r\n");
      asio::async_write(self->sock_, asio::buffer(*req), [self, req](boost::system::error_code ec, size_t) {
        if (ec) return self->Fail();
        self->ReadMore();
      });
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

  void ReadMore() {
    sock_.async_read_some(asio::buffer(buf_), [self = shared_from_this()](boost::system::error_code ec, size_t n) {
      if (ec) return self->Fail();
      self->c_->bytes += n;
      if (!self->Consume(self->buf_.data(), n)) return self->Fail();
      if (!self->done_) self->ReadMore();
    });
  }

  // Response head, then the body with chunked transfer coding undone.
  bool Consume(const uint8_t* p, size_t n) {
    if (!playing_) {
      head_.append(reinterpret_cast<const char*>(p), n);
      size_t end = head_.find("\r\n\r\n");
      if (end == std::string::npos) return head_.size() < 16384;
      int status = 0;
      if (std::sscanf(head_.c_str(), "HTTP/%*d.%*d %d", &status) != 1 || status < 200 || status >= 300) return false;
      std::string lower = head_.substr(0, end);
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      chunked_ = lower.find("transfer-encoding: chunked") != std::string::npos;
      playing_ = true;
      ++c_->connected;
      std::string rest = head_.substr(end + 4);
      head_.clear();
      return Body(reinterpret_cast<const uint8_t*>(rest.data()), rest.size());
    }
    return Body(p, n);
  }

  bool Body(const uint8_t* p, size_t n) {
    if (!chunked_) return counter_.Feed(p, n, c_);
    while (n > 0) {
      if (chunk_left_ > 0) {
        size_t k = std::min<size_t>(chunk_left_, n);
        if (!counter_.Feed(p, k, c_)) return false;
        chunk_left_ -= k; p += k; n -= k;
        continue;
      }
      char ch = static_cast<char>(*p++);
      --n;
      if (ch != '\n') { if (ch != '\r') size_line_ += ch; continue; }
      if (size_line_.empty()) continue;  // CRLF after chunk data
      chunk_left_ = std::strtoull(size_line_.c_str(), nullptr, 16);
      size_line_.clear();
      if (chunk_left_ == 0) return false;  // last chunk: the stream ended
    }
    return true;
  }

  tcp::socket sock_;
  Url url_;
  LoadCounters* c_;
  std::array<uint8_t, 32 * 1024> buf_;
  std::string head_, size_line_;
  bool chunked_ = false, playing_ = false, done_ = false;
  uint64_t chunk_left_ = 0;
  FlvTagCounter counter_;
};
}  // namespace

std::shared_ptr<LoadViewer> MakeFlvLoadViewer(asio::io_context& io, const Url& url, LoadCounters* c) {
  return std::make_shared<FlvLoadViewer>(io, url, c);
}

}  // namespace ffsb::emu
