// The console's one operator account: the person who signs in to the user
// console (contract §9). Stored as {data_dir}/console/operator.json, mode
// 0600, holding the username and a salted PBKDF2 hash (password_hash.h),
// never the password.
//
// Thread-safety: EnsureOperator runs once in main() before the server starts.
// LoadOperator/VerifyOperator only read and may run on any thread.
#pragma once

#include <optional>
#include <string>

#include "server/base/random.h"
#include "server/base/status.h"

namespace ffsb::console {

inline constexpr const char* kOperatorUsername = "operator";

struct OperatorAccount {
  std::string username;
  std::string password_hash;  // password_hash.h encoding
};

std::string OperatorFilePath(const std::string& data_dir);

// Makes sure the account exists.
//  - `password` given: the stored hash is replaced unless it already matches
//    (so `--operator-password` always wins). Answers nullopt.
//  - no password and an account on disk: kept. Answers nullopt.
//  - no password and none on disk: a 20-character password is generated,
//    stored hashed and answered, for main() to print once (never logged).
// Errors: INTERNAL_SERVER_ERROR when the file cannot be read or written.
Result<std::optional<std::string>> EnsureOperator(const std::string& data_dir,
                                                  const std::optional<std::string>& password, Random& random,
                                                  int iterations = 0 /* 0: the default */);

// Reads the account; INTERNAL_SERVER_ERROR when missing or malformed.
Result<OperatorAccount> LoadOperator(const std::string& data_dir);

bool VerifyOperator(const OperatorAccount& account, const std::string& username, const std::string& password);

}  // namespace ffsb::console
