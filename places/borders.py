"""Borders of the time: which border set is in force on a day, and which polity holds a place.

Historical world borders exist for a few years (1880 ... 1960). On a given day the set in
force is the latest one at or before it (the earliest before 1880). The polity of a place
is looked up in a lightly simplified copy of each set (the display copies are simplified
too hard for points near a border: Geneva would fall into France).

A polygon's NAME is the polity, unless its SUBJECTO names another state: then that state is
the polity and the NAME its part (the Azerbaijan SSR in 1930 is "USSR (Azerbaijan)", the
British Raj "United Kingdom ... (British Raj)"). The build tools correct the source where it
is wrong (tools/historical_corrections.py).

Looking points up needs shapely and nine sets of polygons (``places.border_lookup``), about
100 MB and a second of work; the answers for a journey's places are a small table, so they
are kept in the user's cache, and a program that must stay light (the app) has them worked
out in a separate process.
"""
from __future__ import annotations

import functools
import json
from bisect import bisect_right
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cache import fingerprint, keep_cached, read_cached
from .dates import FuzzyDate
from .resources import resource_path

log = logging.getLogger(__name__)

YEARS = (1880, 1900, 1914, 1920, 1930, 1938, 1945, 1960)
MODERN = "modern"
NEAREST_KM = 60.0  # coastal cities fall just outside coarse coastlines; take the nearest polity then
_QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "Syria (France)": the part is "Syria" under France


@dataclass(frozen=True)
class Polity:
    """The state holding a place in one border set; ``part`` names a constituent part."""

    name: str
    part: str | None = None

    @property
    def label(self) -> str:
        return f"{self.name} ({self.part})" if self.part else self.name


def polity_from(name: str | None, subjecto: str | None = None) -> Polity | None:
    """The polity of a polygon named ``name``, subject to ``subjecto`` (None: sovereign)."""
    if not name:
        return None
    if not subjecto or subjecto == name:
        return Polity(name)
    return Polity(subjecto, _QUALIFIER.sub("", name) or name)


def set_year_for(day: int) -> int:
    """The year of the border set in force on ``day``."""
    year = date.fromordinal(day).year
    fitting = [y for y in YEARS if y <= year]
    return fitting[-1] if fitting else YEARS[0]


PolityTable = dict[str, list[str | None]]  # set key ("1880" ... "1960", "modern") -> label per point

# Names the border sets give one state, under one regime, in different years: the source
# naming it two ways is not a change of state, so it does not make the polity between those
# two sets uncertain. A real change of name is not here (the German Empire became the German
# Reich of Weimar in 1918, the United Kingdom lost most of Ireland in 1922, Persia took the
# name Iran in 1935): between two sets that name them differently, both are named.
SAME_STATE = {
    "Kingdom of Italy": "Italy",                       # the kingdom, 1861-1946, in every set up to 1945
    "United States of America": "United States",
    "Austria Hungary": "Austro-Hungarian Empire",      # 1867-1918
    "Imperial Japan": "Empire of Japan",               # 1868-1947
}


def state_of(label: str | None) -> str | None:
    """The state a polity label names, whatever the set calls it: "USSR (Azerbaijan)" and
    "USSR" are one state, as are "Kingdom of Italy" and "Italy"."""
    if label is None:
        return None
    name = _QUALIFIER.sub("", label) or label
    return SAME_STATE.get(name, name)


@functools.cache
def transitions() -> dict[tuple[str, str], tuple[tuple[int, str | None], ...]]:
    """Dated changes of state between two sets (``transitions.json``, with the reasons):
    (state in the earlier set, state in the later) -> ((first day, name from that day), ...);
    a name of None: from that day the change had no one date, and both sets are named."""
    data = json.loads(resource_path("basemaps", "historical", "transitions.json").read_text(encoding="utf-8"))
    return {(t["from"], t["to"]): tuple((date.fromisoformat(on).toordinal(), name) for on, name in t["steps"])
            for t in data["transitions"]}


def polity_on(table: PolityTable, index: int, day: int, mode: str = "historical") -> str | None:
    """The polity of row ``index`` of ``table`` on ``day``, saying how far the sets can tell.

    The set in force on a day is a picture of its own year; by the next set the place may
    belong to another state. Where the change between the two is dated (``transitions``:
    the Provisional Government from 15 March 1917, the USSR from 30 December 1922), the state
    of the day is named. Otherwise the sets do not say when it changed, and the polity is not
    given as a fact but as the two pictures ("Russian Empire on the 1914 map, Ukraine on the
    1920 map": Kiev in 1919, fought over by several governments; Moscow too after 7 November
    1917, when Soviet power came city by city). Before the first set or after the last, the one set standing in is named
    as such; with modern borders, today's state is named as today's. ``atlas-borders.js``
    (``polityOf``) follows the same rule for the page.
    """
    if mode == MODERN:  # today's state, said as such: "Kiev — Ukraine" in 1902 would mislead
        labels = table.get(MODERN)
        return f"{labels[index]} (today's borders)" if labels and labels[index] else None
    year = date.fromordinal(day).year
    key = set_year_for(day)
    labels = table.get(str(key))
    if not labels:
        return None
    here = labels[index]
    if year == key:
        return here
    later = [y for y in YEARS if y > year and str(y) in table]
    if year < key or not later:  # before the first set, or after the last
        return _on_map(here, key)
    there = table[str(later[0])][index]
    if state_of(here) == state_of(there):
        return here
    steps = transitions().get((state_of(here), state_of(there)))  # type: ignore[arg-type]
    if steps and date(key, 12, 31).toordinal() < steps[0][0] and steps[-1][0] < date(later[0], 1, 1).toordinal():
        if day >= steps[-1][0] and steps[-1][1] is not None:
            return there
        name = next((name for first, name in reversed(steps) if day >= first), here)
        if name is not None:
            return name
    return f"{_on_map(here, key)}, {_on_map(there, later[0])}"


def polity_over(table: PolityTable, index: int, first: int, last: int, mode: str = "historical") -> str | None:
    """The polity over days ``first``..``last`` (a date known only to the month or the year, a
    passage's span): the state of its first day, and each dated change within it ("Russian
    SFSR, then USSR from 30 December 1922": December 1922), so that a month does not claim
    the state of its first day for all its days. ``atlas-borders.js`` does the same."""
    said = polity_on(table, index, first, mode)
    if mode == MODERN or last <= first:
        return said
    set_starts, set_ends, changes = _change_days()
    parts, now = [said if said is not None else "no state"], said
    for day in changes[bisect_right(changes, first):bisect_right(changes, last)]:
        then = polity_on(table, index, day, mode)
        if then == now or then is None:
            continue
        year = set_starts.get(day)
        if year is not None:  # a new set: no date of its own ("from 1 January 1920" would be one)
            if not (now or "").endswith(f"{then} on the {year} map"):  # else the two maps' answer resolves
                parts.append(f"{then} on the {year} map")
        elif day in set_ends:  # after a set's own year, no dated change: the two maps
            parts.append(f"uncertain after {set_ends[day]} ({then})")
        elif then.endswith(" map"):  # from this day no one state: say so, not "then Russian Empire"
            parts.append(f"uncertain from {FuzzyDate.from_day(day).label()} ({then})")
        else:
            parts.append(f"{then} from {FuzzyDate.from_day(day).label()}")
        now = then
    return ", then ".join(str(part) for part in parts) if len(parts) > 1 else said


@functools.cache
def _change_days() -> tuple[dict[int, int], dict[int, int], list[int]]:
    """The days a polity can change on, worked out once: each set's first day (year), the day
    after each set's own year (year: its map no longer a fact), and every dated step."""
    set_starts = {date(year, 1, 1).toordinal(): year for year in YEARS}
    set_ends = {date(year + 1, 1, 1).toordinal(): year for year in YEARS}
    steps = {day for changes in transitions().values() for day, _ in changes}
    return set_starts, set_ends, sorted(steps | set(set_starts) | set(set_ends))


def _on_map(label: str | None, year: int) -> str:
    return f"{label or 'no state'} on the {year} map"


def polity_table(points: list[tuple[float, float]]) -> PolityTable:
    """Polity labels of many points in every set (and "modern"): from the cache, else worked
    out here and kept."""
    cached = cached_polity_table(points)
    if cached is not None:
        return cached
    from .border_lookup import compute_polity_table

    table = compute_polity_table(points)
    _store(points, table)
    return table


def polity_table_in_subprocess(points: list[tuple[float, float]], timeout: float = 300.0) -> PolityTable | None:
    """The same table, worked out in a child process so that the caller never holds shapely
    or the polygons; None (and one log line) if that fails."""
    cached = cached_polity_table(points)
    if cached is not None:
        return cached
    try:
        done = subprocess.run([sys.executable, "-m", "places.border_lookup"], input=json.dumps(points),
                              capture_output=True, text=True, timeout=timeout, check=True)
        table = json.loads(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        log.warning("cannot work out the polities of the places: %s", exc)
        return None
    _store(points, table)
    return table


def cached_polity_table(points: list[tuple[float, float]]) -> PolityTable | None:
    """The table from the cache, or None when it was never worked out for these points."""
    text = read_cached(_cache_name(points))
    try:
        return json.loads(text) if text is not None else None
    except ValueError:
        return None


def _store(points: list[tuple[float, float]], table: PolityTable) -> None:
    keep_cached(_cache_name(points), json.dumps(table))


def _cache_name(points: list[tuple[float, float]]) -> str:
    """Keyed by the points and everything the answers come from: the lookup code and data."""
    folder = resource_path("basemaps", "historical", "lookup")
    data = [f"{p.name}:{p.stat().st_size}:{p.stat().st_mtime_ns}" for p in sorted(folder.glob("*.geojson"))]
    modern = resource_path("basemaps", "countries-50m.geojson").stat()
    code = (Path(__file__).parent / "border_lookup.py").read_bytes() + Path(__file__).read_bytes()
    return "polities/" + fingerprint(json.dumps(points), code, *data, f"{modern.st_size}:{modern.st_mtime_ns}") + ".json"
