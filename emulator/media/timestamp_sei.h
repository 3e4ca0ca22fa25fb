// The wall-clock stamp ffemu puts into every video frame it publishes: an
// H.264 SEI user_data_unregistered message (ITU-T H.264 D.1.7, payloadType 5)
// whose 16-byte UUID is ours (kTimestampSeiUuid) followed by the capture time
// as 8 bytes of big-endian microseconds since the Unix epoch. Relays that
// forward the bitstream (RTMP, HTTP-FLV, remuxing to HLS/DASH) keep it; a
// transcoder that re-encodes drops it, which is why the picture also carries
// a barcode (barcode.h). Layout documented in docs/emulator.md.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "server/base/clock.h"

namespace ffsb::emu {

extern const std::array<uint8_t, 16> kTimestampSeiUuid;

// The complete SEI NAL unit (header byte included, emulation-prevented).
std::vector<uint8_t> BuildTimestampSei(Micros capture_time);
// Reads our stamp from one SEI NAL (header byte included); nullopt when the
// NAL is not SEI or carries no message with our UUID.
std::optional<Micros> ParseTimestampSei(std::span<const uint8_t> nal);

// Searches an access unit for the stamp.
std::optional<Micros> FindTimestampInAvcc(std::span<const uint8_t> avcc, int length_size = 4);
std::optional<Micros> FindTimestampInAnnexB(std::span<const uint8_t> annexb);

// Returns a copy of an AVCC access unit with the SEI inserted before the
// first slice (after an AUD when there is one).
std::vector<uint8_t> InsertTimestampSei(std::span<const uint8_t> avcc, Micros capture_time, int length_size = 4);

}  // namespace ffsb::emu
