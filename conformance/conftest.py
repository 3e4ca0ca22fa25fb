"""Conformance suite for FlipFlop Cloud live broadcasting (docs/conformance.md).

Target: --api-url/FFC_API_URL, --rtmp-url/FFC_RTMP_URL, --app-key/FFC_APP_KEY,
--app-secret/FFC_APP_SECRET (optionally --app2-key/--app2-secret for app isolation);
with none, a fresh `ffsandbox serve --sandbox-api` from FFSANDBOX_BUILD (default build).
Reports: JUnit XML and HTML (with a state timeline per scenario) under --report-dir
(default conformance/report)."""
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
_build = os.environ.get("FFSANDBOX_BUILD", "build")
sys.path.insert(0, os.path.join(_build if os.path.isabs(_build) else os.path.join(os.path.dirname(HERE), _build),
                                "python"))

import report  # noqa: E402
import target as target_mod  # noqa: E402


def pytest_addoption(parser):
    g = parser.getgroup("conformance")
    for name, env, help_ in [("api-url", "FFC_API_URL", "API base, e.g. http://127.0.0.1:8080"),
                             ("rtmp-url", "FFC_RTMP_URL", "RTMP ingest base, e.g. rtmp://127.0.0.1:1935/live"),
                             ("app-key", "FFC_APP_KEY", "API key of the app under test"),
                             ("app-secret", "FFC_APP_SECRET", "its secret"),
                             ("app2-key", "FFC_APP2_KEY", "a second app's key (app isolation)"),
                             ("app2-secret", "FFC_APP2_SECRET", "its secret"),
                             ("report-dir", "FFC_REPORT_DIR", "where junit.xml and index.html go")]:
        g.addoption("--" + name, default=os.environ.get(env), help="%s (env %s)" % (help_, env))


@pytest.hookimpl(tryfirst=True)  # before junitxml reads its option
def pytest_configure(config):
    config.addinivalue_line("markers", "clause(text): the contract clause a test checks (shown in reports)")
    config.addinivalue_line("markers", "sandbox: needs the /_sandbox/ control API of the target")
    report_dir = config.getoption("report_dir") or os.path.join(HERE, "report")
    config._ffc_report_dir = report_dir
    if not getattr(config.option, "xmlpath", None) and not hasattr(config, "workerinput"):
        os.makedirs(report_dir, exist_ok=True)
        config.option.xmlpath = os.path.join(report_dir, "junit.xml")
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(report.HtmlReport(report_dir), "ffc_html_report")


@pytest.fixture(scope="session")
def target(request):
    opt = request.config.getoption
    if opt("api_url"):
        if not (opt("app_key") and opt("app_secret")):
            pytest.exit("--api-url needs --app-key and --app-secret", 2)
        app2 = (opt("app2_key"), opt("app2_secret")) if opt("app2_key") else None
        t = target_mod.Target(opt("api_url"), opt("rtmp_url"), opt("app_key"), opt("app_secret"), app2=app2)
        if not t.rtmp_url:
            key = t.app.key_of(t.app.member("ffcProbe")["appUserId"])
            t.rtmp_url = key["ingestUrl"]
        yield t
        return
    t = target_mod.start_sandbox()
    yield t
    t.stop()


@pytest.fixture
def sandbox(target):
    """The target's sandbox control API; skips when the target has none. Clears faults after."""
    if not target.sandbox:
        pytest.skip("the target has no /_sandbox/ control API")
    yield target
    target.sandbox_call("DELETE", "/_sandbox/chaos/faults")


@pytest.fixture
def timeline(request):
    tl = report.Timeline()
    yield tl
    request.node.user_properties.append(("timeline", json.dumps(tl.to_json())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    rep = outcome.get_result()
    marker = item.get_closest_marker("clause")
    if marker and rep.when == "call":
        clause = marker.args[0]
        for props in (item.user_properties, rep.user_properties):  # the report holds a copy
            if ("clause", clause) not in props:
                props.append(("clause", clause))
        if rep.failed:
            rep.sections.append(("contract clause", clause))
            rep.longrepr = "CONTRACT DEVIATION [%s]\n%s" % (clause, rep.longrepr)



@pytest.fixture(scope="session")
def hooks(target):
    """A webhook receiver set as the app's callback (contract §8); None when the target
    cannot reach this machine (not on 127.0.0.1)."""
    if "127.0.0.1" not in target.api_url and "localhost" not in target.api_url:
        yield None
        return
    from client import WebhookReceiver
    rx = WebhookReceiver()
    target.app.request("PATCH", "/", {"callback": {"url": rx.url, "accessId": "ffc", "accessPassword": "ffcPass123"}})
    yield rx
    rx.stop()


@pytest.fixture
def observe(target, timeline, hooks):
    """observe(appUserId) -> scenario.Observer; closed (and publishers stopped) after the test."""
    import media
    from scenario import Observer
    made, procs = [], []

    def make(app_user_id, sse=True):
        o = Observer(target, timeline, app_user_id, hooks=hooks, sse=sse)
        orig = o.publish

        def publish(*a, **kw):
            p = orig(*a, **kw)
            procs.append(p)
            return p
        o.publish = publish
        made.append(o)
        return o
    yield make
    for p in procs:
        media.stop(p)
    for o in made:
        o.close()
