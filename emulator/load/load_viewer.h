// One simulated viewer of `ffemu load` on a Boost.Asio event loop: an RTMP
// player (client handshake, connect, createStream, play, then chunk reading
// with acknowledgements and ping replies) or an HTTP-FLV player (streaming
// GET, chunked coding undone, FLV tags counted). Payloads are counted, never
// decoded. The RTMP client is our own minimal one (server/protocol did not
// exist yet); it talks to any RTMP server (checked against nginx-rtmp).
//
// Thread-safety: everything runs on the io_context's single thread.
// Ownership: a viewer keeps itself alive through shared_from_this while any
// operation is pending; counters must outlive the io_context run.
#pragma once

#include <utility>  // before asio: Boost 1.74 awaitable.hpp uses std::exchange unincluded

#include <boost/asio.hpp>
#include <memory>

#include "emulator/common/url.h"
#include "emulator/load/load_counters.h"

namespace ffsb::emu {

class LoadViewer {
 public:
  virtual ~LoadViewer() = default;
  virtual void Start(const boost::asio::ip::tcp::endpoint& ep) = 0;
  virtual void Stop() = 0;
};

std::shared_ptr<LoadViewer> MakeRtmpLoadViewer(boost::asio::io_context& io, const Url& url, LoadCounters* c);
std::shared_ptr<LoadViewer> MakeFlvLoadViewer(boost::asio::io_context& io, const Url& url, LoadCounters* c);

}  // namespace ffsb::emu
