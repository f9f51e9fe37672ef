"""Place colours shared by the map markers and the timeline bands (no Qt, no folium)."""
from __future__ import annotations

import colorsys
import hashlib

# Muted, print-like hues that read on the parchment basemap and in dark palettes.
_SATURATION = 0.55
_LIGHTNESS = 0.42


def place_color(place_id: str) -> str:
    """A stable colour for a place, derived from its id: ``#rrggbb``."""
    digest = hashlib.sha1(place_id.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    r, g, b = colorsys.hls_to_rgb(hue, _LIGHTNESS, _SATURATION)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
