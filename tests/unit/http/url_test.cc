#include <catch2/catch.hpp>

#include "server/http/url.h"

namespace ffsb::http {

TEST_CASE("PercentDecode keeps malformed escapes") {
  CHECK(PercentDecode("a%20b", false) == "a b");
  CHECK(PercentDecode("a+b", false) == "a+b");
  CHECK(PercentDecode("a+b", true) == "a b");
  CHECK(PercentDecode("%zz%4", false) == "%zz%4");
  CHECK(PercentDecode("%", false) == "%");
  CHECK(PercentDecode("%e2%82%AC", false) == "€");
}

TEST_CASE("ParseTarget splits path and query") {
  std::string path;
  std::multimap<std::string, std::string> q;
  ParseTarget("/p%20q?x=1&y=%41&flag&&x=2#frag", &path, &q);
  CHECK(path == "/p q");
  CHECK(q.count("x") == 2);
  CHECK(q.find("y")->second == "A");
  CHECK(q.find("flag")->second.empty());
  CHECK(SplitPathSegments("//a/b%2Fc//d/") == std::vector<std::string>{"a", "b/c", "d"});
}

}  // namespace ffsb::http
