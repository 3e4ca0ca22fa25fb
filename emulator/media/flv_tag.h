// FLV tag bodies (Adobe FLV spec v10.1, annex E.4) for H.264 and AAC, the
// payload of RTMP audio/video/data messages and of HTTP-FLV tags.
//   video: [frame type<<4 | codec 7][AVCPacketType 0=seq header,1=NALU][cts s24][data]
//   audio: [0xAF: AAC 44k 16-bit stereo][AACPacketType 0=ASC,1=raw][data]
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "emulator/media/media_packet.h"
#include "emulator/media/media_source.h"

namespace ffsb::emu {

std::vector<uint8_t> BuildTagBody(const MediaPacket& p);
// Sequence headers built from the source's configuration.
MediaPacket VideoConfigPacket(const StreamInfo& info);
MediaPacket AudioConfigPacket(const StreamInfo& info);
// "@setDataFrame" "onMetaData" {width, height, framerate, codec ids, ...}.
std::vector<uint8_t> BuildMetadataBody(const StreamInfo& info);

// Inverse of BuildTagBody for H.264/AAC tags; nullopt for other codecs or
// truncated bodies. dts_ms is the message/tag timestamp.
std::optional<MediaPacket> ParseTagBody(MediaKind kind, int64_t dts_ms, std::span<const uint8_t> body);

}  // namespace ffsb::emu
