// Field validation for members and rooms (contract §3). Sizes count
// characters, i.e. UTF-8 code points, not bytes. Any byte is accepted in
// names and values (NUL, quotes, Korean): only sizes are limited.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "server/base/status.h"
#include "server/domain/entities.h"

namespace ffsb::domain {

inline constexpr size_t kMaxCustomTypeChars = 50;
inline constexpr size_t kMaxCustomDataItems = 10;
inline constexpr size_t kMaxCustomDataNameChars = 50;
inline constexpr size_t kMaxCustomDataValueChars = 50;

// Code points in a UTF-8 string (bytes that do not continue a sequence; a
// malformed sequence counts each of its lead bytes).
size_t Utf8Length(std::string_view s);

// EMPTY_APP_USER_ID; INVALID_APP_USER_ID_FORMAT unless ASCII letters and digits only.
Status ValidateAppUserId(std::string_view app_user_id);
// CUSTOM_TYPE_SIZE_UPPER_LIMIT_EXCEEDED when over 50 characters.
Status ValidateCustomType(const std::optional<std::string>& custom_type);
// CUSTOM_DATA_ITEM_COUNT_UPPER_LIMIT_EXCEEDED over 10 items;
// CUSTOM_DATA_ITEM_NAME_SIZE_UPPER_LIMIT_EXCEEDED / ..._VALUE_SIZE_... over 50 characters.
Status ValidateCustomData(const std::optional<CustomData>& custom_data);

}  // namespace ffsb::domain
