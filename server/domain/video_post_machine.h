// The video post state machine of contract §6, as a table of legal edges.
//
//   CREATED -UPLOAD_COMPLETED-> UPLOADED -QUEUED-> QUEUED -PROCESSING_STARTED-> PROCESSING
//     -PROCESSING_SUCCEEDED-> PROCESSED
//   failures: CREATED -UPLOAD_FAILED-> FAILED_UPLOAD, UPLOADED -QUEUE_FAILED-> FAILED_QUEUING,
//             PROCESSING -PROCESSING_FAILED-> FAILED_PROCESSING
//   PROCESSING -REQUEUED-> QUEUED: a job interrupted by a restart is resumed.
//
// A PRE_RECORDED post starts CREATED (its source is uploaded later); a
// LIVE_RECORDED post starts UPLOADED (its source is the broadcast's recording).
// Every refusal is VIDEO_POST_STATE_INVALID. See docs/state-machines.md.
//
// Thread-safety: constants and pure functions only.
#pragma once

#include <array>
#include <string_view>
#include <vector>

#include "server/base/status.h"
#include "server/domain/enums.h"

namespace ffsb::domain {

enum class VideoPostEvent {
  UPLOAD_COMPLETED,
  UPLOAD_FAILED,
  QUEUED,
  QUEUE_FAILED,
  PROCESSING_STARTED,
  PROCESSING_SUCCEEDED,
  PROCESSING_FAILED,
  REQUEUED,
};
std::string_view ToString(VideoPostEvent e);

inline constexpr std::array kAllVideoPostStates = {
    VideoPostState::CREATED,   VideoPostState::UPLOADED,      VideoPostState::QUEUED,
    VideoPostState::PROCESSING, VideoPostState::PROCESSED,    VideoPostState::FAILED_UPLOAD,
    VideoPostState::FAILED_QUEUING, VideoPostState::FAILED_PROCESSING};
inline constexpr std::array kAllVideoPostEvents = {
    VideoPostEvent::UPLOAD_COMPLETED,   VideoPostEvent::UPLOAD_FAILED,        VideoPostEvent::QUEUED,
    VideoPostEvent::QUEUE_FAILED,       VideoPostEvent::PROCESSING_STARTED,   VideoPostEvent::PROCESSING_SUCCEEDED,
    VideoPostEvent::PROCESSING_FAILED,  VideoPostEvent::REQUEUED};

struct VideoPostTransitionRow {
  VideoPostState from;
  VideoPostEvent event;
  VideoPostState to;
};

// Every legal edge.
std::vector<VideoPostTransitionRow> VideoPostTable();

Result<VideoPostState> NextVideoPostState(VideoPostState from, VideoPostEvent event);

// The state a new post of this type is created in: UPLOADED for
// LIVE_RECORDED, CREATED for PRE_RECORDED.
VideoPostState InitialVideoPostState(VideoPostType type);

// PROCESSED or one of the FAILED_* states: no event moves it any more.
bool IsTerminal(VideoPostState s);

}  // namespace ffsb::domain
