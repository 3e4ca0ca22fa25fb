// Static file replies (Response::file_path): decides status and headers from
// the request's conditional and Range headers and opens the file; the
// connection then streams [offset, offset+length) in chunks, so a 1 GB VOD
// file is never read into memory.
//
//  - ETag W/"<size hex>-<mtime ns hex>", Last-Modified; If-None-Match (or,
//    without it, If-Modified-Since) -> 304.
//  - Range: one "bytes=" range (a-b, a-, -n) -> 206 + Content-Range;
//    unsatisfiable -> 416 + "Content-Range: bytes */size"; several ranges or
//    a malformed header -> the whole file (RFC 9110 allows ignoring Range).
//    If-Range with a different ETag/date -> the whole file.
//  - a missing or unreadable file -> 404 API_NOT_FOUND.
//
// Thread-safety: stateless functions; a FileReply is owned by one connection.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/http/router.h"

namespace ffsb::http {

struct FileReply {
  int status = 200;
  std::string content_type;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // error and 416 bodies (when fd < 0)
  int fd = -1;       // owned; >= 0 when file bytes follow the head
  uint64_t offset = 0;
  uint64_t length = 0;  // Content-Length of the reply

  FileReply() = default;
  FileReply(FileReply&& o) noexcept;
  FileReply& operator=(FileReply&& o) noexcept;
  FileReply(const FileReply&) = delete;
  FileReply& operator=(const FileReply&) = delete;
  ~FileReply();
};

// REQUIRES: resp.file_path. The handler's extra headers are kept; its
// content_type is used unless it is empty or the default application/json
// (then the extension decides).
FileReply PrepareFileReply(const Request& req, const Response& resp);

// root + "/" + relative, or nullopt when `relative` (an untrusted, decoded
// path such as params["*"]) has a ".." segment, a NUL or is absolute.
std::optional<std::string> SafeJoin(std::string_view root, std::string_view relative);

}  // namespace ffsb::http
