#include "server/domain/enums.h"

#include <array>
#include <string>

namespace ffsb::domain {
namespace {
// Splits the stringified enumerator list once, at static-init time.
template <size_t N>
std::array<std::string_view, N> SplitNames(std::string_view list) {
  std::array<std::string_view, N> out{};
  size_t i = 0;
  while (!list.empty() && i < N) {
    size_t comma = list.find(',');
    std::string_view tok = list.substr(0, comma);
    while (!tok.empty() && (tok.front() == ' ' || tok.front() == '\n')) tok.remove_prefix(1);
    while (!tok.empty() && (tok.back() == ' ' || tok.back() == '\n')) tok.remove_suffix(1);
    out[i++] = tok;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}
template <typename... T>
constexpr size_t Count(T...) { return sizeof...(T); }
}  // namespace

#define FFS_ENUM_DEF(Type, ...)                                                          \
  namespace {                                                                            \
  enum class Type##Counter { __VA_ARGS__ };                                              \
  const auto& Type##Names() {                                                            \
    static const auto names = [] {                                                       \
      using enum Type##Counter;                                                          \
      return SplitNames<Count(__VA_ARGS__)>(#__VA_ARGS__);                               \
    }();                                                                                 \
    return names;                                                                        \
  }                                                                                      \
  }                                                                                      \
  std::string_view ToString(Type v) { return Type##Names()[static_cast<size_t>(v)]; }   \
  std::optional<Type> Parse##Type(std::string_view s) {                                  \
    const auto& n = Type##Names();                                                       \
    for (size_t i = 0; i < n.size(); ++i)                                                \
      if (n[i] == s) return static_cast<Type>(i);                                        \
    return std::nullopt;                                                                 \
  }

FFS_ENUM_DEF(EntityState, ACTIVE, DELETED)
FFS_ENUM_DEF(OutputMode, RTMP, CMAF, RTMP_CMAF)
FFS_ENUM_DEF(StreamKeyState, INACTIVE, ACTIVE_PREP, ACTIVE, ACTIVE_LIVE, INACTIVE_LIVE, ACTIVE_LIVE_PREP)
FFS_ENUM_DEF(VideoRoomState, SCHEDULED, LIVE, LIVE_INACTIVE, ENDED, ARCHIVED, CANCELLED)
FFS_ENUM_DEF(VodState, NOT_ARCHIVED, ARCHIVING, ARCHIVED, FAILED_ARCHIVING)
FFS_ENUM_DEF(VideoRoomType, BROADCAST_RTMP)
FFS_ENUM_DEF(VideoRoomFormat, UNDEFINED, RTMP, CMAF, RTMP_CMAF)
FFS_ENUM_DEF(AccessLevel, PUBLIC)
FFS_ENUM_DEF(CreatorType, USER, APP, MEMBER)
FFS_ENUM_DEF(VideoPostState, CREATED, UPLOADED, QUEUED, PROCESSING, PROCESSED, FAILED_UPLOAD, FAILED_QUEUING,
             FAILED_PROCESSING)
FFS_ENUM_DEF(VideoPostType, LIVE_RECORDED, PRE_RECORDED)
FFS_ENUM_DEF(ProfileType, VIDEO, THUMBNAIL, PREVIEW, BROADCAST_RTMP)
FFS_ENUM_DEF(ProfileCreatorType, SYSTEM, APP)
FFS_ENUM_DEF(RepresentativeType, DEFAULT, NON_DEFAULT)
FFS_ENUM_DEF(SortBy, CREATED_AT_ASC, CREATED_AT_DESC, LAST_MODIFIED_AT_ASC, LAST_MODIFIED_AT_DESC, APP_USER_ID_ASC,
             APP_USER_ID_DESC)

}  // namespace ffsb::domain
