// One RTMP client connection through librtmp (v2.4): URL setup, handshake,
// connect, createStream and publish or play, with the server's refusal
// reported as a value. librtmp's own RTMP_ConnectStream swallows onStatus
// errors, so we run that loop ourselves and read each command reply first.
// Used by `ffemu publish` and the librtmp flavour of `ffemu play`.
//
// Thread-safety: one thread per connection. Ownership: owns the RTMP struct
// and the URL string librtmp points into.
#pragma once

#include <functional>
#include <string>

#include "emulator/common/url.h"
#include "server/base/status.h"

struct RTMP;
struct RTMPPacket;

namespace ffsb::emu {

struct RtmpCommandStatus {
  std::string code;         // e.g. "NetStream.Publish.BadName"
  std::string level;        // "status" | "error" | "warning"
  std::string description;
};

class LibrtmpConnection {
 public:
  // Media message delivered while connecting or playing (borrowed packet).
  using PacketFn = std::function<void(const RTMPPacket&)>;

  LibrtmpConnection(Url url, bool publish, int timeout_s);
  ~LibrtmpConnection();
  LibrtmpConnection(const LibrtmpConnection&) = delete;
  LibrtmpConnection& operator=(const LibrtmpConnection&) = delete;

  // Connects and waits for NetStream.Publish.Start / NetStream.Play.Start.
  // On refusal the Status message carries the server's onStatus code.
  // Media arriving before Play.Start goes to on_media.
  Status Open(const PacketFn& on_media = nullptr);

  // Reads messages until one media message was delivered (true) or no byte
  // arrived for wait_ms (false), handling control messages internally.
  // Error when the connection drops.
  Result<bool> ReadMedia(const PacketFn& on_media, int wait_ms);

  // Raises our outgoing chunk size (Set Chunk Size, RTMP spec §5.4.1).
  Status SetOutChunkSize(int size);
  Status Send(RTMPPacket* packet);

  // FCUnpublish + deleteStream, then close (librtmp's goodbye).
  void CloseClean();
  // No RTMP goodbye: SO_LINGER 0 so the kernel answers with RST.
  void CloseAbrupt();

  RTMP* raw() { return r_; }
  int stream_id() const;
  const RtmpCommandStatus& last_status() const { return last_status_; }

 private:
  // Inspects a command message; returns false when it is an error reply.
  bool InspectCommand(const RTMPPacket& p);

  Url url_;
  bool publish_;
  int timeout_s_;
  std::string setup_;  // librtmp keeps pointers into this string
  RTMP* r_ = nullptr;
  RtmpCommandStatus last_status_;
  std::string error_;
};

// librtmp logs to stderr; quiet unless verbose.
void SetLibrtmpVerbose(bool verbose);

}  // namespace ffsb::emu
