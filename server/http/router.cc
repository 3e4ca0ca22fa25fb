// Router: pattern matching and dispatch (see router.h).
#include "server/http/router.h"

#include <strings.h>

#include <exception>

#include "server/base/log.h"
#include "server/http/url.h"

namespace ffsb::http {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
  return ::strcasecmp(a.c_str(), b.c_str()) < 0;
}

const std::string* Request::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? nullptr : &it->second;
}

std::optional<std::string> Request::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

namespace {
const Logger& Log() {
  static const Logger logger("http");
  return logger;
}

bool IsParam(const std::string& seg) {
  return seg.size() >= 2 && seg.front() == '{' && seg.back() == '}';
}

// Segment ranks used to order candidate routes: lower is more specific.
constexpr int kLiteral = 0, kParam = 1, kWildcard = 2;
}  // namespace

void Router::Add(std::string method, std::string pattern, Handler handler) {
  Route r;
  r.method = std::move(method);
  r.pattern = std::move(pattern);
  // Patterns are trusted, literal text: split without decoding.
  std::string_view p = r.pattern;
  size_t pos = 0;
  while (pos <= p.size()) {
    size_t slash = p.find('/', pos);
    if (slash == std::string_view::npos) slash = p.size();
    if (slash > pos) r.segments.emplace_back(p.substr(pos, slash - pos));
    pos = slash + 1;
  }
  if (!r.segments.empty() && r.segments.back() == "*") {
    r.wildcard = true;
    r.segments.pop_back();
  }
  r.handler = std::move(handler);
  routes_.push_back(std::move(r));
}

void Router::AddUpload(std::string method, std::string pattern, Handler handler) {
  Add(std::move(method), std::move(pattern), std::move(handler));
  routes_.back().upload = true;
}

const Router::Route* Router::Match(const std::string& method,
                                   const std::vector<std::string>& segments,
                                   std::map<std::string, std::string>* params,
                                   bool* path_matched) const {
  const Route* best = nullptr;
  std::vector<int> best_rank;
  const Route* best_head_fallback = nullptr;  // a GET route, for HEAD
  std::vector<int> best_fallback_rank;
  *path_matched = false;
  for (const Route& r : routes_) {
    if (segments.size() < r.segments.size()) continue;
    if (!r.wildcard && segments.size() != r.segments.size()) continue;
    std::vector<int> rank;
    rank.reserve(r.segments.size() + 1);
    bool ok = true;
    for (size_t i = 0; i < r.segments.size() && ok; ++i) {
      if (IsParam(r.segments[i])) {
        rank.push_back(kParam);
      } else {
        ok = r.segments[i] == segments[i];
        rank.push_back(kLiteral);
      }
    }
    if (!ok) continue;
    if (r.wildcard) rank.push_back(kWildcard);
    *path_matched = true;
    if (r.method == method) {
      if (!best || rank < best_rank) best = &r, best_rank = std::move(rank);
    } else if (method == "HEAD" && r.method == "GET") {
      if (!best_head_fallback || rank < best_fallback_rank)
        best_head_fallback = &r, best_fallback_rank = std::move(rank);
    }
  }
  if (!best) best = best_head_fallback;
  if (best && params) {
    params->clear();
    for (size_t i = 0; i < best->segments.size(); ++i) {
      const std::string& s = best->segments[i];
      if (IsParam(s)) (*params)[s.substr(1, s.size() - 2)] = segments[i];
    }
    if (best->wildcard) {
      std::string rest;
      for (size_t i = best->segments.size(); i < segments.size(); ++i) {
        if (!rest.empty()) rest += '/';
        rest += segments[i];
      }
      (*params)["*"] = std::move(rest);
    }
  }
  return best;
}

bool Router::IsUpload(const std::string& method, const std::string& path) const {
  bool path_matched = false;
  const Route* r = Match(method, SplitPathSegments(path), nullptr, &path_matched);
  return r && r->upload;
}

Response Router::Dispatch(Request& req) const {
  if (req.path.empty() && !req.target.empty()) ParseTarget(req.target, &req.path, &req.query);
  if (hooks_.before)
    if (auto answer = hooks_.before(req)) return std::move(*answer);
  Response res = DispatchRoute(req);
  if (hooks_.after) hooks_.after(req, res);
  return res;
}

Response Router::DispatchRoute(Request& req) const {
  // Segments come from the raw target when there is one, so "%2F" stays
  // inside a parameter instead of splitting it.
  std::vector<std::string> segments =
      SplitPathSegments(req.target.empty() ? std::string_view(req.path) : RawPath(req.target));
  bool path_matched = false;
  const Route* r = Match(req.method, segments, &req.params, &path_matched);
  if (!r) {
    if (path_matched)
      return Error(ErrorCode::UNSUPPORTED_HTTP_METHOD,
                   "Request method '" + req.method + "' is not supported");
    return Error(ErrorCode::API_NOT_FOUND, "No API matches " + req.method + " " + req.path);
  }
  try {
    return r->handler(req);
  } catch (const std::exception& e) {
    Log().Error("handler threw route=\"" + r->method + " " + r->pattern + "\" path=" + req.path +
                " what=" + e.what());
  } catch (...) {
    Log().Error("handler threw route=\"" + r->method + " " + r->pattern + "\" path=" + req.path +
                " what=(non-std exception)");
  }
  return Error(ErrorCode::INTERNAL_SERVER_ERROR, "Internal server error");
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(routes_.size());
  for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace ffsb::http
