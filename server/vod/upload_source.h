// UploadSource: turns an uploaded video file (an MP4, MOV, MKV or FLV with
// H.264 and/or AAC, contract §6 PRE_RECORDED posts) into a one-part
// recording directory (recording_manifest.h), so the archiver treats an
// upload exactly like a broadcast's recording. Remux only: other codecs are
// refused with "unsupported codec: ...".
//
// Errors (MEDIA_SERVICE_INTERNAL_SERVER_ERROR): "unreadable upload: ...",
// "unsupported codec: ...", "disk write failed: ...".
//
// Thread-safety: reentrant; concurrent calls must use different dirs.
#pragma once

#include <string>

#include "server/base/status.h"

namespace ffsb::vod {

// Writes recording_dir/part-0001.flv and a finished recording.json
// (recording_dir is replaced).
Status MakeRecordingFromUpload(const std::string& upload_path, const std::string& recording_dir);

}  // namespace ffsb::vod
