"""Timelines of observed states and the HTML report (inline SVG per scenario).

A test records what it saw with the `timeline` fixture:
    timeline.expect("stream key", ["INACTIVE", "ACTIVE_PREP", "ACTIVE", "INACTIVE"])
    timeline.observe("stream key", "webhook", "ACTIVE_PREP")
The report draws, per entity, one lane per source (poll, webhook, sse) with each state
as a coloured span over time, and beside it the expected sequence."""
import html
import json
import os
import time

COLORS = {"INACTIVE": "#bbb", "ACTIVE_PREP": "#f5c26b", "ACTIVE": "#7cc47c", "ACTIVE_LIVE": "#2e8b57",
          "ACTIVE_LIVE_PREP": "#e08e3c", "INACTIVE_LIVE": "#d9534f", "SCHEDULED": "#9ecae1", "LIVE": "#2e8b57",
          "LIVE_INACTIVE": "#d9534f", "ENDED": "#777", "ARCHIVED": "#6a51a3", "CANCELLED": "#444",
          "ARCHIVING": "#9e9ac8", "NOT_ARCHIVED": "#ddd", "FAILED_ARCHIVING": "#a50f15"}


class Timeline:
    def __init__(self):
        self.t0 = time.time()
        self.expected = {}   # entity -> [states]
        self.observed = {}   # entity -> source -> [(t, state)]

    def expect(self, entity, states):
        self.expected[entity] = list(states)

    def observe(self, entity, source, state, t=None):
        lane = self.observed.setdefault(entity, {}).setdefault(source, [])
        if not lane or lane[-1][1] != state:
            lane.append(((t or time.time()) - self.t0, state))

    def sequence(self, entity, source):
        return [s for _, s in self.observed.get(entity, {}).get(source, [])]

    def to_json(self):
        return {"expected": self.expected, "observed": self.observed, "end": time.time() - self.t0}


def svg(tl):
    """An inline SVG: per entity, observed lanes over time and the expected sequence."""
    end = max(tl.get("end", 1.0), 0.5)
    lanes = []
    for entity in list(tl["expected"]) + [e for e in tl["observed"] if e not in tl["expected"]]:
        for source, points in tl["observed"].get(entity, {}).items():
            lanes.append(("%s · %s" % (entity, source), points))
        if entity in tl["expected"]:
            lanes.append(("%s · expected" % entity, None, tl["expected"][entity]))
    label_w, plot_w, lane_h = 150, 560, 22
    h = lane_h * len(lanes) + 26
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="10">'
           % (label_w + plot_w + 10, h)]
    for i, lane in enumerate(lanes):
        y = 4 + i * lane_h
        out.append('<text x="0" y="%d">%s</text>' % (y + 14, html.escape(lane[0])))
        if lane[1] is None:  # expected: equal boxes in order
            states = lane[2]
            w = plot_w / max(len(states), 1)
            for j, s in enumerate(states):
                x = label_w + j * w
                out.append('<rect x="%.1f" y="%d" width="%.1f" height="16" fill="%s" stroke="#333" '
                           'stroke-dasharray="3,2"/><text x="%.1f" y="%d">%s</text>'
                           % (x, y, w - 2, COLORS.get(s, "#ccc"), x + 3, y + 12, html.escape(s)))
            continue
        points = lane[1]
        for j, (t, s) in enumerate(points):
            t_next = points[j + 1][0] if j + 1 < len(points) else end
            x = label_w + plot_w * t / end
            w = max(plot_w * (t_next - t) / end, 2)
            out.append('<rect x="%.1f" y="%d" width="%.1f" height="16" fill="%s"><title>%s at %.2fs</title></rect>'
                       % (x, y, w, COLORS.get(s, "#ccc"), html.escape(s), t))
            if w > 40:
                out.append('<text x="%.1f" y="%d">%s</text>' % (x + 2, y + 12, html.escape(s)))
    y = 4 + len(lanes) * lane_h
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333"/>' % (label_w, y, label_w + plot_w, y))
    for k in range(0, int(end) + 1, max(1, int(end / 10) or 1)):
        x = label_w + plot_w * k / end
        out.append('<text x="%.1f" y="%d">%ds</text>' % (x, y + 12, k))
    out.append("</svg>")
    return "".join(out)


class HtmlReport:
    """Collects test reports (also from xdist workers) and writes index.html at the end."""

    def __init__(self, report_dir):
        self.dir = report_dir
        self.rows = []

    def pytest_runtest_logreport(self, report):
        if report.when == "teardown":  # the timeline is added by a fixture finalizer
            props = dict(report.user_properties)
            for row in self.rows:
                if row["id"] == report.nodeid and props.get("timeline"):
                    row["timeline"] = props["timeline"]
            return
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            props = dict(report.user_properties)
            reason = ""
            if report.skipped and isinstance(report.longrepr, tuple):
                reason = report.longrepr[2]
            elif report.failed:
                reason = str(report.longrepr)[-3000:]
            self.rows.append({"id": report.nodeid, "outcome": report.outcome, "clause": props.get("clause", ""),
                              "duration": report.duration, "timeline": props.get("timeline"), "detail": reason})

    def pytest_sessionfinish(self, session):
        os.makedirs(self.dir, exist_ok=True)
        counts = {}
        for r in self.rows:
            counts[r["outcome"]] = counts.get(r["outcome"], 0) + 1
        parts = ["<!doctype html><meta charset='utf-8'><title>Conformance report</title><style>"
                 "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%}"
                 "td,th{border-bottom:1px solid #ddd;padding:6px;vertical-align:top;text-align:left}"
                 "td.tl{min-width:720px}td.id{overflow-wrap:anywhere;min-width:16em;max-width:24em}"
                 ".passed{color:#2e7d32}.failed{color:#c62828;font-weight:bold}.skipped{color:#888}"
                 "pre{white-space:pre-wrap;font-size:11px;max-height:16em;overflow:auto;background:#f7f7f7}"
                 "</style><h1>Conformance report</h1>",
                 "<p>%s &middot; %s</p>" % (time.strftime("%Y-%m-%d %H:%M:%S"),
                                           ", ".join("%d %s" % (n, k) for k, n in sorted(counts.items()))),
                 "<table><tr><th>scenario</th><th>clause</th><th>result</th><th>timeline (observed vs expected)</th></tr>"]
        for r in sorted(self.rows, key=lambda r: r["id"]):
            fig = svg(json.loads(r["timeline"])) if r["timeline"] else ""
            detail = "<pre>%s</pre>" % html.escape(r["detail"]) if r["detail"] else ""
            parts.append("<tr><td class='id'>%s<br><small>%.1fs</small></td><td>%s</td><td class='%s'>%s</td><td class='tl'>%s%s</td></tr>"
                         % (html.escape(r["id"]), r["duration"], html.escape(r["clause"]), r["outcome"],
                            r["outcome"], fig, detail))
        parts.append("</table>")
        with open(os.path.join(self.dir, "index.html"), "w") as f:
            f.write("".join(parts))
