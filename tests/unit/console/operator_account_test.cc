// The operator account file: generated once, flag wins, stored hashed, 0600.
#include "server/console/operator_account.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace ffsb::console {
namespace {

std::string TempDir() {
  SecureRandom r;
  auto p = std::filesystem::temp_directory_path() / ("ffsb-console-" + r.Hex(8));
  std::filesystem::create_directories(p);
  return p.string();
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_CASE("no password: generated once, then kept", "[console][operator]") {
  std::string dir = TempDir();
  SecureRandom r;
  auto first = EnsureOperator(dir, std::nullopt, r, 1000);
  REQUIRE(first.ok());
  REQUIRE(first->has_value());
  std::string pw = **first;
  CHECK(pw.size() == 20);
  auto second = EnsureOperator(dir, std::nullopt, r, 1000);
  REQUIRE(second.ok());
  CHECK_FALSE(second->has_value());
  auto account = LoadOperator(dir);
  REQUIRE(account.ok());
  CHECK(VerifyOperator(*account, "operator", pw));
  CHECK_FALSE(VerifyOperator(*account, "admin", pw));
  CHECK_FALSE(VerifyOperator(*account, "operator", pw + "x"));
  // Hashed, never in clear, and private.
  std::string file = ReadAll(OperatorFilePath(dir));
  CHECK(file.find(pw) == std::string::npos);
  CHECK(file.find("pbkdf2-sha256$") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat(OperatorFilePath(dir).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a password flag replaces the stored one", "[console][operator]") {
  std::string dir = TempDir();
  SecureRandom r;
  REQUIRE(EnsureOperator(dir, std::string("first-pw"), r, 1000).ok());
  std::string before = ReadAll(OperatorFilePath(dir));
  // Same password again: the file is left alone (same salt).
  auto same = EnsureOperator(dir, std::string("first-pw"), r, 1000);
  REQUIRE(same.ok());
  CHECK_FALSE(same->has_value());
  CHECK(ReadAll(OperatorFilePath(dir)) == before);
  REQUIRE(EnsureOperator(dir, std::string("second-pw"), r, 1000).ok());
  auto account = LoadOperator(dir);
  REQUIRE(account.ok());
  CHECK(VerifyOperator(*account, "operator", "second-pw"));
  CHECK_FALSE(VerifyOperator(*account, "operator", "first-pw"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("a missing account does not load", "[console][operator]") {
  std::string dir = TempDir();
  CHECK_FALSE(LoadOperator(dir).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ffsb::console
