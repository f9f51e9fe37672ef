"""Borders of the time in the page and the app: the set follows the date; places know their state."""
from __future__ import annotations

import pytest


@pytest.mark.parametrize("when, borders, place, polity", [
    ("1902-03-01", "1900", "kiev", "Russian Empire"),
    ("1910-06-01", "1900", "london", "United Kingdom of Great Britain and Ireland"),
    ("1930-06-01", "1930", "moscow", "USSR"),
    ("1942-06-01", "1938", "washington", "United States"),
    ("1950-06-01", "1945", "moscow", "USSR"),
])
def test_the_page_shows_the_borders_of_the_date(map_page, litvinov, when, borders, place, polity):
    page = map_page(litvinov)
    state = page.atlas("seek", when)
    assert state["borders"] == borders
    assert state["place"]["id"] == place and state["place"]["polity"] == polity
    assert page.js("document.querySelector('.atlas-borders-label').textContent").startswith(f"Borders of {borders}")


def test_switching_sets_swaps_layers_without_reloading(map_page, litvinov):
    page = map_page(litvinov)
    page.js("window.__same_page = 1")
    seen = []
    for when in ("1880-01-01", "1902-01-01", "1916-01-01", "1925-01-01", "1935-01-01", "1940-01-01", "1947-01-01", "1951-06-01"):
        seen.append(page.atlas("seek", when)["borders"])
        shown = "atlas._internal.basemapCanvas.shown('borders') === atlas._internal.borderPolygons[atlas._internal.bordersKey]"
        assert page.js(shown)  # the set of the date is the one drawn
    assert seen == ["1880", "1900", "1914", "1920", "1930", "1938", "1945", "1945"]
    assert page.js("window.__same_page") == 1


def test_the_user_can_switch_back_to_modern_borders(map_page, litvinov):
    page = map_page(litvinov)
    page.atlas("seek", "1902-03-01")
    assert page.atlas("borders", "modern") == "modern"
    state = page.atlas("state")
    assert state["borders"] == "modern" and state["place"]["polity"] == "Ukraine (today's borders)"
    assert page.atlas("borders", "historical") == "historical"
    assert page.atlas("state")["place"]["polity"] == "Russian Empire"


def test_the_export_shows_borders_and_the_polity_in_the_popup(file_page, litvinov, tmp_path):
    from datetime import date

    from viewer.export_page import export_html

    out = tmp_path / "b.html"
    export_html(litvinov, out, at_day=date(1902, 3, 1).toordinal())
    page = file_page(out)
    assert page.atlas("state")["borders"] == "1900"
    page.atlas("select", "kiev")
    assert page.js("document.querySelector('.atlas-popup h3').textContent") == "Kiev — Russian Empire"


def test_the_status_bar_and_panel_name_the_state(qtbot, litvinov, tmp_path):
    from datetime import date

    from PySide6.QtCore import QSettings

    from viewer.main_window import MainWindow
    from viewer.state import AppState

    window = MainWindow(AppState(litvinov, date(1902, 3, 1).toordinal()), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    # the polity table is worked out in a child process on a first run, then read from the cache
    qtbot.waitUntil(lambda: window.status_label.text().startswith("Kiev — Russian Empire"), timeout=30000)
    window.state.set_day(date(1935, 6, 1).toordinal())
    window.state.select_place("kiev")
    assert window.panel.title.text().endswith("at Kiev — USSR (Ukraine)")
    window.state.set_borders("modern")
    assert window.panel.title.text().endswith("at Kiev — Ukraine (today's borders)")
    window.close()


def test_the_app_page_receives_polities_after_its_first_paint(qtbot, litvinov, tmp_path):
    from datetime import date

    from PySide6.QtCore import QSettings

    from page_driver import PageDriver
    from viewer.main_window import MainWindow
    from viewer.state import AppState

    window = MainWindow(AppState(litvinov, date(1902, 3, 1).toordinal()), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    qtbot.waitUntil(lambda: window.map_view.is_ready, timeout=30000)
    page = PageDriver(qtbot, window.map_view)
    qtbot.waitUntil(lambda: (page.atlas("state")["place"] or {}).get("polity") == "Russian Empire", timeout=15000)
    window.close()


def test_the_polity_worker_says_while_it_works_and_when_it_is_done(qtbot, litvinov, monkeypatch):
    """--screenshot waits for a lookup in progress (a first run, an empty cache), so the
    picture's status bar names the state; a lookup that ends without a table ends the wait too."""
    import viewer.polity_worker as worker_module
    import viewer.state as state_module
    from viewer.polity_worker import PolityWorker
    from viewer.state import AppState

    monkeypatch.setattr(state_module, "cached_polity_table", lambda points: None)  # as on a first run
    state = AppState(litvinov)
    worker = PolityWorker(state)
    assert worker.working == 1
    with qtbot.waitSignal(worker.settled, timeout=60000):
        pass
    assert worker.working == 0 and state.polities is not None
    monkeypatch.setattr(worker_module, "polity_table_in_subprocess", lambda points: None)  # the lookup fails
    state.polities = None
    other = PolityWorker(state)
    with qtbot.waitSignal(other.settled, timeout=10000):
        pass
    assert other.working == 0 and state.polities is None
    worker.shutdown()
    other.shutdown()


def test_before_the_first_set_the_label_says_the_earliest_stands_in(map_page, litvinov):
    page = map_page(litvinov)
    page.atlas("seek", "1876-07-17")
    assert page.js("document.querySelector('.atlas-borders-label').textContent").startswith("Borders of 1880 (the earliest set)")
    page.atlas("seek", "1885-01-01")
    assert page.js("document.querySelector('.atlas-borders-label').textContent").startswith("Borders of 1880")
    assert "earliest" not in page.js("document.querySelector('.atlas-borders-label').textContent")


def test_the_export_follows_the_date_in_its_popup_its_status_and_its_address(file_page, litvinov, tmp_path):
    from datetime import date

    from viewer.export_page import export_html

    out = tmp_path / "b.html"
    export_html(litvinov, out, at_day=date(1902, 3, 1).toordinal())
    page = file_page(out)
    assert page.js("document.querySelector('.atlas-status-label').textContent") == "in Kiev — Russian Empire"
    page.atlas("select", "kiev")
    page.atlas("seek", "1935-06-01")
    assert page.js("document.querySelector('.atlas-popup h3').textContent") == "Kiev — USSR (Ukraine)"
    page.qtbot.waitUntil(lambda: page.js("location.hash") == "#1935-06-01", timeout=3000)
    page.js("(function(){location.hash = '#1942-06-01'; return true})()")
    page.qtbot.waitUntil(lambda: page.atlas("state")["place"]["id"] == "washington", timeout=3000)


def test_the_exports_slider_holds_still_whatever_the_status_says(file_page, litvinov, tmp_path):
    """A review dragged the slider across 1917-1920: the long status widened the box, the
    slider grew under the pointer and a 4 px move jumped two years. The box keeps its size."""
    from datetime import date

    from viewer.export_page import export_html

    out = tmp_path / "s.html"
    export_html(litvinov, out, at_day=date(1902, 3, 1).toordinal())
    page = file_page(out)
    where = ("(function () { var r = document.querySelector('.atlas-slider').getBoundingClientRect();"
             " return [r.left, r.top, r.width, r.height]; })()")
    first = page.js(where)
    for when in ("1919-11-01", "1925-06-01", "1918-12-30", "1942-06-01", "1876-07-17"):
        status = page.atlas("seek", when) and page.js("document.querySelector('.atlas-status-label').textContent")
        assert page.js(where) == first, (when, status)
    page.atlas("seek", "1919-11-01")  # Moscow: Soviet power came city by city, no one date between the sets
    said = page.js("document.querySelector('.atlas-status-label').title")
    assert said == "in Moscow — Russian Empire on the 1914 map, Russian SFSR on the 1920 map"  # whole, if cut


def test_the_export_shows_the_date_it_opens_at_as_precisely_as_it_was_asked(file_page, litvinov, tmp_path):
    """Exported at "1919-06" (a month), the page says "June 1919", not "1 June 1919"; once the
    date moves, it is a day; a link at "#1936" says "1936"."""
    from datetime import date

    from places import Precision
    from viewer.export_page import export_html

    out = tmp_path / "m.html"
    export_html(litvinov, out, at_day=date(1919, 6, 1).toordinal(), at_precision=Precision.MONTH)
    page = file_page(out)
    label = "document.querySelector('.atlas-date-label').textContent"
    assert page.js(label) == "June 1919"
    page.atlas("seek", "1919-06-20")
    assert page.js(label) == "20 June 1919"
    page.qtbot.waitUntil(lambda: page.js("location.hash") == "#1919-06-20", timeout=3000)
    assert file_page(out, fragment="1936").js(label) == "1936"
    export_html(litvinov, out, at_day=date(1919, 6, 1).toordinal(), overwrite=True)  # no precision: a day
    assert file_page(out).js(label) == "1 June 1919"


def test_a_date_known_to_the_month_names_a_change_within_it_in_app_and_page(qtbot, file_page, litvinov, tmp_path):
    """December 1922: the USSR was founded on the 30th. The status bar (app) and the player
    (exported page) name both, as places.borders.polity_over does."""
    from datetime import date

    from PySide6.QtCore import QSettings

    from places import Precision
    from viewer.export_page import export_html
    from viewer.main_window import MainWindow
    from viewer.state import AppState

    said = "Moscow — Russian SFSR, then USSR from 30 December 1922"
    window = MainWindow(AppState(litvinov, date(1922, 12, 1).toordinal(), precision=Precision.MONTH),
                        QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.show()
    qtbot.waitUntil(lambda: window.status_label.place == said, timeout=30000)
    window.state.set_day(date(1922, 12, 1).toordinal())  # the same day known to the day: its own state
    assert window.status_label.place == "Moscow — Russian SFSR"
    window.close()
    out = tmp_path / "dec.html"
    export_html(litvinov, out, at_day=date(1922, 12, 1).toordinal(), at_precision=Precision.MONTH)
    page = file_page(out)
    assert page.js("document.querySelector('.atlas-status-label').title") == "in " + said
    page.atlas("seek", "1922-12-02")
    assert page.js("document.querySelector('.atlas-status-label').title") == "in Moscow — Russian SFSR"


def test_the_export_opens_at_the_date_in_its_address(file_page, litvinov, tmp_path):
    from datetime import date

    from viewer.export_page import export_html

    out = tmp_path / "c.html"
    export_html(litvinov, out, at_day=date(1902, 3, 1).toordinal())
    assert file_page(out, fragment="1918-12-30").atlas("state")["place"]["id"] == "stockholm"
    assert file_page(out, fragment="not-a-date").atlas("state")["place"]["id"] == "kiev"


def test_a_new_border_set_is_drawn_once_at_the_next_frame_even_when_the_view_jumps(map_page, litvinov):
    """A seek that changes the set leaves the drawing to the next frame, so a follow jump in
    the same task (which places the basemap anew) does not make it draw twice; the picture
    does change to the new set."""
    page = map_page(litvinov)
    settled = lambda: page.qtbot.waitUntil(lambda: page.atlas("settled") is True, timeout=10000)  # noqa: E731
    fingerprint = ("(function () { var c = document.querySelector('.atlas-polygons canvas'), d = c.getContext('2d')"
                   ".getImageData(0, 0, c.width, c.height).data, h = 0; for (var i = 0; i < d.length; i += 4 * 97)"
                   " h = (h * 31 + d[i] + 7 * d[i + 1] + 13 * d[i + 2]) % 1000000007; return h; })()")
    page.atlas("seek", "1902-03-01")
    page.js("(atlas._internal.map.setView([50.45, 30.52], 5, { animate: false }), true)")  # Kiev, Eastern Europe
    settled()
    before, draws = page.js(fingerprint), page.js("atlas._internal.basemapDraws")
    during = page.js("(function () { var A = atlas._internal; atlas.seek('1935-06-01');"
                     " A.map.setView([48.0, 25.0], 5, { animate: false }); return A.basemapDraws; })()")
    assert during == draws  # nothing drawn inside the seek
    settled()
    assert page.js("atlas._internal.basemapDraws") == draws + 1
    assert page.atlas("state")["borders"] == "1930"
    assert page.js(fingerprint) != before  # the Soviet Union of 1930, not the Russian Empire of 1900


def test_no_polygon_is_drawn_wider_than_the_land_it_covers(map_page, litvinov):
    """Polygons cut at the antimeridian end exactly on +180°. That edge must stay the east
    edge of the world: wrapped to -180° it became the west edge, and Russia (Chukotka) was
    drawn as a band across Alaska, Canada and Greenland in every set of borders."""
    page = map_page(litvinov)
    bad = page.js("""(function () {
      var C = window.AtlasCore, A = atlas._internal, B = window.ATLAS_BASEMAP, bad = [], checked = 0;
      function check(name, collection) {
        var G = C.preparePolygons(collection);
        collection.features.forEach(function (f, i) {
          var lo = Infinity, hi = -Infinity;
          (function walk(c) { if (typeof c[0] === "number") { lo = Math.min(lo, c[0]); hi = Math.max(hi, c[0]); } else c.forEach(walk); })(f.geometry ? f.geometry.coordinates : []);
          if (lo > hi) return;
          checked++;
          var drawn = G.box[4 * i + 2] - G.box[4 * i], span = (hi - lo) / 360 * C.WORLD;
          if (Math.abs(drawn - span) > 1e-3) bad.push(name + ": " + ((f.properties && (f.properties.NAME || f.properties.name)) || i));
        });
      }
      check("land", B.land); check("modern borders", B.borders);
      Object.keys(A.borderSets).forEach(function (k) { var s = A.borderSets[k]; check(k, typeof s === "string" ? JSON.parse(s) : s); });
      return { bad: bad, checked: checked };
    })()""")
    assert bad["checked"] > 1000
    assert bad["bad"] == []


def test_the_page_names_the_polity_between_sets_as_python_does(map_page, litvinov):
    """The popup, the state and the standalone player name a place's polity by the page's
    polityOf; the status bar and the passage panel by places.borders.polity_on. They agree."""
    from datetime import date

    from places.borders import polity_on

    page = map_page(litvinov)
    table = page.js("AtlasCore.A.data.borders.polity")
    assert table, "the page has the polity table"
    for when in ("1876-07-17", "1903-05-01", "1905-10-26", "1914-08-01", "1916-02-01", "1917-06-01", "1918-11-09",
                 "1919-11-01", "1919-11-17", "1922-12-29", "1922-12-30", "1925-01-01", "1936-06-01", "1950-06-01"):
        day = date.fromisoformat(when).toordinal()
        page.atlas("seek", when)
        shown = page.js(f"{list(range(len(litvinov.places)))}.map(function (i) {{ return AtlasCore.polityOf(i); }})")
        assert shown == [polity_on(table, i, day) for i in range(len(litvinov.places))], when
    page.atlas("borders", "modern")
    shown = page.js(f"{list(range(len(litvinov.places)))}.map(function (i) {{ return AtlasCore.polityOf(i); }})")
    assert shown == [polity_on(table, i, day, "modern") for i in range(len(litvinov.places))]
    page.atlas("borders", "historical")
    state = page.atlas("seek", "1922-12-30")
    assert state["place"]["id"] == "moscow" and state["place"]["polity"] == "USSR"  # a dated change
    state = page.atlas("seek", "1919-11-17")
    assert state["place"]["id"] == "tartu" and state["place"]["polity"] == "Estonia"  # Estonian from February 1919
    state = page.atlas("seek", "1919-11-01")
    assert state["place"]["id"] == "moscow"
    assert state["place"]["polity"] == "Russian Empire on the 1914 map, Russian SFSR on the 1920 map"  # an undated one
