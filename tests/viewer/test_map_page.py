"""The map page in QtWebEngine: window.atlas answers, stays offline, and treats text as text."""
from __future__ import annotations

import re
from datetime import date

import pytest

from places import journey_from_data
from viewer.map_page import build_map_html
from viewer.page_data import build_page_data


@pytest.mark.parametrize("when, place", [("1910-06-01", "london"), ("1902-03-01", "kiev"), ("1942-06-01", "washington")])
def test_seek_then_state_gives_the_place_of_the_day(map_page, litvinov, when, place):
    page = map_page(litvinov)
    state = page.atlas("seek", when)
    assert state["status"] == "stay" and state["place"]["id"] == place
    assert page.atlas("state")["date"] == when


@pytest.mark.parametrize("opened_on", ["1905-11-01", "1876-07-17", "1930-06-01"])
def test_every_label_shows_the_name_of_the_day_from_the_first_frame_on(map_page, litvinov, opened_on):
    """St Petersburg became Petrograd in 1914 and Leningrad in 1924; Samara was Kuibyshev from
    1935. The labels must say so from the page's first frame, whatever day it opened on, and
    after every seek (the map once said "Petrograd" in 1905)."""
    page = map_page(litvinov, day=date.fromisoformat(opened_on).toordinal())
    labels = """(function () { var A = atlas._internal, out = {};
      A.data.places.forEach(function (p, i) { if (A.labelLayers[i]) out[p.id] = A.labelLayers[i].getElement().textContent; });
      return out; })()"""
    dated = [p for p in litvinov.places if any(n.start or n.end for n in p.names)]
    assert {"petrograd", "kuibyshev", "oslo", "tallinn"} <= {p.id for p in dated}
    # ... the renaming days too: the new name on its first day (1924-01-26 is Leningrad's)
    for when in (None, "1880-01-01", "1905-11-01", "1916-01-01", "1930-06-01", "1942-06-01", "1919-03-01",
                 "1924-01-26", "1914-08-31", "1935-01-27", "1924-01-25"):
        day = page.atlas("seek", when)["day"] if when else page.atlas("state")["day"]
        shown = page.js(labels)
        assert {p.id: shown[p.id] for p in dated} == {p.id: p.name_on(day) for p in dated}, when or opened_on


def test_the_page_rests_when_nothing_happens(map_page, litvinov):
    """The current position pulses on arriving at a place, a few times, then stops: an endless
    pulse kept the page drawing 60 frames a second while idle (half a core here, more on a
    laptop's battery). Every animation on the page must end."""
    page = map_page(litvinov)
    animations = """document.getAnimations().map(function (a) {
      var t = a.effect.getComputedTiming(); return [a.animationName || a.id, t.endTime, a.playState]; })"""
    page.atlas("seek", "1910-06-01")  # London
    running = page.js(animations)
    assert running and all(name.startswith("atlas-pulse") for name, _, _ in running)
    assert all(end is not None and end < 10000 for _, end, _ in running)  # finite: it ends (JSON has no Infinity)
    page.js("(document.getAnimations().forEach(function (a) { a.finish(); }), true)")
    page.atlas("seek", "1911-06-01")  # still in London: no new pulse
    assert page.js(animations) == []
    page.atlas("seek", "1918-12-30")  # arrived in Stockholm: a new pulse
    assert [name for name, _, state in page.js(animations) if state == "running"]


def test_seek_accepts_day_numbers_and_lists_visited_places(map_page, litvinov):
    page = map_page(litvinov)
    state = page.atlas("seek", date(1915, 6, 1).toordinal())
    assert state["date"] == "1915-06-01" and state["place"]["name"] == "London"
    assert state["visited"][0] == "bialystok" and "london" in state["visited"] and "washington" not in state["visited"]
    assert {"id": "moscow", "name": "Moscow"} in page.atlas("places")


def test_the_marker_travels_along_the_leg_between_two_stays(map_page, litvinov):
    from places import Itinerary, Status

    itinerary = Itinerary(litvinov)
    day = next(d for d in range(litvinov.first_day, litvinov.last_day) if itinerary.where(d).status is Status.TRAVEL and 0.3 < itinerary.where(d).progress < 0.7)
    page = map_page(litvinov)
    state = page.atlas("seek", day)
    where = itinerary.where(day)
    assert state["status"] == "travel"
    assert (state["from"]["id"], state["to"]["id"]) == (where.origin.id, where.destination.id)
    marker = page.js("atlas._internal.currentMarker.getLatLng()")
    lats = sorted([where.origin.lat, where.destination.lat])
    assert lats[0] - 5 <= marker["lat"] <= lats[1] + 5
    assert marker != {"lat": where.origin.lat, "lng": where.origin.lon}


def test_seeking_touches_only_what_changed(map_page, litvinov):
    page = map_page(litvinov)
    page.atlas("seek", "1910-06-01")
    ops = lambda: page.js("[atlas._internal.trailOps, atlas._internal.legsDrawn]")
    before = ops()
    page.atlas("seek", "1910-06-02")
    assert ops() == before  # nothing moved in a day in London: the trail is not touched
    page.atlas("seek", "1918-12-30")
    data = build_page_data(litvinov)
    arrived = sum(1 for a in data["legs"]["arrive"] if a <= date(1918, 12, 30).toordinal())
    before_arrived = sum(1 for a in data["legs"]["arrive"] if a <= date(1910, 6, 2).toordinal())
    assert ops()[1] - before[1] == arrived - before_arrived  # only the legs passed are drawn
    assert page.js("atlas._internal.legsArrived") == arrived


def test_scrubbing_a_long_journey_draws_the_legs_passed_and_creates_no_layers(map_page):
    from benchmarks.synthetic import synthetic_journey

    journey = journey_from_data(synthetic_journey(6000, 200, seed=7))
    page = map_page(journey)
    layers = lambda: page.js("atlas._internal.trail.getLayers().length - Object.keys(atlas._internal.arrows).length")
    drawn = lambda: page.js("atlas._internal.legsDrawn")
    settled = lambda: page.qtbot.waitUntil(lambda: page.js("atlas._internal.trailRenderer.drawn && !atlas._internal.trailRenderer.queue.length"), timeout=10000)
    page.atlas("follow", False)
    arrive = build_page_data(journey)["legs"]["arrive"]
    middle = arrive[len(arrive) // 2]
    page.atlas("seek", middle)
    settled()
    count_before = layers()
    for step in range(1, 40):  # a drag forward: each step draws only the legs it passes
        before = drawn()
        page.atlas("seek", middle + 3 * step)
        passed = sum(1 for a in arrive if middle + 3 * (step - 1) < a <= middle + 3 * step)
        assert drawn() - before == passed
        settled()
    before = drawn()
    page.atlas("seek", middle + 3 * 20)  # a step back redraws the tail, not the whole trail
    assert page.js("atlas._internal.legsArrived") == sum(1 for a in arrive if a <= middle + 3 * 20)
    assert 0 < drawn() - before <= 2 * 2000 + 3 * 40
    assert layers() == count_before == 2  # no layer per leg: one renderer and the leg under way (and arrows)
    before = drawn()
    page.atlas("seek", journey.first_day + 30)  # a long jump back: the newest legs at once, the rest in later frames
    assert drawn() - before <= 4000
    settled()
    page.atlas("seek", journey.last_day)
    assert page.js("atlas._internal.legsArrived") == len(arrive)


def test_after_a_pan_the_old_drawing_stays_until_the_whole_view_is_drawn_anew(map_page, litvinov):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    page.atlas("follow", False)
    places = "atlas._internal.placeLayers[0].options.renderer"
    stacks = ["atlas._internal.basemapCanvas", "atlas._internal.trailRenderer"]
    placed = lambda: page.js("[" + ",".join(f"{s}._covers() && {s}.drawn && !{s}._lagFrame" for s in stacks) + f", !{places}._lagFrame]")
    page.qtbot.waitUntil(lambda: placed() == [True, True, True], timeout=10000)
    assert page.atlas("settled") is True
    where = lambda: page.js("[" + ",".join(f"{s}._container.style.transform" for s in [*stacks, places]) + "]")
    before, draws, legs = where(), page.js("atlas._internal.basemapDraws"), page.js("atlas._internal.legsDrawn")
    # Right after the pan (in the same task): nothing blanked or moved, as each drawing still
    # shows the right places, though it no longer covers the view...
    right_after = page.js("(function () { atlas._internal.map.panBy([600, 300], {animate: false}); return ["
                          + ",".join(f"{s}._container.style.transform, {s}.drawn, {s}._covers()" for s in stacks)
                          + f", {places}._container.style.transform, atlas.settled()]; }})()")
    assert right_after == [before[0], True, False, before[1], True, False, before[2], False]
    # ...and a few frames later all are placed around the new view and drawn anew.
    page.qtbot.waitUntil(lambda: placed() == [True, True, True], timeout=10000)
    page.qtbot.waitUntil(lambda: page.atlas("settled") is True, timeout=10000)
    after = where()
    assert all(a != b for a, b in zip(after, before))
    assert page.js("atlas._internal.basemapDraws") > draws and page.js("atlas._internal.legsDrawn") > legs
    # A place in the part the pan uncovered takes a real click.
    page.js("(atlas._internal.map.panTo([48.8566, 2.3522], {animate: false}), true)")
    page.qtbot.waitUntil(lambda: placed() == [True, True, True], timeout=10000)
    point = page.js("atlas._internal.map.latLngToContainerPoint([48.8566, 2.3522])")  # Paris
    target = page.view.focusProxy()
    with page.qtbot.waitSignal(page.view.place_clicked, timeout=5000) as clicked:
        QTest.mouseMove(target, QPoint(round(point["x"]), round(point["y"])))
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(point["x"]), round(point["y"])))
    assert clicked.args == ["paris"]


def test_after_a_resize_the_canvases_are_placed_for_the_new_size(map_page, litvinov):
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    page.atlas("follow", False)
    renderers = ["atlas._internal.basemapCanvas", "atlas._internal.trailRenderer", "atlas._internal.placesRenderer"]
    sizes = lambda: page.js("[" + ",".join(f"[{r}._placedSize.x, {r}._placedSize.y]" for r in renderers) + ", atlas._internal.map.getSize()]")
    page.qtbot.waitUntil(lambda: page.atlas("settled") is True, timeout=10000)
    page.view.resize(800, 560)  # smaller: the old canvases still cover the view, but a zoom would misplace them
    size = lambda: page.js("atlas._internal.map.getSize()")
    page.qtbot.waitUntil(lambda: size()["x"] < 1000, timeout=10000)
    page.qtbot.waitUntil(lambda: page.atlas("settled") is True and all(s == [size()["x"], size()["y"]] for s in sizes()[:3]), timeout=10000)


def test_a_zoom_places_the_canvases_at_once(map_page, litvinov):
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    page.atlas("follow", False)
    page.qtbot.waitUntil(lambda: page.js("atlas._internal.basemapCanvas._covers()"), timeout=10000)
    page.js("(atlas._internal.map.setZoom(atlas._internal.map.getZoom() + 1, {animate: false}), true)")
    assert page.js("atlas._internal.basemapCanvas._covers() && !atlas._internal.basemapCanvas._lagFrame")


def test_after_a_zoom_the_trail_shows_only_the_legs_travelled(map_page):
    """Legs still queued for a canvas when it is placed anew must not be drawn on it later."""
    from benchmarks.synthetic import synthetic_journey

    journey = journey_from_data(synthetic_journey(8000, 1500, seed=7))  # many places: fewer legs repeat a line
    page = map_page(journey)
    page.atlas("follow", False)
    page.js("(atlas._internal.map.setZoom(7, {animate: false}), true)")  # fewer legs in view: quicker to draw
    arrive = build_page_data(journey)["legs"]["arrive"]
    settled = lambda: page.qtbot.waitUntil(lambda: page.atlas("settled") is True, timeout=20000)
    page.atlas("seek", journey.last_day)
    settled()
    day = lambda legs: arrive[legs - 1]
    n = len(arrive)
    # A jump back past the base (the base's legs are queued behind the tail's), a step back of
    # less than the tail's room; then, in the first frame with only the base's legs still
    # queued, a zoom: the canvases are placed anew while old work waits.
    budget = page.js("atlas._internal.trailRenderer.options.frameMs")
    page.js("(atlas._internal.trailRenderer.options.frameMs = 0.001, true)")  # about a piece a frame, for now
    page.atlas("seek", day(n - 3000))
    page.atlas("seek", day(n - 4000))
    page.js("(function () { var T = atlas._internal.trailRenderer, m = atlas._internal.map; window.__zoomed = false;"
            " (function wait() { if (T._queued('tail') || !T._queued('base')) { requestAnimationFrame(wait); return; }"
            f" m.setZoom(m.getZoom() + 1, {{animate: false}}); T.options.frameMs = {budget}; window.__zoomed = true; }})(); return true; }})()")
    page.qtbot.waitUntil(lambda: page.js("window.__zoomed") is True, timeout=20000)
    settled()
    page.atlas("seek", day(n - 5500))  # back past legs the old base held, not past the new base
    settled()
    # Pixels the past trail covers (on either canvas: how legs split between them may differ).
    painted = ("(function () { var T = atlas._internal.trailRenderer, seen = null, n = 0;"
               " ['base', 'tail'].forEach(function (role) { var c = T._canvas[role]; if (!c.width) return;"
               " var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
               " if (!seen) seen = new Uint8Array(d.length / 4);"
               " for (var i = 3; i < d.length; i += 4) if (d[i]) seen[i >> 2] = 1; });"
               " for (var j = 0; seen && j < seen.length; j++) n += seen[j]; return n; })()")
    shown = page.js(painted)
    page.js("(function () { var T = atlas._internal.trailRenderer; T._clearCanvas('base'); T._clearCanvas('tail'); T._redraw(); return true; })()")
    settled()
    assert shown == page.js(painted) > 0


def test_a_leg_across_the_antimeridian_is_drawn_on_both_sides(map_page, mini_data):
    mini_data["places"].append({"id": "honolulu", "name": "Honolulu", "lat": 21.3069, "lon": -157.8583})
    mini_data["places"].append({"id": "tokyo", "name": "Tokyo", "lat": 35.6895, "lon": 139.6917})
    last = mini_data["stays"][-1]["end"]
    year = int(last[:4]) + 1
    mini_data["person"]["died"] = f"{year}-12-31"
    mini_data["stays"] += [
        {"place": "tokyo", "start": f"{year}-01-01", "end": f"{year}-01-10", "kind": "visit", "certainty": "certain", "source": mini_data["stays"][0]["source"]},
        {"place": "honolulu", "start": f"{year}-02-01", "end": f"{year}-02-10", "kind": "visit", "certainty": "certain", "source": mini_data["stays"][0]["source"]},
    ]
    journey = journey_from_data(mini_data)
    page = map_page(journey)
    page.atlas("seek", f"{year}-01-28")
    parts = page.js("atlas._internal.partial.getLatLngs().map(function(p){return p.map(function(l){return [l.lat, l.lng]})})")
    assert len(parts) == 2  # cut at the edge of the world, not run off it
    assert parts[0][0][1] > 130 and parts[0][-1][1] == 180
    assert parts[1][0][1] == -180 and all(-180 <= lon <= -150 for _, lon in parts[1])
    marker = page.js("atlas._internal.currentMarker.getLatLng()")
    assert -180 <= marker["lng"] <= 180


def test_the_page_draws_each_leg_along_the_arc_the_exports_give(map_page, mini_data):
    """The page computes its arcs itself; they must be the GeoJSON export's arcs, point for
    point, also across the antimeridian, near and over the pole, from the pole, over a tiny
    hop, near halfway round and exactly halfway round (where every route is as short)."""
    from places.legs import arc_points

    extra = [("honolulu", 21.3069, -157.8583), ("tokyo", 35.6895, 139.6917), ("svalbard", 78.2232, 15.6267),
             ("anchorage", 61.2181, -149.9003), ("nearby", 51.5072, -0.1176), ("antipode", -50.0, -149.0),
             ("kievantipode", -50.45, -149.48), ("tiksi", 70.583, 124.8781), ("overthepole", 70.583, -55.1219),
             ("northpole", 90.0, 0.0)]
    mini_data["places"] += [{"id": pid, "name": pid.title(), "lat": lat, "lon": lon} for pid, lat, lon in extra]
    source = mini_data["stays"][0]["source"]
    year = int(mini_data["stays"][-1]["end"][:4]) + 1
    mini_data["person"]["died"] = f"{year + 1}-12-31"
    order = ["tokyo", "honolulu", "svalbard", "anchorage", "tokyo", "london", "nearby", "kiev", "antipode", "kiev",
             "kievantipode", "tiksi", "overthepole", "northpole", "kiev"]
    mini_data["stays"] += [{"place": pid, "start": f"{year + m // 12}-{m % 12 + 1:02d}-01", "end": f"{year + m // 12}-{m % 12 + 1:02d}-10",
                            "kind": "visit", "certainty": "certain", "source": source} for m, pid in enumerate(order)]
    journey = journey_from_data(mini_data)
    page = map_page(journey)
    data = build_page_data(journey, polities=False)
    arcs = page.js("(function () { var a = atlas._internal.arcs, out = [];"
                   " for (var p = 0; p + 1 < a.offsets.length; p++) { var pts = [];"
                   "   for (var j = a.offsets[p]; j < a.offsets[p + 1]; j++) pts.push([a.lat[j], a.lon[j]]);"
                   "   out.push(pts); } return out; })()")
    places = journey.places
    expected = [arc_points(places[a], places[b]) for a, b in zip(data["legs"]["arcs"]["from"], data["legs"]["arcs"]["to"])]
    assert len(arcs) == len(expected) == len(set(zip(data["legs"]["arcs"]["from"], data["legs"]["arcs"]["to"]))) >= 12
    for got, want in zip(arcs, expected):
        assert len(got) == len(want)
        # Python rounds to 4 places. Longitudes are compared modulo whole turns: right by a pole
        # the two maths libraries may unwrap one point a turn apart, which draws the same line.
        assert [lat for lat, _ in got] == pytest.approx([lat for lat, _ in want], abs=1e-4)
        assert [((g - w + 180) % 360) - 180 for (_, g), (_, w) in zip(got, want)] == pytest.approx([0] * len(want), abs=1e-4)
    assert max(len(pts) for pts in arcs) == 128 and min(len(pts) for pts in arcs) == 2
    assert any(max(lon for _, lon in pts) > 180 for pts in arcs)  # unwrapped the short way round


def test_a_real_click_on_a_place_reaches_the_host(map_page, litvinov, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    page.atlas("follow", False)
    point = page.js("atlas._internal.map.latLngToContainerPoint([48.8566, 2.3522])")  # Paris
    top = page.js(f"document.elementFromPoint({point['x']}, {point['y']}).closest('.leaflet-pane').className")
    assert "leaflet-atlasPlaces-pane" in top  # nothing above the markers swallows the pointer
    target = page.view.focusProxy()
    with qtbot.waitSignal(page.view.place_clicked, timeout=5000) as clicked:
        QTest.mouseMove(target, QPoint(round(point["x"]), round(point["y"])))
        QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(round(point["x"]), round(point["y"])))
    assert clicked.args == ["paris"]


def test_hovering_a_country_names_its_polity(map_page, litvinov):
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    assert page.js("atlas._internal.bordersKey") == "1914"
    page.js("(function(){var m=atlas._internal.map; m.fire('mousemove', {latlng: L.latLng(51.0, 10.0), containerPoint: m.latLngToContainerPoint([51, 10])}); return true})()")
    page.qtbot.waitUntil(lambda: "German" in page.js("document.querySelector('.atlas-polity').textContent"), timeout=3000)


def test_the_polity_named_follows_the_map_under_a_still_pointer(map_page, litvinov):
    """The map moved (a follow pan) or the borders changed under a pointer that did not move:
    the name is of what lies under it now. Over a control, none is named."""
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    polity = "document.querySelector('.atlas-polity').textContent"
    page.js("(function(){var m=atlas._internal.map; m.setView([51, 10], 5, {animate: false});"
            " var p=m.latLngToContainerPoint([51, 10]); m.fire('mousemove', {latlng: L.latLng(51, 10), containerPoint: p}); return true})()")
    page.qtbot.waitUntil(lambda: "German" in page.js(polity), timeout=3000)
    page.js("(atlas._internal.map.setView([47, 2.5], 5, {animate: false}), true)")  # France now under the pointer
    page.qtbot.waitUntil(lambda: "France" in page.js(polity) or "French" in page.js(polity), timeout=3000)
    page.js("(function(){var m=atlas._internal.map, c=document.querySelector('.leaflet-control-zoom');"
            " m.fire('mousemove', {latlng: L.latLng(47, 2.5), containerPoint: L.point(10, 10), originalEvent: {target: c}}); return true})()")
    assert page.js(polity) == ""


def test_the_polity_named_goes_when_the_pointer_leaves_the_page(map_page, litvinov):
    """Leaving for the app's panels may bring no Leaflet mouseout (a review saw the name stay)."""
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    polity = "document.querySelector('.atlas-polity').textContent"
    hover = ("(function(){var m=atlas._internal.map; m.setView([51, 10], 5, {animate: false});"
             " var p=m.latLngToContainerPoint([51, 10]); m.fire('mousemove', {latlng: L.latLng(51, 10), containerPoint: p}); return true})()")
    for leave in ("atlas._internal.map.getContainer().dispatchEvent(new MouseEvent('mouseleave'))",
                  "window.dispatchEvent(new Event('blur'))"):
        page.js(hover)
        page.qtbot.waitUntil(lambda: "German" in page.js(polity), timeout=3000)
        page.js(f"({leave}, true)")
        assert page.js(polity) == ""
        page.js("(atlas._internal.map.setView([47, 2.5], 5, {animate: false}), true)")  # a pan after: still none
        page.qtbot.wait(50)
        assert page.js(polity) == ""


def test_select_highlights_a_place_and_fit_works(map_page, litvinov):
    page = map_page(litvinov)
    assert page.atlas("select", "geneva") is True
    assert page.atlas("state")["selected"] == "geneva"
    assert page.atlas("select", "atlantis") is False
    assert page.atlas("fit") is True


def test_the_page_requests_nothing_outside_the_machine(map_page, litvinov):
    page = map_page(litvinov)
    for when in ("1880-01-01", "1902-03-01", "1918-12-30", "1933-11-10", "1942-06-01", "1951-12-31"):
        page.atlas("seek", when)
    page.atlas("select", "london")
    page.atlas("fit")
    page.qtbot.wait(300)
    assert page.view.interceptor.blocked == []


def test_the_offline_guard_does_catch_remote_requests(map_page, litvinov):
    """The interceptor is real: with Chromium's own lock open, tile requests are still blocked."""
    page = map_page(litvinov)
    page.view.allow_online_tiles(False, remote_urls=True)
    page.atlas("basemap", "osm")
    page.qtbot.waitUntil(lambda: any("openstreetmap" in u for u in page.view.interceptor.blocked), timeout=10000)
    page.atlas("basemap", "offline")
    page.view.interceptor.blocked.clear()


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def hostile_journey(mini_data):
    mini_data["places"][1]["name"] = "London " + HOSTILE
    mini_data["passages"][1]["text"] = "Passage " + HOSTILE + " see https://example.org/a?b=<c>"
    mini_data["title"] = "</title><script>window.__pwned=3</script><title>"
    return journey_from_data(mini_data)


def test_hostile_text_in_the_app_page_runs_nothing(map_page, mini_data):
    page = map_page(hostile_journey(mini_data), day=date(1900, 5, 10).toordinal())
    state = page.atlas("state")
    assert state["place"]["name"] == "London " + HOSTILE
    page.qtbot.wait(200)
    assert page.js("window.__pwned === undefined")
    assert page.js("document.querySelectorAll('img[src=x]').length") == 0
    labels = page.js("Array.from(document.querySelectorAll('.atlas-label')).map(function(e){return e.textContent})")
    assert "London " + HOSTILE in labels


def test_hostile_text_in_the_export_shows_literally(file_page, mini_data, tmp_path):
    from viewer.export_page import export_html

    out = tmp_path / "hostile.html"
    export_html(hostile_journey(mini_data), out, at_day=date(1900, 5, 10).toordinal())
    page = file_page(out)
    page.atlas("select", "london")
    popup = page.js("document.querySelector('.atlas-popup').textContent")
    assert HOSTILE in popup
    assert page.js("window.__pwned === undefined")
    assert page.js("document.querySelectorAll('img[src=x]').length") == 0
    link = page.js("(function(){var a=document.querySelector('.atlas-popup a'); return [a.href, a.rel, a.target]})()")
    assert link == ["https://example.org/a?b=", "noopener noreferrer", "_blank"]


def test_the_export_opens_alone_from_an_empty_folder(file_page, litvinov, tmp_path):
    from viewer.export_page import export_html

    folder = tmp_path / "empty"
    folder.mkdir()
    out = folder / "litvinov.html"
    export_html(litvinov, out, at_day=date(1918, 12, 30).toordinal())
    assert [p.name for p in folder.iterdir()] == ["litvinov.html"]
    html = out.read_text(encoding="utf-8")
    assert not re.search(r"""<(script|link|img)\b[^>]*\b(src|href)=""", html)  # every asset is inline
    page = file_page(out)
    assert page.atlas("state")["place"]["id"] == "stockholm"
    assert page.js("!!document.querySelector('.atlas-player input[type=range]')")
    assert page.js("document.querySelector('.atlas-date-label').textContent") == "30 December 1918"
    page.js("(function(){var s=document.querySelector('.atlas-slider'); s.value=" + str(date(1942, 6, 1).toordinal()) + "; s.dispatchEvent(new Event('input')); return true})()")
    assert page.atlas("state")["place"]["id"] == "washington"
    from viewer.web_profile import atlas_profile

    assert atlas_profile()[1].blocked == []


def test_the_app_page_links_local_files_and_the_export_inlines_them(litvinov):
    app_html = build_map_html(litvinov, standalone=False)
    export = build_map_html(litvinov, standalone=True)
    assert "file://" in app_html and "qwebchannel.js" in app_html
    assert "file://" not in export and "qwebchannel" not in export
    for html in (app_html, export):
        assert "cdn.jsdelivr" not in html and "code.jquery" not in html and "bootstrap" not in html


def test_labels_never_overlap_and_places_ahead_are_named_too(map_page, litvinov):
    page = map_page(litvinov, day=date(1915, 6, 1).toordinal())
    boxes = lambda: page.js("""Array.from(document.querySelectorAll('.atlas-label')).filter(function(e){
        return getComputedStyle(e).visibility !== 'hidden'}).map(function(e){var r=e.getBoundingClientRect();
        return [e.textContent, r.left, r.top, r.right, r.bottom, e.classList.contains('atlas-label-future')]})""")
    for zoom in (3, 4, 5, 6):
        page.js(f"(function(){{atlas._internal.map.setZoom({zoom}, {{animate: false}}); return true}})()")
        shown = boxes()
        for i, a in enumerate(shown):
            for b in shown[i + 1:]:
                assert a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2], (a[0], b[0])
        assert "London" in [b[0] for b in shown]  # the current place always keeps its name
    assert any(b[5] for b in shown)  # places not yet visited are named (faintly) where there is room


def test_the_app_page_shell_is_one_for_every_journey_and_is_rendered_once(litvinov, mini_data, monkeypatch):
    from viewer import folium_page, map_page

    shell = map_page.app_page_shell()
    assert map_page.DATA_SCRIPT in shell and "Białystok" not in shell and 'id="atlas-data"' not in shell
    monkeypatch.setattr(folium_page, "render_page", lambda **kw: pytest.fail("the cached shell was rendered again"))
    assert map_page.app_page_shell() == shell
    for journey in (litvinov, journey_from_data(mini_data)):
        script = map_page.data_script(journey)
        assert script.startswith("window.ATLAS_DATA = JSON.parse(") and "<" not in script


def test_the_app_page_takes_its_title_from_the_journey_as_text(map_page, mini_data):
    mini_data["title"] = "Journeys <b>& more</b>"
    page = map_page(journey_from_data(mini_data))
    assert page.js("document.title") == "Journeys <b>& more</b>"
    assert page.js("document.querySelectorAll('b').length") == 0


def test_starting_the_window_imports_no_page_renderer_nor_geocoder(tmp_path):
    """Start-up pays only for what the first paint needs: folium renders the page shell once
    (then it is cached), geopy's geocoders wait for online geocoding, shapely works out the
    polities in a child process, pyproj measures only journeys of thousands of moves."""
    import subprocess
    import sys

    code = ("import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
            "import PySide6.QtWebEngineWidgets;"
            "from viewer.app import choose_journey; from viewer.main_window import MainWindow; from viewer.state import AppState;"
            "from places import load_journey, bundled_journey_path; AppState(load_journey(bundled_journey_path()));"
            "print(sorted(m for m in ('folium', 'branca', 'jinja2', 'geopy', 'requests', 'dateparser', 'shapely', 'numpy', 'pyproj') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_the_page_reports_its_first_frame_with_the_bridge_up(qtbot, litvinov):
    """painted(0): the map is on screen at its initial day, and the host can already drive it."""
    from viewer.map_view import MapView

    view = MapView()
    view.resize(800, 600)
    view.show()
    painted = []
    view.painted.connect(lambda seq: painted.append((seq, view.is_ready)))
    try:
        view.load_journey(litvinov, initial_day=date(1918, 12, 30).toordinal())
        qtbot.waitUntil(lambda: bool(painted), timeout=30000)
        assert painted[0] == (0, True)  # the first report is the page's own frame, with the host connected
        from page_driver import PageDriver

        assert PageDriver(qtbot, view).atlas("state")["place"]["id"] == "stockholm"
    finally:
        view.close()
        view.deleteLater()


def test_the_page_starts_with_the_hosts_view(qtbot, litvinov):
    """A page (re)loaded while the person has the trail off and modern borders starts that way:
    its first frame never shows the defaults."""
    from page_driver import PageDriver
    from viewer.map_view import MapView

    view = MapView()
    view.resize(800, 600)
    view.show()
    try:
        with qtbot.waitSignal(view.painted, timeout=30000):
            view.load_journey(litvinov, initial_day=date(1930, 6, 1).toordinal(),
                              view={"follow": True, "trail": False, "borders": "modern"})
        page = PageDriver(qtbot, view)
        assert page.js("[atlas._internal.showTrail, atlas._internal.follow, atlas._internal.map.hasLayer(atlas._internal.trail)]") == [False, True, False]
        assert page.atlas("state")["borders"] == "modern"
    finally:
        view.close()
        view.deleteLater()


def test_online_tiles_replace_the_land_but_keep_the_borders(map_page, litvinov):
    page = map_page(litvinov, date(1914, 6, 1).toordinal())
    layers = "(function(){var s=atlas._internal.basemapCanvas._sets; return [s.land.on, s.borders.on, !!s.borders.prepared]})()"
    assert page.js(layers) == [True, True, True]
    page.js("(atlas.basemap('osm'), atlas._internal.osm.fire('tileload'), true)")  # a tile came: the land goes
    assert page.js(layers) == [False, True, True]
    page.atlas("basemap", "offline")
    assert page.js(layers) == [True, True, True]


def test_online_tiles_that_do_not_come_bring_the_land_back_and_say_why(map_page, litvinov):
    """No network (here: the host's gate is closed, as offline): the map must not go blank
    without a word."""
    page = map_page(litvinov, date(1914, 6, 1).toordinal())
    layers = "(function(){var s=atlas._internal.basemapCanvas._sets; return [s.land.on, s.borders.on]})()"
    notice = "(function(){var n=document.querySelector('.atlas-notice'); return n ? n.textContent : null})()"
    page.atlas("basemap", "osm")
    page.qtbot.waitUntil(lambda: page.js(notice) is not None, timeout=10000)
    assert "could not be loaded" in page.js(notice) and page.js(layers) == [True, True]
    page.atlas("basemap", "offline")
    assert page.js(notice) is None and page.js(layers) == [True, True]


def test_the_export_follows_him_and_a_passage_date_in_a_popup_goes_to_it(file_page, litvinov, tmp_path):
    from viewer.export_page import export_html

    out = tmp_path / "page.html"
    export_html(litvinov, out, at_day=date(1930, 1, 1).toordinal())
    page = file_page(out)
    assert page.js("atlas._internal.follow") is True  # the map keeps him in view as it plays
    page.atlas("select", "paris")
    dates = page.js("Array.from(document.querySelectorAll('.atlas-popup button.atlas-date')).map(function (b) { return b.textContent; })")
    paris = sorted((p for p in litvinov.passages if p.place_id == "paris"), key=lambda p: (p.first_day, p.id))
    assert dates == [p.label for p in paris]
    assert "Source: Wikipedia contributors, Maxim Litvinov" in page.js("document.querySelector('.atlas-popup').textContent")
    page.js("(document.querySelectorAll('.atlas-popup button.atlas-date')[0].click(), true)")
    state = page.atlas("state")
    from places import Itinerary

    assert state["day"] == Itinerary(litvinov).passage_day(paris[0]) and state["place"]["id"] == "paris"  # he is there
    from viewer.state import precision_label

    # as precisely as the passage is dated ("January 1908"), as the app's panel does
    assert page.js("document.querySelector('.atlas-date-label').textContent") == precision_label(state["day"], paris[0].start.precision)
    page.atlas("seek", state["day"] + 3)
    assert page.js("document.querySelector('.atlas-date-label').textContent") == page.atlas("state")["label"]  # a day again


def test_a_popups_footnotes_are_raised_and_its_passages_close_to_their_dates(file_page, litvinov, tmp_path):
    """As in the app's panel: "[17]" small and raised, and no blank line under each date (a
    review found Leaflet's paragraph margin there)."""
    from viewer.export_page import export_html

    out = tmp_path / "page.html"
    export_html(litvinov, out, at_day=date(1930, 1, 1).toordinal())
    page = file_page(out)
    page.atlas("select", "paris")
    cites = page.js("Array.from(document.querySelectorAll('.atlas-popup .atlas-text sup.atlas-cite')).map(function (s) { return s.textContent; })")
    assert cites and all(c.startswith("[") and c.endswith("]") for c in cites)
    assert page.js("getComputedStyle(document.querySelector('.atlas-popup .atlas-text')).marginTop") == "3px"
    text = page.js("document.querySelector('.atlas-popup .atlas-text').textContent")
    paris = sorted((p for p in litvinov.passages if p.place_id == "paris"), key=lambda p: (p.first_day, p.id))
    assert text == paris[0].text  # the words as they are, markers included


@pytest.mark.parametrize("width", [340, 390, 480, 1000])
def test_the_exported_page_keeps_its_controls_apart_on_a_phone(file_page, litvinov, tmp_path, width):
    """A review found the borders label over the player's corner at 390 px."""
    from viewer.export_page import export_html

    out = tmp_path / "page.html"
    export_html(litvinov, out, at_day=date(1919, 11, 1).toordinal())
    page = file_page(out, size=(width, 700))
    boxes = page.js("""(function () {
      function box(sel) { var e = document.querySelector(sel); if (!e || !e.offsetParent) return null;
        var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }
      return [box('.atlas-player'), box('.atlas-borders-label'), box('.leaflet-control-scale'), box('.leaflet-control-zoom')]; })()""")
    player, label = boxes[0], boxes[1]

    def overlap(a, b):
        return a and b and a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert player and label and player[2] <= width  # the player fits the width
    attribution = page.js("(function () { var r = document.querySelector('.leaflet-control-attribution').getBoundingClientRect();"
                          " return [r.left, r.top, r.right, r.bottom]; })()")
    assert not any(overlap(player, other) for other in boxes[1:] + [attribution]), boxes
    page.atlas("seek", "1919-11-18")
    page.atlas("select", "tartu")  # a long heading: the popup and its close button stay on the screen
    page.qtbot.wait(800)  # Leaflet pans the map to show an opened popup, in an animation
    popup = page.js("(function () { var r = document.querySelector('.leaflet-popup').getBoundingClientRect();"
                    " var c = document.querySelector('.leaflet-popup-close-button').getBoundingClientRect();"
                    " return [r.left, r.right, c.left, c.right]; })()")
    assert popup[0] >= 0 and popup[1] <= width and 0 <= popup[2] and popup[3] <= width, popup
