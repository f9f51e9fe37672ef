"""The standalone web page: one self-contained HTML file, every asset inlined (no Qt)."""
from __future__ import annotations

import os

from places import Journey, Precision
from places.atomic import write_atomic

from .map_page import build_map_html


def export_html(journey: Journey, path: str | os.PathLike[str], *, at_day: int | None = None,
                at_precision: Precision | None = None, overwrite: bool = False) -> None:
    """Write the shareable page atomically; an existing file is kept unless ``overwrite``.
    ``at_precision``: how precisely ``at_day`` was asked for ("1919-06": the month), as the
    page first shows it."""
    # The map follows him as the page plays, as the app's does by default.
    page = build_map_html(journey, standalone=True, initial_day=at_day, view={"follow": True}, initial_precision=at_precision)
    write_atomic(path, page, overwrite=overwrite)
