#include "emulator/rtmp/rtmp_publisher.h"

#include <cstring>

#include <librtmp/rtmp.h>

#include "emulator/media/flv_tag.h"

namespace ffsb::emu {
namespace {
constexpr int kAudioChannel = 4, kDataChannel = 5, kVideoChannel = 6;
}

Status RtmpPublisher::Start(const StreamInfo& info, int64_t ts_base_ms) {
  ts_base_ms_ = ts_base_ms;
  if (Status st = conn_.Open(); !st.ok()) return st;
  if (Status st = conn_.SetOutChunkSize(4096); !st.ok()) return st;
  if (Status st = SendBody(RTMP_PACKET_TYPE_INFO, kDataChannel, ts_base_ms, BuildMetadataBody(info)); !st.ok()) return st;
  MediaPacket v = VideoConfigPacket(info);
  v.dts_ms = ts_base_ms;
  if (Status st = Send(v); !st.ok()) return st;
  if (info.has_audio && !info.aac_config.empty()) {
    MediaPacket a = AudioConfigPacket(info);
    a.dts_ms = ts_base_ms;
    if (Status st = Send(a); !st.ok()) return st;
  }
  return Status::Ok();
}

Status RtmpPublisher::Send(const MediaPacket& p) {
  bool video = p.kind == MediaKind::kVideo;
  if (video && !p.config) ++video_frames_;
  return SendBody(video ? RTMP_PACKET_TYPE_VIDEO : RTMP_PACKET_TYPE_AUDIO, video ? kVideoChannel : kAudioChannel,
                  p.dts_ms, BuildTagBody(p));
}

Status RtmpPublisher::SendBody(uint8_t type, int channel, int64_t ts_ms, const std::vector<uint8_t>& body) {
  RTMPPacket pkt = {};
  if (!RTMPPacket_Alloc(&pkt, static_cast<uint32_t>(body.size())))
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "out of memory");
  std::memcpy(pkt.m_body, body.data(), body.size());
  pkt.m_nBodySize = static_cast<uint32_t>(body.size());
  pkt.m_packetType = type;
  pkt.m_nChannel = channel;
  pkt.m_headerType = channel_used_[channel] ? RTMP_PACKET_SIZE_MEDIUM : RTMP_PACKET_SIZE_LARGE;
  channel_used_[channel] = true;
  pkt.m_nTimeStamp = static_cast<uint32_t>(std::max<int64_t>(0, ts_ms - ts_base_ms_));
  pkt.m_hasAbsTimestamp = 0;
  pkt.m_nInfoField2 = conn_.stream_id();
  Status st = conn_.Send(&pkt);
  RTMPPacket_Free(&pkt);
  if (st.ok()) bytes_ += body.size();
  return st;
}

}  // namespace ffsb::emu
