"""The map page as folium composes it: the Leaflet map, local assets, and the call that hands
the journey's data to ``window.atlas`` (no Qt here).

Imported only when a page is actually rendered (the standalone export, or the app's page shell
on its first run), so that starting the app does not import folium.
"""
from __future__ import annotations

import base64
import html
import re
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from places.resources import resource_path

VENDOR_JS = (("web", "vendor", "leaflet", "leaflet.js"), ("web", "vendor", "leaflet-polylinedecorator", "leaflet.polylineDecorator.js"))
VENDOR_CSS = (("web", "vendor", "leaflet", "leaflet.css"),)
ATLAS_JS = (("web", "atlas-util.js"), ("web", "atlas.js"), ("web", "atlas-canvas.js"), ("web", "atlas-arcs.js"), ("web", "atlas-trail.js"),
            ("web", "atlas-borders.js"), ("web", "atlas-player.js"))
ATLAS_CSS = ("web", "atlas.css")
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"
BASEMAP_JS = ("web", "basemap.js")


class OfflineMap(folium.Map):
    """A folium map with none of folium's CDN assets; the page links its own local copies."""

    default_js: list = []
    default_css: list = []


class JourneyLayers(MacroElement):
    """Places, legs, the current-position marker and the time logic, from the journey's data:
    ``window.ATLAS_DATA`` when a script beside the page set it, else the JSON in the page."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        atlas.init({{ this._parent.get_name() }},
                   window.ATLAS_DATA || JSON.parse(document.getElementById("atlas-data").textContent),
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
    if not standalone:
        # first, so the page opens its channel to the host while it loads the rest
        tags.append(f'<script src="{QWEBCHANNEL_JS}"></script>')
    for parts in (*VENDOR_JS, BASEMAP_JS, *ATLAS_JS):
        path = resource_path(*parts)
        tags.append(_script_tag(path.read_text(encoding="utf-8")) if standalone else f'<script src="{path.as_uri()}"></script>')
    return tags


def render_page(*, standalone: bool, title: str, data_tag: str) -> str:
    """The whole page as HTML text; ``data_tag`` brings the journey's data (inline or linked)."""
    fmap = OfflineMap(location=[50, 20], zoom_start=4, tiles=None, control_scale=True, min_zoom=2, max_zoom=12,
                      world_copy_jump=False, prefer_canvas=True)
    root = fmap.get_root()
    root.title = html.escape(title)  # branca's template does not escape it
    root.header.add_child(Element('<meta http-equiv="Content-Security-Policy" content="' + _csp(standalone) + '">'), name="csp")
    for n, tag in enumerate(_asset_tags(standalone)):
        root.header.add_child(Element(tag), name=f"asset_{n}")
    root.html.add_child(Element(data_tag), name="atlas_data")
    JourneyLayers().add_to(fmap)
    return root.render()


def _csp(standalone: bool) -> str:
    """No network but the opt-in OpenStreetMap tiles; no plugins; no forms; no frames."""
    scripts = "'unsafe-inline'" if standalone else "'unsafe-inline' file: qrc:"
    styles = "'unsafe-inline'" if standalone else "'unsafe-inline' file:"
    return (f"default-src 'none'; script-src {scripts}; style-src {styles}; "
            "img-src data: file: https://tile.openstreetmap.org; connect-src 'none'; "
            "object-src 'none'; frame-src 'none'; form-action 'none'; base-uri 'none'")
