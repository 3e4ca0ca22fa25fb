#include "server/media/connection.h"

namespace ffsb {

Connection::Connection(tcp::socket socket) : socket_(std::move(socket)) {
  boost::system::error_code ec;
  auto ep = socket_.remote_endpoint(ec);
  if (!ec) remote_ = ep.address().to_string() + ":" + std::to_string(ep.port());
  socket_.non_blocking(true, ec);
  socket_.set_option(tcp::no_delay(true), ec);
}

void Connection::PushOwned(std::vector<uint8_t> bytes) {
  if (closed_ || bytes.empty()) return;
  auto owned = std::make_shared<std::vector<uint8_t>>(std::move(bytes));
  const void* p = owned->data();
  size_t n = owned->size();
  PushShared(std::move(owned), p, n, false, false);
}

void Connection::PushShared(std::shared_ptr<const void> owner, const void* data, size_t size,
                            bool droppable, bool continues) {
  if (closed_ || size == 0) return;
  queue_.push_back({std::move(owner), data, size, droppable, continues});
  queued_bytes_ += size;
}

size_t Connection::DropQueued() {
  size_t dropped = 0;
  std::deque<Item> keep;
  for (auto& it : queue_) {
    if (it.droppable) {
      dropped += it.size;
    } else {
      keep.push_back(std::move(it));
    }
  }
  queue_.swap(keep);
  queued_bytes_ -= dropped;
  return dropped;
}

void Connection::Flush() {
  if (writing_ || closed_) return;
  if (queue_.empty()) {
    if (close_after_flush_) Close();
    return;
  }
  buffers_.clear();
  size_t bytes = 0;
  while (!queue_.empty() &&
         ((buffers_.size() < 64 && bytes < (512 << 10)) || queue_.front().continues)) {
    Item& it = queue_.front();
    buffers_.emplace_back(it.data, it.size);
    bytes += it.size;
    queued_bytes_ -= it.size;
    inflight_.push_back(std::move(it));
    queue_.pop_front();
  }
  writing_ = true;
  auto self = shared_from_this();
  boost::asio::async_write(socket_, buffers_,
                           [self](const boost::system::error_code& ec, size_t) { self->OnWritten(ec); });
}

void Connection::OnWritten(const boost::system::error_code& ec) {
  writing_ = false;
  inflight_.clear();
  if (ec) {
    Close();
    return;
  }
  Flush();
}

void Connection::CloseAfterFlush() {
  close_after_flush_ = true;
  if (!writing_) Flush();
}

void Connection::WaitReadable() {
  if (closed_ || reading_) return;
  reading_ = true;
  auto self = shared_from_this();
  socket_.async_wait(tcp::socket::wait_read, [self](const boost::system::error_code& ec) {
    self->reading_ = false;
    if (self->closed_) return;
    if (ec) {
      self->Close();
      return;
    }
    self->OnReadable();
  });
}

long Connection::ReadSome(uint8_t* buf, size_t cap) {
  if (closed_) return -1;
  boost::system::error_code ec;
  size_t n = socket_.read_some(boost::asio::buffer(buf, cap), ec);
  if (ec == boost::asio::error::would_block || ec == boost::asio::error::try_again) return 0;
  if (ec || n == 0) {
    Close();
    return -1;
  }
  return long(n);
}

void Connection::Close() {
  if (closed_) return;
  closed_ = true;
  auto keep = shared_from_this();  // OnClosed() may drop the last owner
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  queue_.clear();
  queued_bytes_ = 0;
  OnClosed();
}

}  // namespace ffsb
