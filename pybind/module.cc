// The Python module `ffsandbox`: drive the ffsandbox server (or the real
// FlipFlop Cloud API) from Python with a C++ core. See docs/python.md.
extern "C" {
#include <libavutil/log.h>
}

#include "emulator/rtmp/librtmp_connection.h"
#include "pybind/bindings.h"
#include "pybind/errors.h"

PYBIND11_MODULE(ffsandbox, m) {
  m.doc() = R"(ffsandbox: the FlipFlop Cloud live-broadcast sandbox from Python.

Client            server API (/v2/apps/me, Basic auth): members, stream keys,
                  video rooms and broadcast controls, posts, profiles, app settings
MemberClient      member API (/v2/members/me, Bearer token)
Broadcaster       an RTMP publisher (synthetic 1280x720 test pattern + tone)
Viewer            an RTMP / HTTP-FLV / HLS / DASH player measuring startup,
                  frames, stalls and latency
Scenario          a JSON broadcast scenario, as `ffemu run` plays it
ApiError (NotFoundError, AuthError, StateError), MediaError

Network calls and media run in C++ with the GIL released.)";
  av_log_set_level(AV_LOG_ERROR);  // no encoder statistics on stderr
  ffsb::emu::SetLibrtmpVerbose(false);
  ffsb::py::DefineExceptions(m);
  ffsb::py::BindClient(m);
  ffsb::py::BindMemberClient(m);
  ffsb::py::BindMedia(m);
  ffsb::py::BindScenario(m);
}
