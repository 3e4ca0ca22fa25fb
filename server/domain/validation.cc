#include "server/domain/validation.h"

namespace ffsb::domain {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

Status ValidateAppUserId(std::string_view app_user_id) {
  if (app_user_id.empty()) return Status(ErrorCode::EMPTY_APP_USER_ID, "appUserId is empty");
  for (char c : app_user_id) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum)
      return Status(ErrorCode::INVALID_APP_USER_ID_FORMAT, "appUserId may hold only ASCII letters and digits");
  }
  return Status::Ok();
}

Status ValidateCustomType(const std::optional<std::string>& custom_type) {
  if (custom_type && Utf8Length(*custom_type) > kMaxCustomTypeChars)
    return Status(ErrorCode::CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED, "customType is longer than 50 characters");
  return Status::Ok();
}

Status ValidateCustomData(const std::optional<CustomData>& custom_data) {
  if (!custom_data) return Status::Ok();
  if (custom_data->size() > kMaxCustomDataItems)
    return Status(ErrorCode::CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED, "customData has more than 10 items");
  for (const auto& [name, value] : *custom_data) {
    if (Utf8Length(name) > kMaxCustomDataNameChars)
      return Status(ErrorCode::CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED,
                    "a customData name is longer than 50 characters");
    if (Utf8Length(value) > kMaxCustomDataValueChars)
      return Status(ErrorCode::CUSTOM_DATA_ITEM_VALUE_SIZE_UPPER_LIMIT_EXCEEDED,
                    "a customData value is longer than 50 characters");
  }
  return Status::Ok();
}

}  // namespace ffsb::domain
