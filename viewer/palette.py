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


# Polities that are one state under several names share a colour; the Russian Empire and
# the Soviet Union get related reds so the change of regime reads as continuity of territory.
_POLITY_FAMILY = {
    "United Kingdom of Great Britain and Ireland": "United Kingdom",
    "United States of America": "United States",
    "USA": "United States",
    "German Empire": "Germany",
    "Kingdom of Italy": "Italy",
    "Empire of Brazil": "Brazil",
    "Empire of Japan": "Japan",
    "Imperial Japan": "Japan",
    "Sweden–Norway": "Sweden",
}
_FIXED = {
    "Russian Empire": "#c98b6b",
    "Russia": "#c98b6b",
    "USSR": "#c4685a",
    "South Russia": "#cf9a7e",
    "White Russia": "#c97a6a",
    "Ukraine": "#cf8f73",
    # Transcaucasian republics of the USSR (they appear by these names only in the 1920 and
    # 1930 sets; in 1914 the build merges them into the Russian Empire)
    "Georgia": "#c97462",
    "Armenia": "#cc7f6b",
    "Azerbaijan": "#c66f5f",
}


def polity_color(name: str) -> str:
    """A muted fill for a polity, the same for every border set it appears in."""
    if name in _FIXED:
        return _FIXED[name]
    family = _POLITY_FAMILY.get(name, name)
    digest = hashlib.sha1(family.encode("utf-8")).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    r, g, b = colorsys.hls_to_rgb(hue, 0.72, 0.32)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
