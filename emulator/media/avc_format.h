// H.264 bitstream layouts: Annex B (start codes, as encoders and MPEG-TS
// produce) and AVCC (length-prefixed, as FLV and MP4 carry), and the
// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.2.4.1) FLV sends as the
// video sequence header.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "server/base/status.h"

namespace ffsb::emu {

// NAL unit type (low 5 bits of the NAL header byte).
enum : uint8_t { kNalSlice = 1, kNalIdr = 5, kNalSei = 6, kNalSps = 7, kNalPps = 8, kNalAud = 9 };

// Calls fn for each NAL unit (without start code) of an Annex B buffer.
void ForEachAnnexBNal(std::span<const uint8_t> data, const std::function<void(std::span<const uint8_t>)>& fn);
// Calls fn for each NAL of an AVCC buffer with length_size-byte prefixes.
// Returns false when a length runs past the end (the NALs before it are still visited).
bool ForEachAvccNal(std::span<const uint8_t> data, int length_size,
                    const std::function<void(std::span<const uint8_t>)>& fn);

// Annex B -> AVCC with 4-byte lengths. SPS/PPS/AUD NALs are dropped when
// drop_parameter_sets (they travel in the sequence header instead).
std::vector<uint8_t> AnnexBToAvcc(std::span<const uint8_t> annexb, bool drop_parameter_sets);
// Appends one NAL with a 4-byte length prefix.
void AppendAvccNal(std::vector<uint8_t>* out, std::span<const uint8_t> nal);

// Builds an avcC record from the SPS and PPS found in Annex B (e.g. x264's
// extradata with AV_CODEC_FLAG_GLOBAL_HEADER). Error when none is found.
Result<std::vector<uint8_t>> BuildAvcDecoderConfig(std::span<const uint8_t> annexb);
// True when extradata already is an avcC record (starts with version 1).
bool IsAvcDecoderConfig(std::span<const uint8_t> extradata);
// lengthSizeMinusOne + 1 from an avcC record (4 when malformed).
int AvccLengthSize(std::span<const uint8_t> avcc_config);

// Removes emulation-prevention bytes (00 00 03 -> 00 00) from a NAL payload.
std::vector<uint8_t> UnescapeRbsp(std::span<const uint8_t> nal);
// Inserts emulation-prevention bytes so the payload is a valid NAL body.
std::vector<uint8_t> EscapeRbsp(std::span<const uint8_t> rbsp);

}  // namespace ffsb::emu
