"""Performance benchmarks (issue 5): ``make bench`` runs them and writes build/bench.json.

Not part of ``make test``; no test asserts a timing (only that the run produced numbers).
Order matters and is the file order: cold start and memory first (a quiet machine), then the
data layer, then scrubbing in one offscreen window per journey, then the naive baseline,
then the report (a table on stdout and build/bench.json).

Scrub latency: ``window.state.set_day(day)`` (what the timeline does on drag) until
``window.map_view.painted`` fires with the seq of that seek (the page's first
requestAnimationFrame after applying it). Closed loop: the next step starts when the previous
one painted. Two patterns: "drag" (+3 days a step from a seeded start, 300 steps) and "jump"
(100 seeded uniformly random days). The required p50/p95/max keys of each journey are the drag
pattern; the jump figures sit next to them under "jump".
"""
from __future__ import annotations

import gc
import json
import os
import random
import statistics
import sys
import tempfile
import time
import timeit
from pathlib import Path
from typing import Any

import pytest

# A fresh cache for every run: the first start of the cold-start runs builds the page shell and
# the polity table (that run is reported too); the data layer measures a first and a second load.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="atlas-bench-cache-")

sys.path.insert(0, str(Path(__file__).parent))
from benchlib import BENCH_JSON, BUILD, ROOT, TreeSampler, machine, median, pct, run_timed_script, summary  # noqa: E402
from synthetic import synthetic_journey  # noqa: E402

from places import Itinerary, build_legs, bundled_journey_path, journey_from_data, load_journey  # noqa: E402

HERE = Path(__file__).parent
SIZES = (1000, 10000, 100000)
JOURNEYS = ("litvinov", *(f"synthetic_{n}" for n in SIZES))
MODERN = "_modern_borders"  # the same scrub with the borders of the time switched off, to price them
SCRUB_CASES = (*JOURNEYS, "litvinov" + MODERN)
DRAG_STEPS, DRAG_DAYS, JUMPS, PINGS = 300, 3, 100, 60
NAIVE_STEPS = 20
FRAME_S = 1 / 60
STARTUP_REPEATS = 5
PAGE_LOAD_TIMEOUT_S = float(os.environ.get("BENCH_PAGE_TIMEOUT_S", "180"))
ONLY = os.environ.get("BENCH_ONLY", "")  # e.g. BENCH_ONLY=litvinov,synthetic_1000 for a quick run

R: dict[str, Any] = {"machine": machine(), "scrub": {}, "naive_rebuild": {}, "startup": {}, "memory": {},
                     "data": {"load_ms": {}, "where_us": {}}, "page": {}}
_docs: dict[str, dict] = {}
_journeys: dict[str, Any] = {}


def wanted(name: str) -> bool:
    return not ONLY or name in ONLY.split(",")


def doc_of(name: str) -> dict | None:
    if name == "litvinov":
        return None
    if name not in _docs:
        _docs[name] = synthetic_journey(int(name.split("_")[1]))
    return _docs[name]


def journey_of(name: str):  # type: ignore[no-untyped-def]
    if name not in _journeys:
        _journeys[name] = load_journey(bundled_journey_path()) if name == "litvinov" else journey_from_data(doc_of(name), name)
    return _journeys[name]


_selected = {"partial": bool(ONLY)}


@pytest.fixture(autouse=True)
def _note_a_partial_run(request):  # type: ignore[no-untyped-def]
    """A run narrowed with -k or -m is partial too (see out_path)."""
    if request.config.getoption("keyword") or request.config.getoption("markexpr"):
        _selected["partial"] = True


def out_path() -> Path:
    """A partial run (BENCH_ONLY, -k or -m) must not clobber the reference build/bench.json."""
    return BUILD / "bench-partial.json" if _selected["partial"] else BENCH_JSON


def save() -> None:
    BUILD.mkdir(exist_ok=True)
    out_path().write_text(json.dumps(R, indent=1) + "\n", encoding="utf-8")


# ---- Qt plumbing: wait on a signal with an exact timestamp taken in the slot -----------------------

def spin_until(cond, timeout_s: float) -> bool:  # type: ignore[no-untyped-def]
    """Run the Qt event loop until cond() or the timeout; blocks in the loop, never busy-waits."""
    from PySide6.QtCore import QEventLoop, QTimer

    end = time.perf_counter() + timeout_s
    loop, timer = QEventLoop(), QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    while not cond():
        left = end - time.perf_counter()
        if left <= 0:
            return False
        timer.start(max(1, min(2, int(left * 1000))))
        loop.exec()
    return True


class PaintClock:
    """Records when ``painted(seq)`` arrives, in the slot itself."""

    def __init__(self, view):  # type: ignore[no-untyped-def]
        self.seen: dict[int, float] = {}
        self.applied: dict[int, float] = {}
        view.painted.connect(self._on)
        view.applied.connect(self._on_applied)

    def _on(self, seq: int) -> None:
        self.seen.setdefault(seq, time.perf_counter())

    def _on_applied(self, seq: int) -> None:
        """The page reports a seek applied (layers updated) over the bridge, before its frame."""
        self.applied.setdefault(seq, time.perf_counter())

    def wait(self, seq: int, timeout_s: float = 30) -> float | None:
        return self.seen[seq] if spin_until(lambda: seq in self.seen, timeout_s) else None


def js(view, expression: str, timeout_s: float = 60) -> Any:  # type: ignore[no-untyped-def]
    box: dict[str, Any] = {}
    view.page().runJavaScript(f"JSON.stringify({expression})", 0, lambda text: box.setdefault("v", text))
    assert spin_until(lambda: "v" in box, timeout_s), f"no answer from page: {expression[:80]}"
    return json.loads(box["v"]) if box["v"] else None


# In-page profiling, installed from the benchmark (atlas.js is not edited): time atlas.seek itself,
# canvas drawing (Leaflet's own for the places, ours for the trail and the basemap), and seek -> next rAF.
WRAP_JS = """(function () {
  if (window.__bench) return true;
  var B = window.__bench = { seek: [], frame: [], redraw: [], cur: 0 };
  var orig = atlas.seek;
  atlas.seek = function (x, seq) {
    var t0 = performance.now(); B.cur = 0;
    var r = orig.apply(this, arguments);
    B.seek.push(performance.now() - t0);
    requestAnimationFrame(function () { B.frame.push(performance.now() - t0); B.redraw.push(B.cur); });
    return r;
  };
  var redraw = L.Canvas.prototype._redraw;
  L.Canvas.prototype._redraw = function () {
    var t = performance.now(); var r = redraw.apply(this, arguments); B.cur += performance.now() - t; return r;
  };
  // Our own canvases count too: the trail's drawing (appends, tail and base redraws, view
  // changes) and the basemap's (land, the borders of the time).
  function timed(owner, name) {
    var f = owner[name];
    owner[name] = function () { var t = performance.now(); var r = f.apply(this, arguments); B.cur += performance.now() - t; return r; };
  }
  timed(atlas._internal.trailRenderer, "_draw");
  timed(window.AtlasCore.PolygonCanvas.prototype, "_redraw");
  return true;
})()"""


# ---- 1. cold start and memory (subprocesses) --------------------------------------------------------

def test_cold_start_and_memory():
    app_runs = [run_timed_script(HERE / "startup_app.py", "2") for _ in range(STARTUP_REPEATS)]
    floor_runs = [run_timed_script(HERE / "startup_floor.py", "2") for _ in range(STARTUP_REPEATS)]
    for run in app_runs + floor_runs:
        assert "painted_s" in run, run.get("error")
    med = lambda runs, key: round(statistics.median(r[key] for r in runs if key in r), 3)  # noqa: E731
    R["startup"] = {"app_s": med(app_runs, "painted_s"), "floor_s": med(floor_runs, "painted_s"),
                    "ratio": round(med(app_runs, "painted_s") / med(floor_runs, "painted_s"), 2),
                    "app_breakdown_s": {k: med(app_runs, k) for k in ("python_s", "qt_import_s", "app_import_s", "window_built_s", "page_ready_s", "painted_s")},
                    "floor_breakdown_s": {k: med(floor_runs, k) for k in ("python_s", "qt_import_s", "load_started_s", "painted_s")},
                    "runs": {"app": [r["painted_s"] for r in app_runs], "floor": [r["painted_s"] for r in floor_runs]},
                    "app_first_run_s": app_runs[0]["painted_s"],
                    "note": "median of the runs; the first app run starts with an empty cache (it renders the page "
                            "shell with folium and works out the polity table in a child process), the others reuse it"}
    R["memory"] = {"app_mb": med(app_runs, "peak_rss_mb"), "floor_mb": med(floor_runs, "peak_rss_mb"),
                   "app_pss_mb": med(app_runs, "peak_pss_mb"), "floor_pss_mb": med(floor_runs, "peak_pss_mb"),
                   "processes": max(r["procs"] for r in app_runs),
                   "runs_rss_mb": {"app": [r["peak_rss_mb"] for r in app_runs], "floor": [r["peak_rss_mb"] for r in floor_runs]},
                   "note": "peak over the run of the sum of VmRSS of the process and all descendants (QtWebEngineProcess); "
                           "PSS counts shared pages once. App: bundled journey, 2 s of 60 Hz scrubbing after the first paint."}
    save()


# ---- 5. data layer ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", JOURNEYS)
def test_data_layer(name, tmp_path, monkeypatch):
    if not wanted(name):
        pytest.skip("not in BENCH_ONLY")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the first load of the file checks it against the schema
    if name == "litvinov":
        path = bundled_journey_path()
    else:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(doc_of(name)), encoding="utf-8")
    t0 = time.perf_counter()
    journey = load_journey(path)
    first_load = time.perf_counter() - t0
    repeats = 5 if name in ("litvinov", "synthetic_1000") else (2 if name == "synthetic_10000" else 1)
    runs = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        journey = load_journey(path)  # the same text again: the schema pass is remembered, every other rule runs
        t1 = time.perf_counter()
        itinerary = Itinerary(journey)
        t2 = time.perf_counter()
        legs = build_legs(journey)
        t3 = time.perf_counter()
        runs.append((t1 - t0, t2 - t1, t3 - t2))
    best = min(runs, key=sum)
    R["data"]["load_ms"][name] = {"total_ms": round((first_load + best[1] + best[2]) * 1000, 1),
                                 "load_validate_ms": round(first_load * 1000, 1), "load_known_ms": round(best[0] * 1000, 1),
                                 "itinerary_ms": round(best[1] * 1000, 2), "build_legs_ms": round(best[2] * 1000, 1),
                                 "stays": len(journey.stays), "legs": len(legs), "arc_points": sum(len(leg.path) for leg in legs),
                                 "file_mb": round(Path(path).stat().st_size / 1e6, 2), "repeats": repeats}
    rng = random.Random(5)
    days = [rng.randint(journey.first_day, journey.last_day) for _ in range(1000)]
    it = iter(days * 1000)
    n = 20000
    secs = min(timeit.repeat(lambda: itinerary.where(next(it)), number=n, repeat=3))
    R["data"]["where_us"][name] = round(secs / n * 1e6, 3)
    _journeys[name] = journey
    save()


# ---- 1. scrub latency in the real window ----------------------------------------------------------------

def open_window(journey, tmp_path):  # type: ignore[no-untyped-def]
    """The real MainWindow offscreen; returns (window, clock, timings) once the first seek painted."""
    from PySide6.QtCore import QSettings

    from viewer.main_window import MainWindow
    from viewer.state import AppState

    t0 = time.perf_counter()
    state = AppState(journey)
    t1 = time.perf_counter()
    window = MainWindow(state, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    t2 = time.perf_counter()
    clock = PaintClock(window.map_view)
    ready: dict[str, float] = {}
    window.map_view.ready.connect(lambda: ready.setdefault("t", time.perf_counter()))
    window.map_view.loadFinished.connect(lambda ok: ready.setdefault("load", time.perf_counter()))
    window.resize(1300, 850)
    window.show()
    painted = clock.wait(1, PAGE_LOAD_TIMEOUT_S)
    html = sorted(Path(window.map_view._folder.name).glob("page-*/atlas-data.js"))
    timings = {"app_state_s": round(t1 - t0, 3), "main_window_s": round(t2 - t1, 3),
               "page_data_mb": round(html[-1].stat().st_size / 1e6, 2) if html else None,
               "page_load_finished_s": round(ready["load"] - t2, 3) if "load" in ready else None,
               "page_ready_s": round(ready["t"] - t2, 3) if "t" in ready else None,
               "first_paint_s": round(painted - t2, 3) if painted else None,
               "open_total_s": round(painted - t0, 3) if painted else None}
    return window, clock, timings


class HostSide:
    """Python-side split of a step, measured from the benchmark without touching viewer/:
    when the synchronous ``day_changed`` handlers (timeline, passage panel, status bar) are done
    (a slot connected last), and when the coalesced seek leaves for the page (``MapView.call``)."""

    def __init__(self, window):  # type: ignore[no-untyped-def]
        self.sync_done = self.call_sent = 0.0
        window.state.day_changed.connect(self._on_day)
        view, original = window.map_view, window.map_view.call

        def call(function, *args, **kwargs):  # type: ignore[no-untyped-def]
            if function == "seek":
                self.call_sent = time.perf_counter()
            return original(function, *args, **kwargs)

        view.call = call

    def _on_day(self, _day: int) -> None:
        self.sync_done = time.perf_counter()


def scrub(window, clock, host, days: list[int], rng: random.Random):  # type: ignore[no-untyped-def]
    """Closed loop, each step after a seeded random 0-16.7 ms idle (events keep flowing) so that
    steps land at random phases of the page's 60 Hz frame clock, as mouse moves do."""
    state, binding = window.state, window.binding
    total, sync, sent, applied = [], [], [], []
    for day in days:
        if state.clamp(day) == state.day:
            continue
        idle_end = time.perf_counter() + rng.uniform(0, FRAME_S)
        spin_until(lambda: time.perf_counter() >= idle_end, 1)
        seq = binding.seq + 1
        t0 = time.perf_counter()
        state.set_day(day)
        t1 = clock.wait(seq, 60)
        assert t1 is not None, f"seek {seq} never painted"
        total.append((t1 - t0) * 1000)
        if seq in clock.applied:
            applied.append((clock.applied[seq] - t0) * 1000)
        sync.append((host.sync_done - t0) * 1000)
        sent.append((host.call_sent - t0) * 1000)
    return total, {"qt_handlers_ms": summary(sync, 3), "until_run_js_ms": summary(sent, 3), "applied_ms": summary(applied, 3)}


def bridge_pings(window, clock, count: int, rng: random.Random) -> list[float]:  # type: ignore[no-untyped-def]
    """runJavaScript -> requestAnimationFrame -> host.painted: the floor of the scrub loop (same idle as scrub)."""
    page, out = window.map_view.page(), []
    for k in range(count):
        idle_end = time.perf_counter() + rng.uniform(0, FRAME_S)
        spin_until(lambda: time.perf_counter() >= idle_end, 1)
        seq = 50_000_000 + k
        t0 = time.perf_counter()
        page.runJavaScript(f"requestAnimationFrame(function () {{ atlas._internal.host.painted({seq}); }})")
        t1 = clock.wait(seq, 30)
        assert t1 is not None
        out.append((t1 - t0) * 1000)
    return out


def scrub_patterns(window, clock, journey):  # type: ignore[no-untyped-def]
    """The drag and jump patterns and the bridge pings in an open window (see the module doc)."""
    assert js(window.map_view, WRAP_JS)
    host = HostSide(window)
    spin_until(lambda: False, 1.0)  # let the initial follow pan settle
    rng = random.Random(1876)
    first, last = journey.first_day, journey.last_day
    start = rng.randint(first, max(first, last - DRAG_STEPS * DRAG_DAYS))
    window.state.set_day(start)
    clock.wait(window.binding.seq + 1 if window.binding._seek_pending else window.binding.seq, 30)
    spin_until(lambda: False, 0.5)
    js(window.map_view, "(function(){var B=window.__bench; B.seek=[]; B.frame=[]; B.redraw=[]; return true})()")
    drag, drag_host = scrub(window, clock, host, [start + DRAG_DAYS * (k + 1) for k in range(DRAG_STEPS)], rng)
    spin_until(lambda: False, 0.6)
    page_drag = js(window.map_view, "window.__bench")
    js(window.map_view, "(function(){var B=window.__bench; B.seek=[]; B.frame=[]; B.redraw=[]; return true})()")
    jump, jump_host = scrub(window, clock, host, [rng.randint(first, last) for _ in range(JUMPS)], rng)
    spin_until(lambda: False, 0.6)
    page_jump = js(window.map_view, "window.__bench")
    pings = bridge_pings(window, clock, PINGS, rng)
    return drag, jump, pings, page_drag, page_jump, drag_host, jump_host


@pytest.mark.parametrize("name", SCRUB_CASES)
def test_scrub(name, qapp, tmp_path):
    if not wanted(name):
        pytest.skip("not in BENCH_ONLY")
    journey = journey_of(name.removesuffix(MODERN))
    gc.collect()
    entry: dict[str, Any] = {"pattern": "drag"}
    R["scrub"][name] = entry
    with TreeSampler(os.getpid(), 0.25) as mem:
        window, clock, timings = open_window(journey, tmp_path)
        R["page"][name] = timings
        if timings["first_paint_s"] is None:
            entry.update({"p50_ms": None, "p95_ms": None, "max_ms": None,
                          "error": f"page did not paint within {PAGE_LOAD_TIMEOUT_S:.0f} s"})
            R["page"][name]["error"] = entry["error"]
            save()
            window.close()
            window.deleteLater()
            pytest.skip(entry["error"])
        if name.endswith(MODERN):
            window.state.set_borders("modern")
        entry["borders"] = window.state.borders
        drag, jump, pings, page_drag, page_jump, drag_host, jump_host = scrub_patterns(window, clock, journey)
        mem.sample()
    entry.update(summary(drag))
    entry["jump"] = summary(jump)
    entry["bridge_raf_floor"] = summary(pings)
    entry["in_page"] = {
        "drag": {**drag_host, "seek_ms": summary(page_drag["seek"], 3), "redraw_ms": summary(page_drag["redraw"], 3), "seek_to_raf_ms": summary(page_drag["frame"], 3)},
        "jump": {**jump_host, "seek_ms": summary(page_jump["seek"], 3), "redraw_ms": summary(page_jump["redraw"], 3), "seek_to_raf_ms": summary(page_jump["frame"], 3)},
    }
    entry["stays"], entry["legs"] = len(journey.stays), len(window.state.legs)
    R["page"][name]["peak_tree_rss_mb"] = round(mem.peak_rss, 1)
    R["page"][name]["peak_tree_pss_mb"] = round(mem.peak_pss, 1)
    save()
    window.close()
    window.deleteLater()
    spin_until(lambda: False, 0.5)
    assert drag and jump


# ---- 2. the naive baseline: rebuild the folium page with the day baked in, reload it ----------------------

def naive_load(view, journey, day: int, k: int) -> None:  # type: ignore[no-untyped-def]
    """What a folium user does for each new day: render the map anew with the state baked in
    (folium, templates, data and all) and load it, through the same view and bridge."""
    from PySide6.QtCore import QUrl

    from viewer.map_page import build_map_html

    path = Path(view._folder.name) / f"naive-{k}.html"
    path.write_text(build_map_html(journey, standalone=False, initial_day=day), encoding="utf-8")
    view.is_ready = False
    view._page.home = QUrl.fromLocalFile(str(path))
    view.load(view._page.home)


def test_naive_rebuild(qapp):
    from viewer.map_view import MapView

    journey = journey_of("litvinov")
    view = MapView()
    view.resize(1000, 700)
    view.show()
    clock = PaintClock(view)
    loaded: dict[str, bool] = {}
    view.loadFinished.connect(lambda ok: loaded.setdefault("ok", ok))
    rng = random.Random(20)
    days = [rng.randint(journey.first_day, journey.last_day) for _ in range(NAIVE_STEPS + 1)]
    times, builds = [], []
    for k, day in enumerate(days):
        loaded.clear()
        t0 = time.perf_counter()
        naive_load(view, journey, day, k)  # folium renders the whole page with the day baked in -> file -> load
        builds.append((time.perf_counter() - t0) * 1000)
        assert spin_until(lambda: loaded and view.is_ready, 60)
        seq = 90_000_000 + k
        view.page().runJavaScript(f"requestAnimationFrame(function () {{ atlas._internal.host.painted({seq}); }})")
        t1 = clock.wait(seq, 30)
        assert t1 is not None
        times.append((t1 - t0) * 1000)
    times, builds = times[1:], builds[1:]  # the first load warms the profile and the caches
    R["naive_rebuild"] = {**summary(times), "build_html_ms": summary(builds), "journey": "litvinov"}
    lit = R["scrub"].get("litvinov", {})
    if lit.get("p50_ms"):
        R["naive_rebuild"]["speedup_p50"] = round(R["naive_rebuild"]["p50_ms"] / lit["p50_ms"], 1)
        R["naive_rebuild"]["speedup_p95"] = round(R["naive_rebuild"]["p95_ms"] / lit["p95_ms"], 1)
    save()
    view.close()
    view.deleteLater()


# ---- report ----------------------------------------------------------------------------------------------

def fmt(v: Any, unit: str = "") -> str:
    return "—" if v is None else (f"{v:,.2f}{unit}" if isinstance(v, float) else f"{v:,}{unit}")


def test_report():
    global R
    if not R["scrub"] and not R["startup"] and BENCH_JSON.exists():  # run alone: print the last full run
        R = json.loads(BENCH_JSON.read_text(encoding="utf-8"))
    lines = ["", f"machine: {R['machine']}", "",
             f"{'journey':<24}{'stays':>8}{'legs':>8}{'drag p50':>10}{'p95':>10}{'max':>10}{'jump p50':>10}{'p95':>10}{'max':>10}"
             f"{'seek p50':>10}{'seek p95':>10}{'rAF floor':>10}{'load ms':>11}{'where µs':>9}{'open s':>8}{'data MB':>8}"]
    for name in SCRUB_CASES:
        s, d, p = R["scrub"].get(name, {}), R["data"]["load_ms"].get(name.removesuffix(MODERN), {}), R["page"].get(name, {})
        j, ip = s.get("jump", {}), s.get("in_page", {}).get("drag", {}).get("seek_ms", {})
        lines.append(f"{name:<24}{fmt(d.get('stays')):>8}{fmt(d.get('legs')):>8}{fmt(s.get('p50_ms')):>10}{fmt(s.get('p95_ms')):>10}"
                     f"{fmt(s.get('max_ms')):>10}{fmt(j.get('p50_ms')):>10}{fmt(j.get('p95_ms')):>10}{fmt(j.get('max_ms')):>10}"
                     f"{fmt(ip.get('p50_ms')):>10}{fmt(ip.get('p95_ms')):>10}{fmt(s.get('bridge_raf_floor', {}).get('p50_ms')):>10}"
                     f"{fmt(d.get('total_ms')):>11}{fmt(R['data']['where_us'].get(name.removesuffix(MODERN))):>9}{fmt(p.get('open_total_s')):>8}{fmt(p.get('page_data_mb')):>8}")
        if s.get("error"):
            lines.append(f"    {name}: {s['error']}")
    n, st, m = R["naive_rebuild"], R["startup"], R["memory"]
    lines += ["", f"naive rebuild (litvinov): p50 {fmt(n.get('p50_ms'))} ms, p95 {fmt(n.get('p95_ms'))} ms; "
                  f"speed-up of the scrub at p50 {fmt(n.get('speedup_p50'))}x, at p95 {fmt(n.get('speedup_p95'))}x",
              f"cold start: app {fmt(st.get('app_s'))} s, floor {fmt(st.get('floor_s'))} s ({fmt(st.get('ratio'))}x)",
              f"memory (peak RSS of the tree): app {fmt(m.get('app_mb'))} MB, floor {fmt(m.get('floor_mb'))} MB; "
              f"PSS app {fmt(m.get('app_pss_mb'))} MB, floor {fmt(m.get('floor_pss_mb'))} MB",
              f"results in {out_path().relative_to(ROOT)}", ""]
    print("\n".join(lines))
    save()
    assert out_path().exists()
