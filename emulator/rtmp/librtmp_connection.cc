#include "emulator/rtmp/librtmp_connection.h"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <librtmp/log.h>
#include <librtmp/rtmp.h>

#include "server/protocol/amf0.h"

namespace ffsb::emu {
namespace {
bool IsMedia(uint8_t type) {
  return type == RTMP_PACKET_TYPE_AUDIO || type == RTMP_PACKET_TYPE_VIDEO || type == RTMP_PACKET_TYPE_INFO;
}
Status Refused(std::string msg) { return Status(ErrorCode::SERVICE_UNAVAILABLE, std::move(msg)); }
}  // namespace

void SetLibrtmpVerbose(bool verbose) { RTMP_LogSetLevel(verbose ? RTMP_LOGINFO : RTMP_LOGCRIT); }

LibrtmpConnection::LibrtmpConnection(Url url, bool publish, int timeout_s)
    : url_(std::move(url)), publish_(publish), timeout_s_(timeout_s) {}

LibrtmpConnection::~LibrtmpConnection() {
  if (r_) {
    RTMP_Close(r_);
    RTMP_Free(r_);
  }
}

int LibrtmpConnection::stream_id() const { return r_ ? r_->m_stream_id : 0; }

bool LibrtmpConnection::InspectCommand(const RTMPPacket& p) {
  size_t off = p.m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE ? 1 : 0;
  if (p.m_nBodySize <= off) return true;
  auto vals = Amf0DecodeAll(reinterpret_cast<const uint8_t*>(p.m_body) + off, p.m_nBodySize - off);
  if (!vals.ok() || vals->empty() || !(*vals)[0].is_string()) return true;
  const std::string& name = (*vals)[0].string;
  if (name != "onStatus" && name != "_error") return true;
  for (const auto& v : *vals) {
    if (v.type != Amf0Value::Type::kObject || v.GetString("code").empty()) continue;
    last_status_ = {v.GetString("code"), v.GetString("level"), v.GetString("description")};
    if (name == "_error" || last_status_.level == "error") {
      error_ = last_status_.code + (last_status_.description.empty() ? "" : " (" + last_status_.description + ")");
      return false;
    }
  }
  return name != "_error";
}

Status LibrtmpConnection::Open(const PacketFn& on_media) {
  r_ = RTMP_Alloc();
  RTMP_Init(r_);
  std::string base = url_.scheme + "://" + url_.HostPort() + "/" + url_.RtmpApp();
  std::string name = url_.RtmpStreamName();
  if (name.empty()) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "RTMP URL has no stream name");
  // librtmp option values are split at spaces and un-escaped from \XX.
  std::string escaped;
  for (char c : name) {
    if (c == ' ' || c == '\\') {
      char buf[4];
      snprintf(buf, sizeof(buf), "\\%02x", static_cast<unsigned char>(c));
      escaped += buf;
    } else {
      escaped += c;
    }
  }
  setup_ = base + " playpath=" + escaped + " timeout=" + std::to_string(timeout_s_) + (publish_ ? "" : " live=1");
  if (!RTMP_SetupURL(r_, setup_.data())) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "librtmp rejected the URL");
  if (publish_) RTMP_EnableWrite(r_);
  if (!RTMP_Connect(r_, nullptr)) return Refused("cannot connect to " + url_.HostPort());
  RTMPPacket pkt = {};
  while (!r_->m_bPlaying && RTMP_IsConnected(r_)) {
    if (!RTMP_ReadPacket(r_, &pkt)) break;
    if (!RTMPPacket_IsReady(&pkt) || pkt.m_nBodySize == 0) continue;
    bool ok = true;
    if (pkt.m_packetType == RTMP_PACKET_TYPE_INVOKE || pkt.m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE)
      ok = InspectCommand(pkt);
    if (!ok) {
      RTMPPacket_Free(&pkt);
      return Refused(std::string(publish_ ? "publish" : "play") + " refused: " + error_);
    }
    if (IsMedia(pkt.m_packetType)) {
      if (on_media) on_media(pkt);
    } else {
      RTMP_ClientPacket(r_, &pkt);
    }
    RTMPPacket_Free(&pkt);
  }
  if (!r_->m_bPlaying) {
    if (!error_.empty()) return Refused(error_);
    return Refused(std::string("connection closed before ") + (publish_ ? "NetStream.Publish.Start" : "NetStream.Play.Start") +
                   (last_status_.code.empty() ? "" : " (last status " + last_status_.code + ")"));
  }
  return Status::Ok();
}

Result<bool> LibrtmpConnection::ReadMedia(const PacketFn& on_media, int wait_ms) {
  RTMPPacket pkt = {};
  for (;;) {
    if (!RTMP_IsConnected(r_)) return Refused("connection closed");
    // Wait here, between messages, rather than in librtmp's read: a receive
    // timeout inside RTMP_ReadPacket would lose a partly read chunk.
    if (r_->m_sb.sb_size <= 0) {
      pollfd pfd{RTMP_Socket(r_), POLLIN, 0};
      if (::poll(&pfd, 1, wait_ms) == 0) return false;
    }
    if (!RTMP_ReadPacket(r_, &pkt)) {
      if (RTMP_IsTimedout(r_)) return Status(ErrorCode::SERVICE_UNAVAILABLE, "read timed out");
      return Refused("connection lost");
    }
    if (!RTMPPacket_IsReady(&pkt) || pkt.m_nBodySize == 0) continue;
    bool ok = true;
    if (pkt.m_packetType == RTMP_PACKET_TYPE_INVOKE || pkt.m_packetType == RTMP_PACKET_TYPE_FLEX_MESSAGE)
      ok = InspectCommand(pkt);
    bool media = IsMedia(pkt.m_packetType);
    if (media) on_media(pkt);
    else RTMP_ClientPacket(r_, &pkt);
    RTMPPacket_Free(&pkt);
    if (!ok) return Refused("server error: " + error_);
    if (media) return true;
  }
}

Status LibrtmpConnection::SetOutChunkSize(int size) {
  RTMPPacket p = {};
  RTMPPacket_Alloc(&p, 4);
  p.m_packetType = RTMP_PACKET_TYPE_CHUNK_SIZE;
  p.m_nChannel = 0x02;
  p.m_headerType = RTMP_PACKET_SIZE_LARGE;
  p.m_nBodySize = 4;
  for (int i = 0; i < 4; ++i) p.m_body[i] = static_cast<char>(size >> (24 - 8 * i));
  int ok = RTMP_SendPacket(r_, &p, FALSE);
  RTMPPacket_Free(&p);
  if (!ok) return Refused("send failed");
  r_->m_outChunkSize = size;
  return Status::Ok();
}

Status LibrtmpConnection::Send(RTMPPacket* packet) {
  if (!RTMP_IsConnected(r_) || !RTMP_SendPacket(r_, packet, FALSE)) return Refused("send failed: connection lost");
  return Status::Ok();
}

void LibrtmpConnection::CloseClean() {
  if (r_) RTMP_Close(r_);  // sends FCUnpublish (write mode) and deleteStream first
}

void LibrtmpConnection::CloseAbrupt() {
  if (!r_) return;
  int fd = RTMP_Socket(r_);
  if (fd >= 0) {
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    ::close(fd);
    r_->m_sb.sb_socket = -1;  // librtmp now sees no connection: no goodbye messages
  }
  RTMP_Close(r_);
}

}  // namespace ffsb::emu
