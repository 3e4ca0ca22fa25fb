#include "emulator/play/segmented_player.h"

#include <algorithm>
#include <functional>
#include <map>

#include "emulator/common/http_stream.h"
#include "emulator/common/pacing.h"
#include "emulator/play/dash_mpd.h"
#include "emulator/play/hls_playlist.h"
#include "emulator/play/segment_decoder.h"
#include "server/base/log.h"

namespace ffsb::emu {
namespace {
constexpr int kHttpTimeoutMs = 5000;

struct SegmentRef {
  int64_t order;  // media sequence (HLS) or segment number (DASH)
  std::string url, init_url;
  double duration_s;
};

struct Listing {
  std::vector<SegmentRef> segments;
  double poll_s = 1;
  double target_s = 2;
  bool ended = false;
};

using Lister = std::function<Result<Listing>()>;

Status Follow(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats,
              const Lister& list) {
  Logger log("play");
  const Micros start = clock.Monotonic();
  auto done = [&] { return (stop && stop->load()) || (o.duration_s > 0 && clock.Monotonic() - start >= o.duration_s * 1e6); };
  std::map<std::string, std::string> init_cache;
  int64_t last_order = INT64_MIN;
  while (!done()) {
    auto listing = list();
    if (!listing.ok()) return listing.status();
    auto& segs = listing->segments;
    if (last_order == INT64_MIN && !segs.empty())  // join three segments behind the live edge
      last_order = segs[segs.size() - std::min<size_t>(3, segs.size())].order - 1;
    for (const SegmentRef& s : segs) {
      if (s.order <= last_order || done()) continue;
      std::string bytes;
      if (!s.init_url.empty()) {
        if (!init_cache.count(s.init_url)) {
          auto init = HttpGet(s.init_url, kHttpTimeoutMs);
          if (!init.ok()) return init.status();
          init_cache[s.init_url] = *init;
        }
        bytes = init_cache[s.init_url];
      }
      auto body = HttpGet(s.url, kHttpTimeoutMs);
      if (!body.ok()) {
        log.Warn("segment " + s.url + ": " + body.status().message());
        if (body.status().message().rfind("HTTP 404", 0) == 0) { last_order = s.order; continue; }
        return body.status();
      }
      bytes += *body;
      auto contents = DecodeSegment(bytes, o.force_barcode);
      if (!contents.ok()) return contents.status();
      double dur = contents->duration_s > 0 ? contents->duration_s : s.duration_s;
      Micros present_mono = stats->OnMedia(body->size(), static_cast<Micros>(dur * 1e6));
      Micros present_wall = clock.Now() + (present_mono - clock.Monotonic());
      int64_t first_pts = INT64_MAX;
      for (auto& f : contents->video) first_pts = std::min(first_pts, f.pts_us);
      for (auto& f : contents->video) {
        stats->OnVideoFrame();
        if (f.stamp) stats->OnStamp(*f.stamp, present_wall + (f.pts_us - first_pts), f.from_barcode);
      }
      for (int i = 0; i < contents->audio_frames; ++i) stats->OnAudioFrame();
      last_order = s.order;
      stats->MaybePrint(o.status_out);
    }
    if (listing->ended) return Status(ErrorCode::SERVICE_UNAVAILABLE, "the live stream ended (end of list)");
    double timeout = std::max(o.media_timeout_s, 3 * listing->target_s);
    if (stats->SecondsSinceMedia() > timeout)
      return Status(ErrorCode::SERVICE_UNAVAILABLE, "no new segment for " + std::to_string(static_cast<int>(timeout)) + " s");
    stats->MaybePrint(o.status_out);
    SleepUntil(clock, clock.Monotonic() + static_cast<Micros>(listing->poll_s * 1e6), stop);
  }
  return Status::Ok();
}
}  // namespace

Status RunHlsPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats) {
  std::string media_url = o.url_text;
  auto first = HttpGet(media_url, kHttpTimeoutMs);
  if (!first.ok()) return first.status();
  if (IsHlsMasterPlaylist(*first)) {
    auto variants = ParseHlsMaster(*first, media_url);
    if (!variants.ok()) return variants.status();
    int i = PickHlsVariant(*variants, o.rendition);
    if (i < 0) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "no rendition matches " + o.rendition);
    media_url = (*variants)[i].url;
  }
  return Follow(o, clock, stop, stats, [&]() -> Result<Listing> {
    auto text = HttpGet(media_url, kHttpTimeoutMs);
    if (!text.ok()) return text.status();
    auto pl = ParseHlsMedia(*text, media_url);
    if (!pl.ok()) return pl.status();
    Listing l;
    l.target_s = pl->target_duration_s > 0 ? pl->target_duration_s : 2;
    l.poll_s = std::max(0.2, l.target_s / 2);
    l.ended = pl->ended;
    for (auto& s : pl->segments) l.segments.push_back({s.sequence, s.url, s.init_url, s.duration_s});
    return l;
  });
}

Status RunDashPlay(const PlayOptions& o, const Clock& clock, const std::atomic<bool>* stop, PlayStats* stats) {
  std::string rep_id;
  return Follow(o, clock, stop, stats, [&]() -> Result<Listing> {
    auto text = HttpGet(o.url_text, kHttpTimeoutMs);
    if (!text.ok()) return text.status();
    auto mpd = ParseDashMpd(*text, o.url_text, clock.Now());
    if (!mpd.ok()) return mpd.status();
    int i = -1;
    for (size_t k = 0; k < mpd->video.size() && !rep_id.empty(); ++k)
      if (mpd->video[k].id == rep_id) i = static_cast<int>(k);
    if (i < 0) i = PickDashRepresentation(mpd->video, o.rendition);
    if (i < 0) return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "no representation matches " + o.rendition);
    const DashRepresentation& rep = mpd->video[i];
    rep_id = rep.id;
    Listing l;
    l.ended = !mpd->dynamic;
    double seg = rep.segments.empty() ? 2 : rep.segments.back().duration_s;
    l.target_s = seg;
    l.poll_s = std::clamp(std::min(mpd->min_update_period_s, seg / 2), 0.2, 5.0);
    for (auto& s : rep.segments) l.segments.push_back({s.number, s.url, rep.init_url, s.duration_s});
    return l;
  });
}

}  // namespace ffsb::emu
