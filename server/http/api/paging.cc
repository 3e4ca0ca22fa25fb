#include "server/http/api/paging.h"

#include <cstdlib>

namespace ffsb::http::api {
namespace {

Result<int64_t> IntParam(const Request& req, const char* name, int64_t def, int64_t lo, int64_t hi) {
  auto v = req.Query(name);
  if (!v) return def;
  bool digits = !v->empty() && v->size() <= 9 && v->find_first_not_of("0123456789") == std::string::npos;
  int64_t n = digits ? std::strtoll(v->c_str(), nullptr, 10) : -1;
  if (!digits || n < lo || n > hi)
    return Status(ErrorCode::INVALID_REQUEST_PARAMETER,
                  std::string(name) + ": must be an integer from " + std::to_string(lo) +
                      (hi < 1000000000 ? " to " + std::to_string(hi) : std::string(" up")) + ", got '" + *v + "'");
  return n;
}

nlohmann::json SortJson() {
  // Every list is sorted (CREATED_AT_DESC by default).
  return {{"empty", false}, {"sorted", true}, {"unsorted", false}};
}

}  // namespace

Result<Paging> ParsePaging(const Request& req, bool allow_app_user_id_sort) {
  Paging p;
  auto page = IntParam(req, "page", 0, 0, 999999999);
  if (!page.ok()) return page.status();
  auto size = IntParam(req, "pageSize", kDefaultPageSize, 1, kMaxPageSize);
  if (!size.ok()) return size.status();
  p.page = *page;
  p.size = *size;
  if (auto sort = req.Query("sortBy")) {
    auto parsed = domain::ParseSortBy(*sort);
    bool by_user = parsed && (*parsed == domain::SortBy::APP_USER_ID_ASC || *parsed == domain::SortBy::APP_USER_ID_DESC);
    if (!parsed || (by_user && !allow_app_user_id_sort))
      return Status(ErrorCode::INVALID_REQUEST_PARAMETER,
                    "sortBy: unsupported value '" + *sort +
                        "' (CREATED_AT_ASC, CREATED_AT_DESC, LAST_MODIFIED_AT_ASC, LAST_MODIFIED_AT_DESC" +
                        (allow_app_user_id_sort ? ", APP_USER_ID_ASC, APP_USER_ID_DESC)" : ")"));
    p.sort = *parsed;
  }
  return p;
}

nlohmann::json PageJson(nlohmann::json content, const Paging& p, int64_t total) {
  const int64_t n = static_cast<int64_t>(content.size());
  const int64_t total_pages = (total + p.size - 1) / p.size;
  nlohmann::json j;
  j["content"] = std::move(content);
  j["pageable"] = {{"sort", SortJson()},  {"offset", p.page * p.size}, {"pageNumber", p.page},
                   {"pageSize", p.size},  {"paged", true},             {"unpaged", false}};
  j["totalPages"] = total_pages;
  j["totalElements"] = total;
  j["last"] = p.page >= total_pages - 1;
  j["size"] = p.size;
  j["number"] = p.page;
  j["sort"] = SortJson();
  j["numberOfElements"] = n;
  j["first"] = p.page == 0;
  j["empty"] = n == 0;
  return j;
}

}  // namespace ffsb::http::api
