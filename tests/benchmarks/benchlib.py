"""Helpers shared by the benchmark harness and its subprocess scripts (no Qt imports here)."""
from __future__ import annotations

import json
import math
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
BENCH_JSON = BUILD / "bench.json"


def qt_env() -> None:
    """Offscreen, and no Chromium sandbox when running as root (as the app itself does)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


# ---- statistics -----------------------------------------------------------------------------

def pct(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100)."""
    if not values:
        return None
    s = sorted(values)
    return s[max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))]


def summary(values: list[float], digits: int = 2) -> dict[str, Any]:
    r = lambda v: None if v is None else round(v, digits)  # noqa: E731
    return {"p50_ms": r(pct(values, 50)), "p95_ms": r(pct(values, 95)), "max_ms": r(max(values) if values else None), "n": len(values)}


def median(values: list[float]) -> float | None:
    return pct(values, 50) if values else None


# ---- memory: the process and every descendant (QtWebEngineProcess zygote, renderer, GPU) -----

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("ascii", "replace")
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(entry))
    return kids


def process_tree(pid: int) -> list[int]:
    kids, out, todo = _children_map(), [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _kb(path: str, key: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(key):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory_mb(pid: int) -> tuple[float, float, int]:
    """(sum of RSS, sum of PSS, process count) of a process tree, in MB (PSS counts shared pages once)."""
    pids = process_tree(pid)
    rss = sum(_kb(f"/proc/{p}/status", "VmRSS:") for p in pids)
    pss = sum(_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids)
    return rss / 1024, pss / 1024, len(pids)


class TreeSampler:
    """Samples a process tree's memory in a thread; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0.0
        self.max_procs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def sample(self) -> None:
        rss, pss, n = tree_memory_mb(self.pid)
        self.peak_rss, self.peak_pss, self.max_procs = max(self.peak_rss, rss), max(self.peak_pss, pss), max(self.max_procs, n)

    def __enter__(self) -> "TreeSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


# ---- machine ---------------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = _kb("/proc/meminfo", "MemTotal:") / 1024 / 1024
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"') + f" (kernel {platform.release()})"
    except OSError:
        pass
    try:
        import PySide6
        from PySide6.QtCore import qVersion
        qt = f"PySide6 {PySide6.__version__}, Qt {qVersion()}"
        try:
            from PySide6.QtWebEngineCore import qWebEngineChromiumVersion
            qt += f", Chromium {qWebEngineChromiumVersion()}"
        except ImportError:
            pass
    except ImportError:
        qt = "no Qt"
    return (f"{cpu}, {os.cpu_count()} cores, {ram_gb:.1f} GB RAM; {os_name}; "
            f"Python {platform.python_version()}; {qt}; QT_QPA_PLATFORM={os.environ.get('QT_QPA_PLATFORM', '')}")


# ---- subprocess runs (cold start) --------------------------------------------------------------

def run_timed_script(script: Path, *args: str, timeout: float = 180) -> dict[str, Any]:
    """Start ``python script T0 args...``; the script prints one JSON line when painted.

    T0 is the wall clock taken just before the spawn, so the figure includes interpreter
    start-up and every import. Memory of the whole process tree is sampled meanwhile.
    """
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    t0 = time.time()
    proc = subprocess.Popen([sys.executable, str(script), repr(t0), *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=str(ROOT))
    with TreeSampler(proc.pid, 0.05) as sampler:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    result: dict[str, Any] = {"returncode": proc.returncode}
    for line in out.splitlines():
        if line.startswith("{"):
            result.update(json.loads(line))
    if "painted_s" not in result:
        result["error"] = (err or out)[-2000:]
    result["peak_rss_mb"], result["peak_pss_mb"], result["procs"] = round(sampler.peak_rss, 1), round(sampler.peak_pss, 1), sampler.max_procs
    return result
