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

FFS_DOMAIN_ENUMS(FFS_ENUM_DEF)

#undef FFS_ENUM_DEF

}  // namespace ffsb::domain
