// ffsandbox.Scenario: the `ffemu run` scenario runner from Python.
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <thread>

#include "emulator/scenario/scenario_runner.h"
#include "pybind/bindings.h"
#include "pybind/errors.h"

namespace ffsb::py {
namespace {
std::string Arg(const pyb::object& v, const char* env) {
  if (!v.is_none()) return pyb::str(v);
  const char* e = std::getenv(env);
  return e ? e : "";
}
}  // namespace

void BindScenario(pyb::module_& m) {
  pyb::class_<emu::Scenario> c(m, "Scenario", R"(A broadcast scenario: actors and a timeline (docs/emulator.md, "run").

    report = ffsandbox.Scenario.from_file("fixtures/scenarios/normal_broadcast.json").run(
        api="http://127.0.0.1:8080", app_key=key, app_secret=secret)
    assert report["ok"], report["error"]

run() returns the JSON report as a dict: ok, error, seconds, steps, stateChanges,
events, actors, stats.)");
  c.def_static("from_file", [](const std::string& path) {
    auto s = emu::Scenario::FromFile(path);
    if (!s.ok()) throw pyb::value_error(s.status().message());
    return *s;
  }, pyb::arg("path"), "Reads and checks a scenario file (ValueError naming the problem).");
  c.def_static("from_dict", [](pyb::object d) {
    auto s = emu::Scenario::Parse(FromPython(d));
    if (!s.ok()) throw pyb::value_error(s.status().message());
    return *s;
  }, pyb::arg("scenario"), "Checks a scenario given as a dict (the file's JSON).");
  c.def_property_readonly("name", [](const emu::Scenario& s) { return s.name; }, "The scenario's name.");
  c.def_property_readonly("description", [](const emu::Scenario& s) { return s.description; });
  c.def_property_readonly("step_count", [](const emu::Scenario& s) { return s.steps.size(); },
                          "Number of timeline steps.");
  c.def("run", [](const emu::Scenario& s, pyb::object api, pyb::object key, pyb::object secret, pyb::object report,
                  bool quiet, const std::string& suffix, double max_wait) {
    emu::RunOptions o;
    o.api_base = Arg(api, "FFSANDBOX_API");
    o.app_key = Arg(key, "FFSANDBOX_APP_KEY");
    o.app_secret = Arg(secret, "FFSANDBOX_APP_SECRET");
    if (o.api_base.empty() || o.app_key.empty() || o.app_secret.empty())
      throw pyb::value_error("need api, app_key and app_secret (or FFSANDBOX_API/_APP_KEY/_APP_SECRET)");
    o.out = quiet ? nullptr : stdout;
    o.suffix = suffix;
    o.max_wait_s = max_wait;
    // The run goes on a C++ thread; this one checks for Ctrl-C every 100 ms
    // and stops the run (broadcasters and viewers are stopped) before re-raising.
    std::atomic<bool> stop{false}, done{false};
    o.stop = &stop;
    emu::ScenarioReport r;
    bool interrupted = false;
    {
      pyb::gil_scoped_release release;
      std::thread runner([&] {
        r = emu::RunScenario(s, o);
        done = true;
      });
      while (!done) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        pyb::gil_scoped_acquire acquire;
        if (!interrupted && PyErr_CheckSignals() != 0) {
          interrupted = true;  // the exception stays set until we rethrow it
          stop = true;
        }
      }
      runner.join();
      if (!quiet) {
        std::fputs(r.Table().c_str(), stdout);
        std::fflush(stdout);
      }
    }
    if (interrupted) throw pyb::error_already_set();
    emu::Json j = r.ToJson();
    if (!report.is_none()) {
      pyb::object f = pyb::module_::import("builtins").attr("open")(report, "w");
      f.attr("write")(j.dump(2) + "\n");
      f.attr("close")();
    }
    return ToPython(j);
  }, pyb::arg("api") = pyb::none(), pyb::arg("app_key") = pyb::none(), pyb::arg("app_secret") = pyb::none(),
     pyb::arg("report") = pyb::none(), pyb::arg("quiet") = true, pyb::arg("suffix") = "",
     pyb::arg("max_wait") = 0.0,
     "Runs the scenario against a server and returns the report dict (report['ok'] is False when an "
     "expectation or action failed). Server and credentials default to FFSANDBOX_API, FFSANDBOX_APP_KEY, "
     "FFSANDBOX_APP_SECRET. report: also write the JSON report to this path. quiet=False prints the live "
     "timeline and the final table to stdout. suffix: appended to appUserIds (default random). max_wait: "
     "caps every expectation's 'within' seconds (0: no cap).");
}

}  // namespace ffsb::py
