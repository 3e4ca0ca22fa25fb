#include "server/media/frame.h"

#include "server/protocol/chunk_writer.h"
#include "server/protocol/flv.h"

namespace ffsb {

const std::vector<uint8_t>& Frame::Rtmp(uint32_t chunk_size, uint32_t stream_id) const {
  if (rtmp_chunk_size_ != chunk_size || rtmp_stream_id_ != stream_id || rtmp_.empty()) {
    rtmp_.clear();
    uint32_t csid = type == rtmp::kAudio   ? rtmp::kCsidAudio
                    : type == rtmp::kVideo ? rtmp::kCsidVideo
                                           : rtmp::kCsidData;
    EncodeChunked({csid, type, timestamp, stream_id}, body.data(), body.size(), chunk_size, &rtmp_);
    rtmp_chunk_size_ = chunk_size;
    rtmp_stream_id_ = stream_id;
  }
  return rtmp_;
}

const std::array<uint8_t, 11>& Frame::FlvHeader() const {
  if (!flv_built_) {
    flv_header_ = FlvTagHeader(type, timestamp, uint32_t(body.size()));
    flv_trailer_ = FlvPreviousTagSize(uint32_t(body.size()));
    flv_built_ = true;
  }
  return flv_header_;
}

const std::array<uint8_t, 4>& Frame::FlvTrailer() const {
  FlvHeader();
  return flv_trailer_;
}

}  // namespace ffsb
