"""The map page of a journey (no Qt here): built by folium, moved through time by
``resources/web/atlas.js`` from one blob of data.

Two forms:

- the standalone page (``build_map_html(..., standalone=True)``): one file, every asset and the
  data inline, for sharing;
- the app's page: a *shell* that is the same for every journey (assets linked as local files,
  the data read from ``atlas-data.js`` beside it). folium renders the shell once per version
  of the page code and the user's cache keeps it, so starting the app neither imports folium
  nor renders a template; only the data script is written per journey.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from places import Itinerary, Journey, Precision
from places.borders import PolityTable
from places.cache import cached_text, fingerprint
from places.legs import Leg
from places.resources import resource_path

from .page_data import build_page_data, to_script_json

DATA_SCRIPT = "atlas-data.js"
APP_TITLE = "Litvinov Atlas"


def build_map_html(journey: Journey, *, standalone: bool = False, initial_day: int | None = None,
                   legs: list[Leg] | None = None, title: str | None = None, polities: PolityTable | bool = True,
                   view: dict[str, Any] | None = None, initial_precision: Precision | None = None) -> str:
    """The whole page as HTML text, with the data inline.

    ``legs`` avoids building them again when the caller has them; ``polities=False`` leaves
    the polity table out, for a host that sends it later (``atlas.setPolities``); ``view``:
    follow, trail and borders to start with (see :func:`build_page_data`).
    """
    from .folium_page import render_page

    data = build_page_data(journey, legs=legs, initial_day=initial_day, polities=polities, view=view,
                           initial_precision=initial_precision)
    tag = f'<script type="application/json" id="atlas-data">{to_script_json(data)}</script>'
    return render_page(standalone=standalone, title=title or journey.title or APP_TITLE, data_tag=tag)


def app_page_shell() -> str:
    """The app's page without a journey, from the cache when this version built it before."""
    return cached_text("page-shell", _shell_key(), _render_shell)


def _render_shell() -> str:
    from .folium_page import render_page

    return render_page(standalone=False, title=APP_TITLE, data_tag=f'<script src="{DATA_SCRIPT}"></script>')


def _shell_key() -> str:
    """What the shell is made of: the page code, folium's version and where the assets are."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        folium_version = version("folium")
    except PackageNotFoundError:
        folium_version = "?"
    code = (Path(__file__).parent / "folium_page.py").read_bytes()
    return fingerprint(code, folium_version, str(resource_path("web")))


def data_script(journey: Journey, *, initial_day: int | None = None, legs: list[Leg] | None = None,
                polities: PolityTable | bool = True, view: dict | None = None, itinerary: Itinerary | None = None) -> str:
    """``atlas-data.js``: the journey's data for the app's page shell."""
    data = build_page_data(journey, legs=legs, initial_day=initial_day, polities=polities, view=view, itinerary=itinerary)
    return f"window.ATLAS_DATA = JSON.parse({json.dumps(to_script_json(data))});\n"
