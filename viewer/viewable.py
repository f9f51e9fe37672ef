"""A journey the viewer can show: valid is not enough, it must hold something in time."""
from __future__ import annotations

import os

from places import Journey, JourneyError, Problem, load_journey


def ensure_viewable(journey: Journey) -> Journey:
    """The journey itself, or a JourneyError when it has neither stays nor passages.

    Such a document is valid (a draft of an empty text is one), but it has no dates, so
    there is no timeline to draw and no day to open at.
    """
    if not journey.stays and not journey.passages:
        raise JourneyError(journey.file or "<journey>", Problem("$", "the journey has no stays and no passages: there is nothing to show"))
    return journey


def load_viewable(path: str | os.PathLike[str]) -> Journey:
    return ensure_viewable(load_journey(path))
