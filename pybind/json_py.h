// Conversions between nlohmann::json and plain Python values (None, bool,
// int, float, str, dict, list), and the snake_case -> camelCase keyword
// mapping the client uses for request bodies and query strings.
//
// Thread-safety: every function needs the GIL.
#pragma once

#include <pybind11/pybind11.h>

#include "emulator/api/api_client.h"

namespace ffsb::py {

namespace pyb = pybind11;

pyb::object ToPython(const emu::Json& j);
// Raises TypeError for values JSON cannot hold.
emu::Json FromPython(const pyb::handle& o);
// "app_user_name" -> "appUserName"; camelCase keys pass unchanged.
std::string CamelCase(const std::string& snake);
// kwargs -> JSON object with camelCase keys; None values are dropped.
emu::Json BodyFromKwargs(const pyb::kwargs& kw);
// kwargs -> query map with camelCase keys; bools as true/false; None dropped.
emu::Query QueryFromKwargs(const pyb::kwargs& kw);

}  // namespace ffsb::py
