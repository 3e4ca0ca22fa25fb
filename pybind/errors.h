// The module's exceptions and the one place API answers become Python
// values: ApiError (status, error_code, error_message) with NotFoundError
// (404), AuthError (401) and StateError (400 state codes such as
// STREAM_KEY_STATE_NOT_ACTIVE or REQUEST_LOCKED); MediaError for refused or
// failed publishing/playing. The classes are defined in Python source at
// import (so they are ordinary, picklable exceptions) and raised from C++.
//
// Thread-safety: everything here needs the GIL, except CallApi's callable,
// which runs with the GIL released.
#pragma once

#include <pybind11/pybind11.h>

#include "emulator/api/api_client.h"
#include "pybind/json_py.h"
#include "server/base/status.h"

namespace ffsb::py {

void DefineExceptions(pyb::module_& m);

// Raises the matching ApiError subclass for a failed answer; otherwise
// returns the body as Python values (None for an empty body, e.g. 204).
pyb::object Unwrap(const emu::ApiResponse& r);
// Raises ffsandbox.MediaError(message).
[[noreturn]] void RaiseMediaError(const Status& st);

// Runs an API call with the GIL released, then unwraps it with the GIL held.
template <typename F>
pyb::object CallApi(F&& call) {
  emu::ApiResponse r;
  {
    pyb::gil_scoped_release release;
    r = call();
  }
  return Unwrap(r);
}

}  // namespace ffsb::py
