// Template helpers of SqliteTx shared by its .cc files (engine-private).
#pragma once

#include "server/store/sqlite/codec.h"
#include "server/store/sqlite/sqlite_tx.h"

namespace ffsb::store::sqlite {

template <typename T>
Result<std::optional<T>> SqliteTx::QueryOne(Stmt& s) {
  if (!s.Step()) {
    if (!s.status().ok()) return s.status();
    return std::optional<T>();
  }
  T v;
  if (Status st = Decode(s.Text(1), &v); !st.ok()) return st;
  v.id = s.Int(0);
  return std::optional<T>(std::move(v));
}

template <typename T>
Result<std::vector<T>> SqliteTx::QueryAll(Stmt& s) {
  std::vector<T> out;
  while (s.Step()) {
    T v;
    if (Status st = Decode(s.Text(1), &v); !st.ok()) return st;
    v.id = s.Int(0);
    out.push_back(std::move(v));
  }
  if (!s.status().ok()) return s.status();
  return out;
}

template <typename T>
Result<T> SqliteTx::Required(Result<std::optional<T>> r, ErrorCode not_found, const std::string& what) {
  if (!r.ok()) return r.status();
  if (!r->has_value()) return Status(not_found, what + " not found");
  return std::move(**r);
}

inline void BindAll(Stmt& s, const ListQuery& q) {
  for (auto& b : q.binds) {
    if (auto* i = std::get_if<int64_t>(&b))
      s.Bind(*i);
    else
      s.Bind(std::get<std::string>(b));
  }
}

template <typename T>
Result<Page<T>> SqliteTx::RunList(const ListQuery& q, const PageRequest& p, const std::string& app_user_id_col) {
  using domain::SortBy;
  std::string order;
  switch (p.sort) {
    case SortBy::CREATED_AT_ASC: order = "t.created_at ASC, t.id ASC"; break;
    case SortBy::CREATED_AT_DESC: order = "t.created_at DESC, t.id DESC"; break;
    case SortBy::LAST_MODIFIED_AT_ASC: order = "t.last_modified_at ASC, t.id ASC"; break;
    case SortBy::LAST_MODIFIED_AT_DESC: order = "t.last_modified_at DESC, t.id DESC"; break;
    case SortBy::APP_USER_ID_ASC:
    case SortBy::APP_USER_ID_DESC: {
      if (app_user_id_col.empty())
        return Status(ErrorCode::INVALID_REQUEST_PARAMETER, "sortBy " + std::string(ToString(p.sort)) +
                                                                " is not supported by this list");
      const char* dir = p.sort == SortBy::APP_USER_ID_ASC ? " ASC" : " DESC";
      order = app_user_id_col + dir + ", t.id" + dir;
      break;
    }
  }
  Page<T> page;
  {
    Stmt s = c_.Prepare("SELECT COUNT(*) " + q.from_where);
    BindAll(s, q);
    if (!s.Step()) return s.status().ok() ? Status(ErrorCode::INTERNAL_SERVER_ERROR, "count: no row") : s.status();
    page.total = s.Int(0);
  }
  Stmt s = c_.Prepare("SELECT t.id, t.doc " + q.from_where + " ORDER BY " + order + " LIMIT ? OFFSET ?");
  BindAll(s, q);
  s.Bind(p.limit).Bind(p.offset);
  auto items = QueryAll<T>(s);
  if (!items.ok()) return items.status();
  page.items = std::move(*items);
  return page;
}

}  // namespace ffsb::store::sqlite
