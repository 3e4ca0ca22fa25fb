#include "server/notify/callback_url.h"

#include <catch2/catch.hpp>

using namespace ffsb::notify;

TEST_CASE("callback url parsing", "[notify]") {
  auto u = ParseCallbackUrl("http://127.0.0.1:8080/hooks/ff?token=abc");
  REQUIRE(u.ok());
  CHECK(u->scheme_host_port == "http://127.0.0.1:8080");
  CHECK(u->path_and_query == "/hooks/ff?token=abc");
  CHECK(u->ForLog() == "http://127.0.0.1:8080/hooks/ff");
  CHECK(ParseCallbackUrl("http://example.com")->path_and_query == "/");
  CHECK(ParseCallbackUrl("https://example.com?x=1")->path_and_query == "/?x=1");
  CHECK(ParseCallbackUrl("http://h/p#frag")->path_and_query == "/p");
  CHECK_FALSE(ParseCallbackUrl("ftp://h/").ok());
  CHECK_FALSE(ParseCallbackUrl("http:///p").ok());
  CHECK_FALSE(ParseCallbackUrl("http://user:pw@h/").ok());
  CHECK_FALSE(ParseCallbackUrl("http://h/a b").ok());
  CHECK_FALSE(ParseCallbackUrl("").ok());
}
