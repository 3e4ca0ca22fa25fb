// Request-target parsing: percent-decoding of the path and the query string.
// Pure functions over untrusted input; they never fail, a malformed escape
// ("%zz", a lone "%") is kept literally.
//
// Thread-safety: stateless.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ffsb::http {

// Decodes %XX escapes; with plus_is_space (query strings) '+' becomes ' '.
std::string PercentDecode(std::string_view in, bool plus_is_space);

// Splits "/a/b%2Fc//d/" into decoded non-empty segments {"a", "b/c", "d"}.
// Splitting happens before decoding, so an encoded '/' stays inside a segment.
std::vector<std::string> SplitPathSegments(std::string_view raw_path);

// "/p%20q?x=1&y=%41&flag" -> path "/p q", query {x:1, y:A, flag:""}.
void ParseTarget(std::string_view target, std::string* path,
                 std::multimap<std::string, std::string>* query);

// The raw (still encoded) path part of a request target.
std::string_view RawPath(std::string_view target);

}  // namespace ffsb::http
