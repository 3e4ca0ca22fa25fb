#include "server/cmaf/manifests.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace ffsb::cmaf {
namespace {

std::string Fmt(const char* f, double v) {
  char b[64];
  snprintf(b, sizeof b, f, v);
  return b;
}

std::string IsoDuration(double secs) { return "PT" + Fmt("%.3f", secs) + "S"; }

const TrackState* AudioTrack(const StreamState& s) {
  for (const auto& t : s.tracks)
    if (t.is_audio && t.active) return &t;
  return nullptr;
}

}  // namespace

std::string InitSegmentName(int period) { return "init-" + std::to_string(period) + ".mp4"; }
std::string MediaSegmentName(int64_t number) { return "seg-" + std::to_string(number) + ".m4s"; }

int64_t DeclaredBandwidth(const TrackState& v, const TrackState* audio) {
  // 25% headroom over the target covers VBV overshoot and fMP4 overhead; a
  // measured peak above that wins.
  int64_t video = std::max<int64_t>(v.peak_bandwidth, v.bitrate + v.bitrate / 4);
  int64_t a = audio ? std::max<int64_t>(audio->peak_bandwidth, audio->bitrate + audio->bitrate / 10) : 0;
  return video + a;
}

std::string RenderMasterPlaylist(const StreamState& s) {
  const TrackState* audio = AudioTrack(s);
  std::string o = "#EXTM3U\n#EXT-X-VERSION:7\n#EXT-X-INDEPENDENT-SEGMENTS\n";
  if (audio) {
    o += "#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID=\"audio\",NAME=\"" + audio->name +
         "\",DEFAULT=YES,AUTOSELECT=YES,CHANNELS=\"2\",URI=\"" + audio->name + "/" + kMediaPlaylist + "\"\n";
  }
  for (const auto& t : s.tracks) {
    if (t.is_audio || !t.active) continue;
    int64_t avg = t.bitrate + (audio ? audio->bitrate : 0);
    o += "#EXT-X-STREAM-INF:BANDWIDTH=" + std::to_string(DeclaredBandwidth(t, audio)) +
         ",AVERAGE-BANDWIDTH=" + std::to_string(avg) + ",RESOLUTION=" + std::to_string(t.width) + "x" +
         std::to_string(t.height) + ",FRAME-RATE=" + Fmt("%.3f", t.frame_rate) + ",CODECS=\"" + t.codecs +
         (audio ? "," + audio->codecs : std::string()) + "\"" + (audio ? ",AUDIO=\"audio\"" : "") + "\n";
    o += t.name + "/" + kMediaPlaylist + "\n";
  }
  return o;
}

std::string RenderMediaPlaylist(const StreamState& s, const TrackState& t) {
  auto listed = s.Listed(t);
  std::string o = "#EXTM3U\n#EXT-X-VERSION:7\n";
  o += "#EXT-X-TARGETDURATION:" + std::to_string(std::max(t.target_duration_s, s.segment_duration_s)) + "\n";
  o += "#EXT-X-MEDIA-SEQUENCE:" + std::to_string(listed.empty() ? t.next_number : listed.front()->number) + "\n";
  o += "#EXT-X-DISCONTINUITY-SEQUENCE:" + std::to_string(t.discontinuity_sequence) + "\n";
  int map_period = -1;
  for (const SegmentEntry* seg : listed) {
    if (seg->discontinuity && map_period != -1) o += "#EXT-X-DISCONTINUITY\n";
    if (seg->period != map_period) {
      o += "#EXT-X-MAP:URI=\"" + InitSegmentName(seg->period) + "\"\n";
      map_period = seg->period;
    }
    o += "#EXTINF:" + Fmt("%.3f", static_cast<double>(seg->duration) / t.timescale) + ",\n";
    o += MediaSegmentName(seg->number) + "\n";
  }
  return o;
}

std::string RenderMpd(const StreamState& s, Micros now) {
  const double d = s.segment_duration_s;
  double max_seg = d;
  for (const auto& t : s.tracks)
    for (const auto& seg : t.segments) max_seg = std::max(max_seg, static_cast<double>(seg.duration) / t.timescale);
  std::string o = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  o += "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" "
       "profiles=\"urn:mpeg:dash:profile:isoff-live:2011,urn:mpeg:dash:profile:cmaf:2019\" type=\"dynamic\"";
  o += " availabilityStartTime=\"" + FormatIso8601(s.availability_start) + "\"";
  o += " publishTime=\"" + FormatIso8601(now) + "\"";
  o += " minimumUpdatePeriod=\"" + IsoDuration(d) + "\"";
  o += " minBufferTime=\"" + IsoDuration(2 * d) + "\"";
  o += " timeShiftBufferDepth=\"" + IsoDuration(s.window * d) + "\"";
  o += " suggestedPresentationDelay=\"" + IsoDuration(3 * d) + "\"";
  o += " maxSegmentDuration=\"" + IsoDuration(max_seg) + "\">\n";
  for (const PeriodInfo& p : s.periods) {
    double start = static_cast<double>(p.wall_start - s.availability_start) / 1e6;
    std::string body;
    for (int pass = 0; pass < 2; ++pass) {  // video adaptation set, then audio
      std::string reps;
      for (const auto& t : s.tracks) {
        if (t.is_audio != (pass == 1)) continue;
        std::vector<const SegmentEntry*> segs;
        for (const SegmentEntry* seg : s.Listed(t))
          if (seg->period == p.index) segs.push_back(seg);
        if (segs.empty()) continue;
        reps += "   <Representation id=\"" + t.name + "\" bandwidth=\"" + std::to_string(t.bitrate) +
                "\" codecs=\"" + t.codecs + "\"";
        if (t.is_audio) {
          reps += " audioSamplingRate=\"" + std::to_string(t.timescale) + "\">\n";
          reps += "    <AudioChannelConfiguration "
                  "schemeIdUri=\"urn:mpeg:dash:23003:3:audio_channel_configuration:2011\" value=\"2\"/>\n";
        } else {
          reps += " width=\"" + std::to_string(t.width) + "\" height=\"" + std::to_string(t.height) +
                  "\" frameRate=\"" + std::to_string(t.frame_rate) + "\" sar=\"1:1\">\n";
        }
        int64_t pto = p.media_start_ms * t.timescale / 1000;
        reps += "    <SegmentTemplate timescale=\"" + std::to_string(t.timescale) + "\" presentationTimeOffset=\"" +
                std::to_string(pto) + "\" initialization=\"" + t.name + "/" + InitSegmentName(p.index) +
                "\" media=\"" + t.name + "/seg-$Number$.m4s\" startNumber=\"" +
                std::to_string(segs.front()->number) + "\">\n     <SegmentTimeline>\n";
        for (size_t i = 0; i < segs.size();) {
          size_t j = i + 1;
          while (j < segs.size() && segs[j]->duration == segs[i]->duration &&
                 segs[j]->start == segs[j - 1]->start + segs[j - 1]->duration)
            ++j;
          reps += "      <S t=\"" + std::to_string(segs[i]->start) + "\" d=\"" + std::to_string(segs[i]->duration) +
                  "\"" + (j - i > 1 ? " r=\"" + std::to_string(j - i - 1) + "\"" : std::string()) + "/>\n";
          i = j;
        }
        reps += "     </SegmentTimeline>\n    </SegmentTemplate>\n   </Representation>\n";
      }
      if (reps.empty()) continue;
      if (pass == 0)
        body += "  <AdaptationSet id=\"0\" contentType=\"video\" mimeType=\"video/mp4\" segmentAlignment=\"true\" "
                "startWithSAP=\"1\">\n";
      else
        body += "  <AdaptationSet id=\"1\" contentType=\"audio\" mimeType=\"audio/mp4\" lang=\"und\" "
                "segmentAlignment=\"true\" startWithSAP=\"1\">\n";
      body += reps + "  </AdaptationSet>\n";
    }
    if (body.empty()) continue;
    o += " <Period id=\"" + std::to_string(p.index) + "\" start=\"" + IsoDuration(std::max(0.0, start)) + "\">\n";
    o += body + " </Period>\n";
  }
  o += " <UTCTiming schemeIdUri=\"urn:mpeg:dash:utc:direct:2014\" value=\"" + FormatIso8601(now) + "\"/>\n";
  o += "</MPD>\n";
  return o;
}

}  // namespace ffsb::cmaf
