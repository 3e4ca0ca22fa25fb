// The contract's enums (contract.md §1–§8), with their exact wire names.
// ToString() gives the wire name; Parse*() accepts exactly the wire name.
//
// Thread-safety: constants only.
#pragma once

#include <optional>
#include <string_view>

namespace ffsb::domain {

#define FFS_ENUM_DECL(Type, ...)                                  \
  enum class Type { __VA_ARGS__ };                                \
  std::string_view ToString(Type v);                              \
  std::optional<Type> Parse##Type(std::string_view s);

FFS_ENUM_DECL(EntityState, ACTIVE, DELETED)
FFS_ENUM_DECL(OutputMode, RTMP, CMAF, RTMP_CMAF)
FFS_ENUM_DECL(StreamKeyState, INACTIVE, ACTIVE_PREP, ACTIVE, ACTIVE_LIVE, INACTIVE_LIVE, ACTIVE_LIVE_PREP)
FFS_ENUM_DECL(VideoRoomState, SCHEDULED, LIVE, LIVE_INACTIVE, ENDED, ARCHIVED, CANCELLED)
FFS_ENUM_DECL(VodState, NOT_ARCHIVED, ARCHIVING, ARCHIVED, FAILED_ARCHIVING)
FFS_ENUM_DECL(VideoRoomType, BROADCAST_RTMP)
FFS_ENUM_DECL(VideoRoomFormat, UNDEFINED, RTMP, CMAF, RTMP_CMAF)
FFS_ENUM_DECL(AccessLevel, PUBLIC)
FFS_ENUM_DECL(CreatorType, USER, APP, MEMBER)
FFS_ENUM_DECL(VideoPostState, CREATED, UPLOADED, QUEUED, PROCESSING, PROCESSED, FAILED_UPLOAD, FAILED_QUEUING,
              FAILED_PROCESSING)
FFS_ENUM_DECL(VideoPostType, LIVE_RECORDED, PRE_RECORDED)
FFS_ENUM_DECL(ProfileType, VIDEO, THUMBNAIL, PREVIEW, BROADCAST_RTMP)
FFS_ENUM_DECL(ProfileCreatorType, SYSTEM, APP)
FFS_ENUM_DECL(RepresentativeType, DEFAULT, NON_DEFAULT)
FFS_ENUM_DECL(SortBy, CREATED_AT_ASC, CREATED_AT_DESC, LAST_MODIFIED_AT_ASC, LAST_MODIFIED_AT_DESC, APP_USER_ID_ASC,
              APP_USER_ID_DESC)

#undef FFS_ENUM_DECL

// Does an ingest in this mode produce RTMP/HTTP-FLV output? CMAF output?
inline bool HasRtmpOutput(OutputMode m) { return m == OutputMode::RTMP || m == OutputMode::RTMP_CMAF; }
inline bool HasCmafOutput(OutputMode m) { return m == OutputMode::CMAF || m == OutputMode::RTMP_CMAF; }

}  // namespace ffsb::domain
