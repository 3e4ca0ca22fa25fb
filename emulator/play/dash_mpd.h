// Parsing of a live MPEG-DASH manifest (ISO/IEC 23009-1) as far as a live
// player following the edge needs: the video Representations, their
// SegmentTemplate (at AdaptationSet or Representation level) with
// SegmentTimeline ($Time$ or $Number$ addressing) or a fixed @duration
// ($Number$ computed from availabilityStartTime). A small tag scanner, not
// a general XML parser: comments and CDATA are skipped, entities are not
// needed by the attributes we read.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "server/base/clock.h"
#include "server/base/status.h"

namespace ffsb::emu {

struct DashSegment {
  int64_t number = 0;
  uint64_t time = 0;      // in timescale units
  double duration_s = 0;
  std::string url;
};

struct DashRepresentation {
  std::string id;
  int64_t bandwidth = 0;
  int width = 0, height = 0;
  std::string init_url;
  std::vector<DashSegment> segments;  // currently available, oldest first
};

struct DashManifest {
  bool dynamic = false;
  double min_update_period_s = 2;
  std::vector<DashRepresentation> video;
};

// now: wall clock, used only for @duration templates without a timeline.
Result<DashManifest> ParseDashMpd(std::string_view xml, const std::string& mpd_url, Micros now);

// Expands $RepresentationID$, $Number[%0Nd]$, $Time$, $Bandwidth$.
std::string ExpandDashTemplate(std::string_view tmpl, const std::string& rep_id, int64_t number, uint64_t time,
                               int64_t bandwidth);

// By --rendition: "" = the first; else id, "WxH", "360p". -1 when none.
int PickDashRepresentation(const std::vector<DashRepresentation>& reps, const std::string& rendition);

// ISO 8601 duration "PT1.5S", "PT2M" -> seconds (0 when malformed).
double ParseIsoDuration(std::string_view s);

}  // namespace ffsb::emu
