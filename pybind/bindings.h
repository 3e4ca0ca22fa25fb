// The pieces of the ffsandbox module, each binding one group of classes.
// Thread-safety: called once, at import, with the GIL held.
#pragma once

#include <pybind11/pybind11.h>

namespace ffsb::py {

void BindClient(pybind11::module_& m);
void BindMemberClient(pybind11::module_& m);
void BindMedia(pybind11::module_& m);
void BindScenario(pybind11::module_& m);

}  // namespace ffsb::py
