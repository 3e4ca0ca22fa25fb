// Fmp4Writer: one CMAF track (one video rendition or the audio) muxed by
// libavformat's mp4 muxer into memory. The init segment (ftyp+moov) is ready
// right after Open; each CutFragment() returns one media segment (moof+mdat)
// holding the packets written since the previous cut.
//
// movflags: cmaf + frag_custom + empty_moov + default_base_moof + frag_discont,
// no edit list and no timestamp shifting, so every fragment's tfdt is the true
// decode time on our output timeline (which never goes negative, see
// timeline.h) and a resumed ingest continues the same media timeline.
//
// Thread-safety: owned and used by one pipeline worker thread.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "server/base/status.h"
#include "server/cmaf/av_util.h"

namespace ffsb::cmaf {

class Fmp4Writer {
 public:
  ~Fmp4Writer();

  // `enc` must be open (its extradata goes into the moov). Packets passed to
  // Write are in `enc->time_base`; the track timescale is `track_timescale`.
  static Result<std::unique_ptr<Fmp4Writer>> Open(const AVCodecContext* enc, int track_timescale);

  const std::vector<uint8_t>& init_segment() const { return init_; }

  // REQUIRES: pkt->duration > 0 (the fragment's last sample needs one).
  Status Write(AVPacket* pkt);
  // Flushes the buffered samples as one fragment; empty when none.
  Result<std::vector<uint8_t>> CutFragment();

 private:
  Fmp4Writer() = default;
  static int OnWrite(void* opaque, uint8_t* buf, int size);  // FFmpeg 5.1 signature (non-const)

  AVFormatContext* fmt_ = nullptr;  // owned
  AVIOContext* io_ = nullptr;       // owned (buffer included)
  AVRational enc_tb_{1, 1};
  std::vector<uint8_t> pending_;    // bytes written by the muxer since the last take
  std::vector<uint8_t> init_;
  bool has_samples_ = false;
};

}  // namespace ffsb::cmaf
