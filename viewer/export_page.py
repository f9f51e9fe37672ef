"""The standalone web page: one self-contained HTML file, every asset inlined (no Qt)."""
from __future__ import annotations

import os

from places import Journey
from places.atomic import write_atomic

from .map_page import build_map_html


def export_html(journey: Journey, path: str | os.PathLike[str], *, at_day: int | None = None, overwrite: bool = False) -> None:
    """Write the shareable page atomically; an existing file is kept unless ``overwrite``."""
    # The map follows him as the page plays, as the app's does by default.
    page = build_map_html(journey, standalone=True, initial_day=at_day, view={"follow": True})
    write_atomic(path, page, overwrite=overwrite)
