#include "server/domain/video_post_machine.h"

#include "server/domain/transition_table.h"

#include <string>

namespace ffsb::domain {
namespace {

using S = VideoPostState;
using E = VideoPostEvent;

constexpr VideoPostTransitionRow kRows[] = {
    {S::CREATED, E::UPLOAD_COMPLETED, S::UPLOADED},
    {S::CREATED, E::UPLOAD_FAILED, S::FAILED_UPLOAD},
    {S::UPLOADED, E::QUEUED, S::QUEUED},
    {S::UPLOADED, E::QUEUE_FAILED, S::FAILED_QUEUING},
    {S::QUEUED, E::PROCESSING_STARTED, S::PROCESSING},
    {S::PROCESSING, E::PROCESSING_SUCCEEDED, S::PROCESSED},
    {S::PROCESSING, E::PROCESSING_FAILED, S::FAILED_PROCESSING},
    {S::PROCESSING, E::REQUEUED, S::QUEUED},
};

}  // namespace

std::string_view ToString(VideoPostEvent e) {
  switch (e) {
    case E::UPLOAD_COMPLETED: return "UPLOAD_COMPLETED";
    case E::UPLOAD_FAILED: return "UPLOAD_FAILED";
    case E::QUEUED: return "QUEUED";
    case E::QUEUE_FAILED: return "QUEUE_FAILED";
    case E::PROCESSING_STARTED: return "PROCESSING_STARTED";
    case E::PROCESSING_SUCCEEDED: return "PROCESSING_SUCCEEDED";
    case E::PROCESSING_FAILED: return "PROCESSING_FAILED";
    case E::REQUEUED: return "REQUEUED";
  }
  return "?";
}

std::vector<VideoPostTransitionRow> VideoPostTable() { return {std::begin(kRows), std::end(kRows)}; }

Result<VideoPostState> NextVideoPostState(VideoPostState from, VideoPostEvent event) {
  return LookupTransition(kRows, from, event, ErrorCode::VIDEO_POST_STATE_INVALID, "video post");
}

VideoPostState InitialVideoPostState(VideoPostType type) {
  return type == VideoPostType::LIVE_RECORDED ? S::UPLOADED : S::CREATED;
}

bool IsTerminal(VideoPostState s) {
  return s == S::PROCESSED || s == S::FAILED_UPLOAD || s == S::FAILED_QUEUING || s == S::FAILED_PROCESSING;
}

}  // namespace ffsb::domain
