// A TCP connection on the media loop with a bounded, scatter/gather output
// queue of shared buffers. Base of RtmpSession and HttpFlvViewer.
//
// Reading: WaitReadable() arms a zero-byte readiness wait; OnReadable() then
// drains the socket into the server's shared scratch buffer, so an idle
// viewer costs no read buffer (the nginx/SRS trick).
// Writing: Push*() appends; Flush() starts one gathered async_write of up to
// 64 buffers. Queued items hold a reference to their bytes until written.
//
// Thread-safety: media loop thread only. Ownership: shared_ptr; pending
// async operations keep the object alive. Close() is idempotent.
#pragma once

#include <utility>  // before asio: Boost 1.74 awaitable.hpp needs std::exchange under C++20
#include <boost/asio.hpp>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace ffsb {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using tcp = boost::asio::ip::tcp;
  explicit Connection(tcp::socket socket);
  virtual ~Connection() = default;

  // Queues bytes the connection owns (commands, HTTP headers).
  void PushOwned(std::vector<uint8_t> bytes);
  // Queues bytes owned by `owner` (a shared Frame). `droppable` items may be
  // discarded by DropQueued() (media); others never are.
  // `continues` marks a piece of the same logical unit as the previous item
  // (FLV tag header/body/trailer): a gathered write never splits such a unit,
  // so dropping queued items never corrupts the byte stream.
  void PushShared(std::shared_ptr<const void> owner, const void* data, size_t size,
                  bool droppable, bool continues = false);
  void Flush();
  // Drops queued (not in-flight) droppable items; returns bytes dropped.
  size_t DropQueued();
  size_t queued_bytes() const { return queued_bytes_; }
  // Closes once everything queued is written (or at once on error).
  void CloseAfterFlush();
  void Close();
  bool closed() const { return closed_; }
  const std::string& remote() const { return remote_; }

 protected:
  void WaitReadable();
  // Called when the socket is readable. Subclasses read with ReadSome().
  virtual void OnReadable() = 0;
  // Called once, on the loop, when the connection closes.
  virtual void OnClosed() = 0;
  // Non-blocking read; returns bytes read, 0 would-block, -1 EOF/error (closes).
  long ReadSome(uint8_t* buf, size_t cap);
  tcp::socket socket_;

 private:
  struct Item {
    std::shared_ptr<const void> owner;
    const void* data;
    size_t size;
    bool droppable;
    bool continues;
  };
  void OnWritten(const boost::system::error_code& ec);
  std::deque<Item> queue_;
  std::vector<Item> inflight_;
  std::vector<boost::asio::const_buffer> buffers_;
  size_t queued_bytes_ = 0;
  bool writing_ = false, closed_ = false, close_after_flush_ = false, reading_ = false;
  std::string remote_;
};

}  // namespace ffsb
