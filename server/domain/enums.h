// The contract's enums (contract.md §1–§8), with their exact wire names.
// ToString() gives the wire name; Parse*() accepts exactly the wire name.
//
// Thread-safety: constants only.
#pragma once

#include <optional>
#include <string_view>

namespace ffsb::domain {

// The one list of enums and their wire names; enums.cc expands the same list
// into ToString/Parse.
#define FFS_DOMAIN_ENUMS(X)                                                                                   \
  X(EntityState, ACTIVE, DELETED)                                                                             \
  X(OutputMode, RTMP, CMAF, RTMP_CMAF)                                                                        \
  X(StreamKeyState, INACTIVE, ACTIVE_PREP, ACTIVE, ACTIVE_LIVE, INACTIVE_LIVE, ACTIVE_LIVE_PREP)              \
  X(VideoRoomState, SCHEDULED, LIVE, LIVE_INACTIVE, ENDED, ARCHIVED, CANCELLED)                               \
  X(VodState, NOT_ARCHIVED, ARCHIVING, ARCHIVED, FAILED_ARCHIVING)                                            \
  X(VideoRoomType, BROADCAST_RTMP)                                                                            \
  X(VideoRoomFormat, UNDEFINED, RTMP, CMAF, RTMP_CMAF)                                                        \
  X(AccessLevel, PUBLIC)                                                                                      \
  X(CreatorType, USER, APP, MEMBER)                                                                           \
  X(VideoPostState, CREATED, UPLOADED, QUEUED, PROCESSING, PROCESSED, FAILED_UPLOAD, FAILED_QUEUING,          \
    FAILED_PROCESSING)                                                                                        \
  X(VideoPostType, LIVE_RECORDED, PRE_RECORDED)                                                               \
  X(ProfileType, VIDEO, THUMBNAIL, PREVIEW, BROADCAST_RTMP)                                                   \
  X(ProfileCreatorType, SYSTEM, APP)                                                                          \
  X(RepresentativeType, DEFAULT, NON_DEFAULT)                                                                 \
  X(SortBy, CREATED_AT_ASC, CREATED_AT_DESC, LAST_MODIFIED_AT_ASC, LAST_MODIFIED_AT_DESC, APP_USER_ID_ASC,    \
    APP_USER_ID_DESC)

#define FFS_ENUM_DECL(Type, ...)                                  \
  enum class Type { __VA_ARGS__ };                                \
  std::string_view ToString(Type v);                              \
  std::optional<Type> Parse##Type(std::string_view s);

FFS_DOMAIN_ENUMS(FFS_ENUM_DECL)

#undef FFS_ENUM_DECL

// Does an ingest in this mode produce RTMP/HTTP-FLV output? CMAF output?
inline bool HasRtmpOutput(OutputMode m) { return m == OutputMode::RTMP || m == OutputMode::RTMP_CMAF; }
inline bool HasCmafOutput(OutputMode m) { return m == OutputMode::CMAF || m == OutputMode::RTMP_CMAF; }

}  // namespace ffsb::domain
