#include "server/base/error_code.h"

namespace ffsb {
namespace {
struct Row {
  std::string_view name;
  int status;
};
constexpr Row kRows[] = {
#define FFS_X(name, status) {#name, status},
    FFS_ERROR_CODES(FFS_X)
#undef FFS_X
};
}  // namespace

std::string_view ErrorCodeName(ErrorCode code) { return kRows[static_cast<int>(code)].name; }
int ErrorCodeHttpStatus(ErrorCode code) { return kRows[static_cast<int>(code)].status; }

bool ParseErrorCode(std::string_view name, ErrorCode* out) {
  for (size_t i = 0; i < sizeof(kRows) / sizeof(kRows[0]); ++i) {
    if (kRows[i].name == name) {
      *out = static_cast<ErrorCode>(i);
      return true;
    }
  }
  return false;
}

}  // namespace ffsb
