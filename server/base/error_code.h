// The one table of error codes. Every failure that can reach an API client is
// one of these; the HTTP layer maps a code to its status and JSON body in one
// place (http/error_response.cc). Names are the contract's `errorCode`s
// (contract.md §2, §3, §5) and must never be renamed.
//
// Thread-safety: constants only.
#pragma once

#include <string_view>

namespace ffsb {

#define FFS_ERROR_CODES(X)                                              \
  X(OK, 200)                                                            \
  /* contract §2: common */                                             \
  X(UNSUPPORTED_HTTP_METHOD, 400)                                       \
  X(INVALID_HTTP_MESSAGE_BODY, 400)                                     \
  X(EMPTY_APP_CREDENTIALS, 401)                                         \
  X(INVALID_APP_CREDENTIALS, 401)                                       \
  X(INTERNAL_SERVER_ERROR, 500)                                         \
  X(MEMBER_NOT_FOUND, 404)                                              \
  X(STREAM_KEY_NOT_FOUND, 404)                                          \
  X(VIDEO_ROOM_NOT_FOUND, 404)                                          \
  X(VIDEO_POST_NOT_FOUND, 404)                                          \
  X(TRANSCODING_PROFILE_NOT_FOUND, 404)                                 \
  X(REQUEST_LOCKED, 400)                                                \
  X(MEDIA_SERVICE_INTERNAL_SERVER_ERROR, 500)                           \
  /* contract §3: member validation */                                  \
  X(EMPTY_APP_USER_ID, 400)                                             \
  X(INVALID_APP_USER_ID_FORMAT, 400)                                    \
  X(CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED, 400)                         \
  X(CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED, 400)                   \
  X(CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED, 400)               \
  X(CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED, 400)              \
  /* contract §5: rooms and broadcast controls */                       \
  X(VIDEO_ROOM_TYPE_NOT_BROADCAST_RTMP, 400)                            \
  X(VIDEO_ROOM_STATE_NOT_SCHEDULED, 400)                                \
  X(STREAM_KEY_STATE_NOT_ACTIVE, 400)                                   \
  X(VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE, 400)                            \
  X(STREAM_KEY_STATE_NOT_INACTIVE_LIVE, 400)                            \
  X(EMPTY_VIDEO_ROOM_TYPE, 400)                                         \
  X(EMPTY_VIDEO_ROOM_SCHEDULED_AT, 400)                                 \
  /* Decided (not named by the contract): our own, documented in */     \
  /* docs/api-errors.md                                          */     \
  X(API_NOT_FOUND, 404)                                                 \
  X(REQUEST_BODY_TOO_LARGE, 413)                                        \
  X(INVALID_REQUEST_PARAMETER, 400)                                     \
  X(EMPTY_ACCESS_TOKEN, 401)                                            \
  X(INVALID_ACCESS_TOKEN, 401)                                          \
  X(EXPIRED_ACCESS_TOKEN, 401)                                          \
  X(TRANSCODING_PROFILE_TYPE_NOT_BROADCAST_RTMP, 400)                   \
  X(VIDEO_POST_STATE_INVALID, 400)                                      \
  X(VIDEO_POST_TYPE_NOT_PRE_RECORDED, 400)                              \
  X(VIDEO_ROOM_STATE_NOT_DELETABLE, 400)                                \
  X(STREAM_KEY_IN_USE, 400)                                             \
  X(SERVICE_UNAVAILABLE, 503)

enum class ErrorCode {
#define FFS_X(name, status) name,
  FFS_ERROR_CODES(FFS_X)
#undef FFS_X
};

// The contract name of a code, e.g. "MEMBER_NOT_FOUND".
std::string_view ErrorCodeName(ErrorCode code);
// The HTTP status the API answers with for a code.
int ErrorCodeHttpStatus(ErrorCode code);
// Parses a name back; returns false when unknown.
bool ParseErrorCode(std::string_view name, ErrorCode* out);

}  // namespace ffsb
