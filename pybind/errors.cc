#include "pybind/errors.h"

#include <pybind11/eval.h>

namespace ffsb::py {
namespace {

const char kPrelude[] = R"PY(
class ApiError(Exception):
    """An API call failed. status: the HTTP status (0 when the server did not
    answer); error_code: the contract's errorCode (e.g. "MEMBER_NOT_FOUND",
    "CONNECTION_FAILED" when unreachable); error_message: its errorMessage."""

    def __init__(self, status, error_code, error_message=""):
        super().__init__(status, error_code, error_message)
        self.status = status
        self.error_code = error_code
        self.error_message = error_message

    def __str__(self):
        return "%s %s: %s" % (self.status, self.error_code, self.error_message)


class NotFoundError(ApiError):
    """404: the member, stream key, room, post or profile does not exist."""


class AuthError(ApiError):
    """401: missing or wrong app credentials or member token."""


class StateError(ApiError):
    """400 with a state code: the resource is not in a state that allows the
    call (VIDEO_ROOM_STATE_NOT_SCHEDULED, STREAM_KEY_STATE_NOT_ACTIVE,
    VIDEO_ROOM_STATE_NOT_LIVE_INACTIVE, STREAM_KEY_STATE_NOT_INACTIVE_LIVE,
    REQUEST_LOCKED)."""


class MediaError(RuntimeError):
    """Publishing or playing failed: the server refused the stream (the
    message names the RTMP status code, e.g. NetStream.Publish.BadName) or
    the connection could not be made."""
)PY";

PyObject* g_api_error = nullptr;  // leaked references: live as long as the interpreter
PyObject* g_not_found = nullptr;
PyObject* g_auth = nullptr;
PyObject* g_state = nullptr;
PyObject* g_media = nullptr;

bool IsStateCode(const std::string& code) {
  return code.find("_STATE_NOT_") != std::string::npos || code == "REQUEST_LOCKED";
}

}  // namespace

void DefineExceptions(pyb::module_& m) {
  pyb::dict ns;
  ns["__builtins__"] = pyb::module_::import("builtins");
  ns["__name__"] = "ffsandbox";
  pyb::exec(kPrelude, ns);
  for (const char* name : {"ApiError", "NotFoundError", "AuthError", "StateError", "MediaError"}) m.attr(name) = ns[name];
  g_api_error = ns["ApiError"].ptr();
  g_not_found = ns["NotFoundError"].ptr();
  g_auth = ns["AuthError"].ptr();
  g_state = ns["StateError"].ptr();
  g_media = ns["MediaError"].ptr();
  for (PyObject* p : {g_api_error, g_not_found, g_auth, g_state, g_media}) Py_INCREF(p);
}

pyb::object Unwrap(const emu::ApiResponse& r) {
  if (r.ok()) return ToPython(r.body);
  PyObject* cls = g_api_error;
  if (r.status == 404) cls = g_not_found;
  else if (r.status == 401) cls = g_auth;
  else if (r.status == 400 && IsStateCode(r.error_code)) cls = g_state;
  pyb::object exc = pyb::reinterpret_borrow<pyb::object>(cls)(r.status, r.error_code, r.error_message);
  PyErr_SetObject(cls, exc.ptr());
  throw pyb::error_already_set();
}

void RaiseMediaError(const Status& st) {
  PyErr_SetString(g_media, st.message().c_str());
  throw pyb::error_already_set();
}

}  // namespace ffsb::py
