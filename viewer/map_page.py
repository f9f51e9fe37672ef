"""Build the map page with folium, once per journey (no Qt here).

folium composes the page: the Leaflet map, the offline basemap, the journey's layers and the
script that moves them through time (``resources/web/atlas.js``), fed by one JSON blob. Every
asset is local: folium's CDN links are replaced by the vendored copies, linked as files for
the app and inlined for the standalone export.
"""
from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from places import Journey
from places.legs import Leg
from places.resources import resource_path

from .page_data import build_page_data, to_script_json

VENDOR_JS = (("web", "vendor", "leaflet", "leaflet.js"), ("web", "vendor", "leaflet-polylinedecorator", "leaflet.polylineDecorator.js"))
VENDOR_CSS = (("web", "vendor", "leaflet", "leaflet.css"),)
ATLAS_JS = (("web", "atlas-util.js"), ("web", "atlas.js"), ("web", "atlas-trail.js"), ("web", "atlas-borders.js"), ("web", "atlas-player.js"))
ATLAS_CSS = ("web", "atlas.css")
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
BASEMAP_JS = ("web", "basemap.js")


class OfflineMap(folium.Map):
    """A folium map with none of folium's CDN assets; the page links its own local copies."""

    default_js: list = []
    default_css: list = []


class JourneyLayers(MacroElement):
    """Places, legs, the current-position marker and the time logic, from the JSON blob."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        atlas.init({{ this._parent.get_name() }},
                   JSON.parse(document.getElementById("atlas-data").textContent),
                   window.ATLAS_BASEMAP);
        {% endmacro %}
    """)


def _script_tag(text: str) -> str:
    return "<script>\n" + text.replace("</script", "<\\/script") + "\n</script>"


def _style_tag(text: str) -> str:
    return "<style>\n" + text.replace("</style", "<\\/style") + "\n</style>"


def _inline_css_images(css: str, folder: Path) -> str:
    """Replace ``url(images/x.png)`` with data URIs so an inlined stylesheet keeps its images."""
    def data_uri(match: re.Match[str]) -> str:
        path = folder / match.group(1)
        if not path.is_file():
            return match.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"

    return re.sub(r"url\((images/[A-Za-z0-9_.-]+\.png)\)", data_uri, css)


def _asset_tags(standalone: bool) -> list[str]:
    """Link (app) or inline (standalone) the vendored CSS and JS, then ours."""
    tags = []
    for parts in (*VENDOR_CSS, ATLAS_CSS):
        path = resource_path(*parts)
        if standalone:
            tags.append(_style_tag(_inline_css_images(path.read_text(encoding="utf-8"), path.parent)))
        else:
            tags.append(f'<link rel="stylesheet" href="{path.as_uri()}">')
    for parts in (*VENDOR_JS, BASEMAP_JS, *ATLAS_JS):
        path = resource_path(*parts)
        tags.append(_script_tag(path.read_text(encoding="utf-8")) if standalone else f'<script src="{path.as_uri()}"></script>')
    if not standalone:
        tags.append(f'<script src="{QWEBCHANNEL_JS}"></script>')
    return tags


def build_map_html(journey: Journey, *, standalone: bool = False, initial_day: int | None = None,
                   legs: list[Leg] | None = None, title: str | None = None, polities: bool = True) -> str:
    """The whole page as HTML text.

    ``legs`` avoids building them again when the caller has them; ``polities=False`` leaves
    the polity table out, for a host that sends it later (``atlas.setPolities``).
    """
    data = build_page_data(journey, legs=legs, initial_day=initial_day, polities=polities)
    fmap = OfflineMap(location=[50, 20], zoom_start=4, tiles=None, control_scale=True, min_zoom=2, max_zoom=12,
                      world_copy_jump=False, prefer_canvas=True)
    root = fmap.get_root()
    root.title = html.escape(title or journey.title or "Litvinov Atlas")  # branca's template does not escape it
    root.header.add_child(Element('<meta http-equiv="Content-Security-Policy" content="' + _csp(standalone) + '">'), name="csp")
    for n, tag in enumerate(_asset_tags(standalone)):
        root.header.add_child(Element(tag), name=f"asset_{n}")
    root.html.add_child(Element(f'<script type="application/json" id="atlas-data">{to_script_json(data)}</script>'), name="atlas_data")
    JourneyLayers().add_to(fmap)
    return root.render()


def _csp(standalone: bool) -> str:
    """No network but the opt-in OpenStreetMap tiles; no plugins; no forms; no frames."""
    scripts = "'unsafe-inline'" if standalone else "'unsafe-inline' file: qrc:"
    styles = "'unsafe-inline'" if standalone else "'unsafe-inline' file:"
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; "
            "img-src data: file: https://tile.openstreetmap.org; connect-src 'none'; "
            "object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'")
