// The sinks every accepted publish gets (MediaServer::SetSinkFactory):
//  - a KeyTap, always: remembers the ingest's sequence headers and forwards
//    every tag to the recording of the room live with this key, if any
//    (Recordings decides; nothing is recorded before go-live);
//  - a CmafSink when the mode includes CMAF: the live ladder writing
//    {cmaf_dir}/{playId}/, which reports "viewable" and errors back through
//    the IngestBridge (checked against the ingest's serial, so a late signal
//    from an ended ingest never touches the next one).
//
// Threading: the factory and the sinks run on the media loop.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "server/app/ingest_bridge.h"
#include "server/app/serial_worker.h"
#include "server/base/clock.h"
#include "server/media/media_sink.h"

namespace ffsb::app {

class Recordings;

struct StreamSinksConfig {
  std::string cmaf_dir;
  std::string cmaf_preset = "veryfast";
};

class StreamSinks {
 public:
  StreamSinks(StreamSinksConfig config, IngestBridge& bridge, Recordings& recordings, SerialWorker& worker,
              const Clock& clock);
  // The MediaServer::SinkFactory.
  std::vector<std::shared_ptr<MediaSink>> Make(const PublishGrant& grant);

 private:
  StreamSinksConfig config_;
  IngestBridge& bridge_;
  Recordings& recordings_;
  SerialWorker& worker_;
  const Clock& clock_;
};

}  // namespace ffsb::app
