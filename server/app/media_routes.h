// HTTP routes of the media plane and the process: HTTP-FLV play (the socket
// is handed to the media loop), CMAF live files, VOD files, /health, /ready.
//
// Threading: handlers run on HTTP worker threads; they only read files or
// hand the socket over.
#pragma once

#include <atomic>
#include <string>

#include "server/http/router.h"

namespace ffsb {
class MediaServer;
}

namespace ffsb::app {

struct MediaRoutesConfig {
  std::string cmaf_dir;  // {data-dir}/cmaf: one directory per playId
  std::string vod_dir;   // {data-dir}/vod: one directory per video post
};

// ready: false until every listener is up and recovery is done.
void RegisterMediaRoutes(http::Router& router, MediaServer& media, const MediaRoutesConfig& config,
                         const std::atomic<bool>& ready);

// "abc" is safe as one path segment of a served file: no "..", no "/", not empty,
// only [A-Za-z0-9._-].
bool IsSafeSegment(const std::string& s);
// Joins a base directory and a relative path of safe segments; "" when unsafe.
std::string SafeJoin(const std::string& base, const std::string& relative);

}  // namespace ffsb::app
