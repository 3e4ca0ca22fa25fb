// Paging of list endpoints (contract §2): query `page` (0-based, default 0),
// `pageSize` (default 20, 1..100) and `sortBy`, answered in the Spring Data
// page shape. Out-of-range or malformed values are 400
// INVALID_REQUEST_PARAMETER.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "server/base/status.h"
#include "server/http/router.h"
#include "server/store/store.h"

namespace ffsb::http::api {

inline constexpr int64_t kDefaultPageSize = 20;
inline constexpr int64_t kMaxPageSize = 100;

struct Paging {
  int64_t page = 0;
  int64_t size = kDefaultPageSize;
  domain::SortBy sort = domain::SortBy::CREATED_AT_DESC;
  store::PageRequest ToRequest() const { return {page * size, size, sort}; }
};

// allow_app_user_id_sort: members accept APP_USER_ID_ASC/DESC, others do not.
Result<Paging> ParsePaging(const Request& req, bool allow_app_user_id_sort = false);

// {"content": content, "pageable": {...}, "totalPages", "totalElements", ...}
nlohmann::json PageJson(nlohmann::json content, const Paging& p, int64_t total);

}  // namespace ffsb::http::api
