#include "server/vod/archiver.h"

#include <memory>

#include "server/base/log.h"
#include "server/vod/archive_profile.h"
#include "server/vod/flv_file.h"
#include "server/vod/media_writer.h"
#include "server/vod/part_input.h"
#include "server/vod/recording_manifest.h"

namespace ffsb::vod {
namespace {

constexpr AVRational kMicros = {1, 1000000};

Status Fail(const std::string& message) {
  return Status(ErrorCode::MEDIA_SERVICE_INTERNAL_SERVER_ERROR, message);
}
Status DiskFail(const Status& s) {
  if (s.message().rfind("disk write failed", 0) == 0) return s;
  return Status(ErrorCode::INTERNAL_SERVER_ERROR, "disk write failed: " + s.message());
}

struct PlayablePart {
  std::string path;
  FlvScan scan;
};

// Lists the parts and keeps those with at least one complete media tag.
Result<std::vector<PlayablePart>> FindParts(FileSystem* fs, const std::string& dir,
                                            int* skipped, const Logger& log) {
  auto manifest = LoadManifest(fs, dir);
  if (!manifest.ok()) return Fail("no parts: cannot read " + dir + " (" + manifest.status().message() + ")");
  if (manifest->parts.empty()) return Fail("no parts: " + dir + " holds no part files");
  std::vector<PlayablePart> parts;
  for (const auto& part : manifest->parts) {
    std::string path = JoinPath(dir, part.file);
    auto scan = ScanFlvFile(fs, path);
    if (!scan.ok() || !scan->header_ok || scan->media_tags() == 0) {
      log.Warn("skipping part path=" + path + " reason=" +
               (!scan.ok() ? scan.status().message() : !scan->header_ok ? "not FLV" : "no media"));
      ++*skipped;
      continue;
    }
    if (scan->torn_tail()) {
      log.Info("part has a torn tail, using the complete tags path=" + path + " valid=" +
               std::to_string(scan->valid_end) + "/" + std::to_string(scan->file_size));
    }
    parts.push_back(PlayablePart{path, *scan});
  }
  if (parts.empty()) {
    return Fail("no playable media: all " + std::to_string(manifest->parts.size()) +
                " parts of " + dir + " are empty or corrupt");
  }
  return parts;
}

Result<ArchiveFile> Describe(FileSystem* fs, const std::string& tmp, const std::string& out_dir,
                             const char* format, const char* rel, const char* size_of,
                             const char* content_type) {
  auto size = fs->TotalSize(JoinPath(tmp, size_of));
  if (!size.ok()) return DiskFail(size.status());
  return ArchiveFile{format, JoinPath(out_dir, rel), rel, content_type, *size};
}

}  // namespace

const ArchiveFile* ArchiveOutputs::Find(const std::string& format) const {
  for (const auto& f : files) {
    if (f.format == format) return &f;
  }
  return nullptr;
}

namespace {

constexpr char kPartsDiffer[] = "parts differ in codec parameters";

Result<ArchiveOutputs> RunArchive(const ArchiveRequest& req, const ArchiveProfile* profile,
                                  const ArchiveProgress& progress,
                                  const std::atomic<bool>* cancel, FileSystem* fs,
                                  const Logger& log) {
  ArchiveOutputs out;
  auto parts = FindParts(fs, req.recording_dir, &out.parts_skipped, log);
  if (!parts.ok()) return parts.status();

  std::string tmp = req.out_dir + ".partial";
  Status s = fs->RemoveAll(tmp);
  if (s.ok()) s = fs->CreateDirs(tmp);
  if (!s.ok()) return DiskFail(s);

  uint64_t total_bytes = 0, done_bytes = 0;
  for (const auto& p : *parts) total_bytes += p.scan.valid_end;
  std::unique_ptr<MediaWriter> writer;
  PacketPtr pkt = MakePacket();
  int64_t packets = 0;
  for (const auto& part : *parts) {
    auto input = PartInput::Open(fs, part.path, part.scan.valid_end);
    if (!input.ok()) {
      log.Warn("skipping part path=" + part.path + " reason=" + input.status().message());
      out.parts_skipped++;
      done_bytes += part.scan.valid_end;
      continue;
    }
    PartInput& in = **input;
    if (!writer) {
      auto w = MediaWriter::Open(fs, tmp, *profile, in);
      if (!w.ok()) {
        fs->RemoveAll(tmp);
        return w.status();
      }
      writer = std::move(*w);
    }
    s = writer->BeginPart(in);
    int rc = 0;
    while (s.ok() && (rc = in.Read(pkt.get())) >= 0) {
      AVStream* st = in.stream(pkt->stream_index);
      int kind = pkt->stream_index == in.video_index() ? 0
                 : pkt->stream_index == in.audio_index() ? 1 : -1;
      if (kind >= 0 && pkt->dts != AV_NOPTS_VALUE) {
        if (pkt->pts == AV_NOPTS_VALUE) pkt->pts = pkt->dts;
        av_packet_rescale_ts(pkt.get(), st->time_base, kMicros);
        s = writer->Write(kind, pkt.get());
      }
      av_packet_unref(pkt.get());
      if (++packets % 256 == 0) {
        if (cancel != nullptr && cancel->load()) s = Fail("cancelled");
        if (progress && total_bytes > 0) {
          progress(0.99 * double(done_bytes + in.position()) / double(total_bytes));
        }
      }
    }
    if (s.ok() && rc != AVERROR_EOF) {
      log.Warn("part ended early path=" + part.path + " reason=" + AvError(rc));
    }
    if (s.ok()) s = writer->EndPart();
    if (!s.ok()) {
      writer.reset();
      fs->RemoveAll(tmp);
      return s;
    }
    out.parts_used++;
    done_bytes += part.scan.valid_end;
  }
  if (!writer || out.parts_used == 0) {
    fs->RemoveAll(tmp);
    return Fail("no playable media: no part of " + req.recording_dir + " could be read");
  }
  s = writer->Finish();
  if (!s.ok()) {
    writer.reset();
    fs->RemoveAll(tmp);
    return s;
  }
  out.duration_seconds = writer->duration_us() / 1e6;
  out.width = writer->width();
  out.height = writer->height();
  out.reencoded = profile->reencode();
  const bool has_thumbnail = writer->has_thumbnail();
  writer.reset();

  struct Spec { bool on; const char* format; const char* rel; const char* size_of; const char* type; };
  const Spec specs[] = {
      {profile->mp4, "MP4", "video.mp4", "video.mp4", "video/mp4"},
      {profile->hls, "CMAF_HLS", "hls/master.m3u8", "hls", "application/vnd.apple.mpegurl"},
      {profile->dash, "CMAF_MPEG_DASH", "dash/manifest.mpd", "dash", "application/dash+xml"},
      {has_thumbnail, "THUMBNAIL", "thumbnail.jpg", "thumbnail.jpg", "image/jpeg"},
  };
  for (const auto& spec : specs) {
    if (!spec.on) continue;
    auto file = Describe(fs, tmp, req.out_dir, spec.format, spec.rel, spec.size_of, spec.type);
    if (!file.ok()) {
      fs->RemoveAll(tmp);
      return file.status();
    }
    out.files.push_back(*file);
  }
  s = fs->RemoveAll(req.out_dir);
  if (s.ok()) s = fs->Rename(tmp, req.out_dir);
  if (s.ok()) s = fs->SyncDir(ParentDir(req.out_dir));
  if (!s.ok()) {
    fs->RemoveAll(tmp);
    return DiskFail(s);
  }
  if (progress) progress(1.0);
  log.Info("archived dir=" + req.recording_dir + " out=" + req.out_dir +
           " duration_s=" + std::to_string(out.duration_seconds) +
           " parts=" + std::to_string(out.parts_used) +
           " skipped=" + std::to_string(out.parts_skipped));
  return out;
}

}  // namespace

Result<ArchiveOutputs> Archive(const ArchiveRequest& request, const ArchiveProgress& progress,
                               const std::atomic<bool>* cancel, FileSystem* fs) {
  if (fs == nullptr) fs = DefaultFileSystem();
  Logger log("vod.archiver");
  auto profile = ParseArchiveProfile(request.video_profile_json, request.thumbnail_profile_json);
  if (!profile.ok()) return profile.status();
  ArchiveRequest req = request;
  while (req.out_dir.size() > 1 && req.out_dir.back() == '/') req.out_dir.pop_back();
  if (req.out_dir.empty() || req.out_dir == "/") {
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "invalid out_dir");
  }
  auto out = RunArchive(req, &*profile, progress, cancel, fs, log);
  if (!out.ok() && !profile->reencode() &&
      out.status().message().find(kPartsDiffer) != std::string::npos) {
    // Decided: a publisher that changed codec settings between parts cannot be
    // stream-copied into one file; re-encode at the first part's size instead.
    log.Info("parts differ, re-encoding dir=" + req.recording_dir);
    profile->video_copy = profile->audio_copy = false;
    out = RunArchive(req, &*profile, progress, cancel, fs, log);
  }
  return out;
}

}  // namespace ffsb::vod
