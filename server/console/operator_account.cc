#include "server/console/operator_account.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/console/password_hash.h"

namespace ffsb::console {
namespace {

namespace fs = std::filesystem;

Status WriteAccount(const std::string& data_dir, const OperatorAccount& account) {
  std::error_code ec;
  fs::path dir = fs::path(data_dir) / "console";
  fs::create_directories(dir, ec);
  if (ec) return {ErrorCode::INTERNAL_SERVER_ERROR, "cannot create " + dir.string() + ": " + ec.message()};
  fs::path final_path = OperatorFilePath(data_dir);
  fs::path tmp = final_path;
  tmp += ".tmp";
  {
    // Create with 0600 before writing the hash into it.
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return {ErrorCode::INTERNAL_SERVER_ERROR, "cannot write " + tmp.string()};
    ::chmod(tmp.c_str(), 0600);
    nlohmann::json j = {{"username", account.username}, {"passwordHash", account.password_hash}};
    out << j.dump(2) << "\n";
    out.flush();
    if (!out) return {ErrorCode::INTERNAL_SERVER_ERROR, "cannot write " + tmp.string()};
  }
  fs::rename(tmp, final_path, ec);
  if (ec) return {ErrorCode::INTERNAL_SERVER_ERROR, "cannot rename " + tmp.string() + ": " + ec.message()};
  return Status::Ok();
}

}  // namespace

std::string OperatorFilePath(const std::string& data_dir) {
  return (fs::path(data_dir) / "console" / "operator.json").string();
}

Result<OperatorAccount> LoadOperator(const std::string& data_dir) {
  std::ifstream in(OperatorFilePath(data_dir));
  if (!in) return Status(ErrorCode::INTERNAL_SERVER_ERROR, "no operator account");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json j = nlohmann::json::parse(ss.str(), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object() || !j.contains("username") || !j["username"].is_string() || !j.contains("passwordHash") ||
      !j["passwordHash"].is_string())
    return Status(ErrorCode::INTERNAL_SERVER_ERROR, "malformed operator account file");
  return OperatorAccount{j["username"].get<std::string>(), j["passwordHash"].get<std::string>()};
}

Result<std::optional<std::string>> EnsureOperator(const std::string& data_dir,
                                                  const std::optional<std::string>& password, Random& random,
                                                  int iterations) {
  if (iterations <= 0) iterations = kDefaultPbkdf2Iterations;
  std::error_code ec;
  bool exists = fs::exists(OperatorFilePath(data_dir), ec);
  Result<OperatorAccount> current = exists ? LoadOperator(data_dir)
                                           : Result<OperatorAccount>(ErrorCode::INTERNAL_SERVER_ERROR, "none");
  if (password) {
    if (current.ok() && VerifyPassword(*password, current->password_hash)) return std::optional<std::string>();
    Status s = WriteAccount(data_dir, {kOperatorUsername, HashPassword(*password, random, iterations)});
    if (!s.ok()) return s;
    return std::optional<std::string>();
  }
  if (current.ok()) return std::optional<std::string>();
  std::string generated = random.Alnum(20);
  Status s = WriteAccount(data_dir, {kOperatorUsername, HashPassword(generated, random, iterations)});
  if (!s.ok()) return s;
  return std::optional<std::string>(generated);
}

bool VerifyOperator(const OperatorAccount& account, const std::string& username, const std::string& password) {
  // Always run the KDF, so a wrong username costs as much time as a wrong password.
  bool password_ok = VerifyPassword(password, account.password_hash);
  return password_ok && username == account.username;
}

}  // namespace ffsb::console
