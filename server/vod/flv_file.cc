#include "server/vod/flv_file.h"

#include <cstring>

namespace ffsb::vod {
namespace {

uint32_t Be24(const uint8_t* p) { return (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2]; }
uint32_t Be32(const uint8_t* p) { return (uint32_t{p[0]} << 24) | Be24(p + 1); }
void PutBe24(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v >> 16));
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}
void PutBe32(std::string* out, uint32_t v) {
  out->push_back(static_cast<char>(v >> 24));
  PutBe24(out, v);
}

bool HeaderOk(const uint8_t* p, size_t size) {
  return size >= kFlvHeaderSize + 4 && p[0] == 'F' && p[1] == 'L' && p[2] == 'V' &&
         Be32(p + 5) >= kFlvHeaderSize;
}

// Parses an 11-byte tag header; false when it cannot be a tag we wrote.
bool ParseTagHeader(const uint8_t* h, uint8_t* type, uint32_t* size, uint32_t* ts) {
  *type = h[0] & 0x1F;
  if (*type != kFlvTagAudio && *type != kFlvTagVideo && *type != kFlvTagScript) return false;
  *size = Be24(h + 1);
  *ts = Be24(h + 4) | (uint32_t{h[7]} << 24);
  return true;
}

}  // namespace

std::string FlvFileHeader(bool has_audio, bool has_video) {
  std::string out = "FLV";
  out.push_back(1);
  out.push_back(static_cast<char>((has_audio ? 4 : 0) | (has_video ? 1 : 0)));
  PutBe32(&out, kFlvHeaderSize);
  PutBe32(&out, 0);  // PreviousTagSize0
  return out;
}

void AppendFlvTag(std::string* out, uint8_t type, uint32_t timestamp_ms, const uint8_t* body,
                  size_t size) {
  out->push_back(static_cast<char>(type));
  PutBe24(out, static_cast<uint32_t>(size));
  PutBe24(out, timestamp_ms & 0xFFFFFF);
  out->push_back(static_cast<char>(timestamp_ms >> 24));
  PutBe24(out, 0);  // StreamID
  out->append(reinterpret_cast<const char*>(body), size);
  PutBe32(out, static_cast<uint32_t>(kFlvTagHeaderSize + size));
}

bool IsVideoKeyframe(const uint8_t* body, size_t size) {
  return size >= 1 && (body[0] >> 4) == 1;
}
bool IsAvcSequenceHeader(const uint8_t* body, size_t size) {
  return size >= 2 && (body[0] & 0x0F) == 7 && body[1] == 0;
}
bool IsAacSequenceHeader(const uint8_t* body, size_t size) {
  return size >= 2 && (body[0] >> 4) == 10 && body[1] == 0;
}

FlvTagReader::FlvTagReader(const uint8_t* data, size_t size) : data_(data), size_(size) {
  header_ok_ = HeaderOk(data, size);
  if (header_ok_) pos_ = Be32(data + 5) + 4;
}

bool FlvTagReader::Next(FlvTag* tag) {
  if (!header_ok_ || pos_ + kFlvTagHeaderSize > size_) return false;
  const uint8_t* h = data_ + pos_;
  uint8_t type;
  uint32_t size, ts;
  if (!ParseTagHeader(h, &type, &size, &ts)) return false;
  size_t end = pos_ + kFlvTagHeaderSize + size + 4;
  if (end > size_) return false;  // torn tail
  if (Be32(data_ + end - 4) != kFlvTagHeaderSize + size) return false;  // corrupt
  tag->type = type;
  tag->timestamp_ms = ts;
  tag->body = h + kFlvTagHeaderSize;
  tag->size = size;
  pos_ = end;
  return true;
}

Result<FlvScan> ScanFlvFile(FileSystem* fs, const std::string& path) {
  auto file = fs->NewReadableFile(path);
  if (!file.ok()) return file.status();
  FlvScan scan;
  auto size = (*file)->Size();
  if (!size.ok()) return size.status();
  scan.file_size = *size;
  uint8_t head[kFlvHeaderSize + 4];
  auto n = (*file)->ReadAt(0, head, sizeof head);
  if (!n.ok()) return n.status();
  if (!HeaderOk(head, *n)) return scan;
  scan.header_ok = true;
  uint64_t pos = Be32(head + 5) + 4;
  scan.valid_end = pos;
  bool first = true;
  for (;;) {
    uint8_t h[kFlvTagHeaderSize];
    auto got = (*file)->ReadAt(pos, h, sizeof h);
    if (!got.ok()) return got.status();
    if (*got < sizeof h) break;
    uint8_t type;
    uint32_t body_size, ts;
    if (!ParseTagHeader(h, &type, &body_size, &ts)) break;
    uint64_t end = pos + kFlvTagHeaderSize + body_size + 4;
    if (end > scan.file_size) break;
    uint8_t prev[4];
    auto p = (*file)->ReadAt(end - 4, prev, 4);
    if (!p.ok()) return p.status();
    if (*p < 4 || Be32(prev) != kFlvTagHeaderSize + body_size) break;
    if (type != kFlvTagScript) {
      (type == kFlvTagAudio ? scan.audio_tags : scan.video_tags)++;
      if (first) scan.first_ms = ts;
      first = false;
      scan.last_ms = ts;
    }
    pos = end;
    scan.valid_end = pos;
  }
  return scan;
}

}  // namespace ffsb::vod
