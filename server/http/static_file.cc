#include "server/http/static_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>

#include "server/http/content_type.h"
#include "server/http/http_date.h"

namespace ffsb::http {

FileReply::FileReply(FileReply&& o) noexcept { *this = std::move(o); }

FileReply& FileReply::operator=(FileReply&& o) noexcept {
  if (this != &o) {
    if (fd >= 0) ::close(fd);
    status = o.status;
    content_type = std::move(o.content_type);
    headers = std::move(o.headers);
    body = std::move(o.body);
    fd = std::exchange(o.fd, -1);
    offset = o.offset;
    length = o.length;
  }
  return *this;
}

FileReply::~FileReply() {
  if (fd >= 0) ::close(fd);
}

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseU64(std::string_view s, uint64_t* out) {
  if (s.empty()) return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Whether an If-None-Match list names the ETag (weak comparison).
bool EtagListMatches(std::string_view list, const std::string& etag) {
  std::string_view strong = std::string_view(etag).substr(2);  // without W/
  size_t pos = 0;
  while (pos < list.size()) {
    size_t comma = list.find(',', pos);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view tag = Trim(list.substr(pos, comma - pos));
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == strong) return true;
    pos = comma + 1;
  }
  return false;
}

enum class RangeResult { kNone, kOk, kUnsatisfiable };

// RFC 9110 §14.1.2, one range only.
RangeResult ParseRange(std::string_view h, uint64_t size, uint64_t* first, uint64_t* last) {
  h = Trim(h);
  if (h.substr(0, 6) != "bytes=") return RangeResult::kNone;
  std::string_view spec = Trim(h.substr(6));
  if (spec.find(',') != std::string_view::npos) return RangeResult::kNone;
  size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return RangeResult::kNone;
  std::string_view a = Trim(spec.substr(0, dash)), b = Trim(spec.substr(dash + 1));
  if (a.empty()) {  // suffix: last n bytes
    uint64_t n;
    if (!ParseU64(b, &n)) return RangeResult::kNone;
    if (n == 0 || size == 0) return RangeResult::kUnsatisfiable;
    *first = n >= size ? 0 : size - n;
    *last = size - 1;
    return RangeResult::kOk;
  }
  uint64_t f, l = UINT64_MAX;
  if (!ParseU64(a, &f)) return RangeResult::kNone;
  if (!b.empty() && (!ParseU64(b, &l) || l < f)) return RangeResult::kNone;
  if (f >= size) return RangeResult::kUnsatisfiable;
  *first = f;
  *last = l >= size ? size - 1 : l;
  return RangeResult::kOk;
}

FileReply NotFound() {
  FileReply r;
  Response e = Error(ErrorCode::API_NOT_FOUND, "File not found");
  r.status = e.status;
  r.content_type = e.content_type;
  r.body = std::move(e.body);
  r.length = r.body.size();
  return r;
}

}  // namespace

FileReply PrepareFileReply(const Request& req, const Response& resp) {
  int fd = ::open(resp.file_path->c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return NotFound();
  struct stat st{};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return NotFound();
  }
  FileReply r;
  r.fd = fd;
  r.headers = resp.headers;
  r.content_type = (resp.content_type.empty() || resp.content_type == "application/json")
                       ? std::string(ContentTypeForPath(*resp.file_path))
                       : resp.content_type;
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const int64_t mtime_ns = int64_t(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  char etag_buf[64];
  std::snprintf(etag_buf, sizeof(etag_buf), "W/\"%llx-%llx\"", (unsigned long long)size,
                (unsigned long long)mtime_ns);
  const std::string etag = etag_buf;
  const std::string last_modified = FormatHttpDate(st.st_mtim.tv_sec);
  r.headers.emplace_back("ETag", etag);
  r.headers.emplace_back("Last-Modified", last_modified);
  r.headers.emplace_back("Accept-Ranges", "bytes");

  bool not_modified = false;
  if (const std::string* inm = req.Header("If-None-Match")) {
    not_modified = EtagListMatches(*inm, etag);
  } else if (const std::string* ims = req.Header("If-Modified-Since")) {
    auto t = ParseHttpDate(*ims);
    not_modified = t && st.st_mtim.tv_sec <= *t;
  }
  if (not_modified && (req.method == "GET" || req.method == "HEAD")) {
    r.status = 304;
    r.length = 0;
    ::close(std::exchange(r.fd, -1));
    return r;
  }

  r.offset = 0;
  r.length = size;
  const std::string* range = req.Header("Range");
  if (range && (req.method == "GET" || req.method == "HEAD")) {
    bool honour = true;
    if (const std::string* if_range = req.Header("If-Range")) {
      // Lenient: our tags are weak, but players resuming with the tag they
      // were given should still get their range.
      std::string_view v = Trim(*if_range);
      honour = v == etag || v == last_modified;
    }
    uint64_t first = 0, last = 0;
    RangeResult rr = honour ? ParseRange(*range, size, &first, &last) : RangeResult::kNone;
    if (rr == RangeResult::kUnsatisfiable) {
      ::close(std::exchange(r.fd, -1));
      r.status = 416;
      r.headers.emplace_back("Content-Range", "bytes */" + std::to_string(size));
      r.length = 0;
      return r;
    }
    if (rr == RangeResult::kOk) {
      r.status = 206;
      r.offset = first;
      r.length = last - first + 1;
      r.headers.emplace_back("Content-Range", "bytes " + std::to_string(first) + "-" +
                                                  std::to_string(last) + "/" +
                                                  std::to_string(size));
    }
  }
  return r;
}

std::optional<std::string> SafeJoin(std::string_view root, std::string_view relative) {
  if (relative.empty() || relative.front() == '/') return std::nullopt;
  if (relative.find('\0') != std::string_view::npos) return std::nullopt;
  size_t pos = 0;
  while (pos <= relative.size()) {
    size_t slash = relative.find('/', pos);
    if (slash == std::string_view::npos) slash = relative.size();
    if (relative.substr(pos, slash - pos) == "..") return std::nullopt;
    pos = slash + 1;
  }
  std::string out(root);
  if (out.empty() || out.back() != '/') out += '/';
  out += relative;
  return out;
}

}  // namespace ffsb::http
