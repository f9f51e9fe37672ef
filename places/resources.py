"""Where the bundled data lives: the ``resources`` directory beside the ``places`` package.

That holds in the checkout and in an installed copy (``site-packages/places`` next to
``site-packages/resources``). Asking ``importlib.resources`` for a top-level package called
``resources`` first would be fragile: any ``resources/__init__.py`` in the current directory
shadows ours, and ``python -m places check`` then reports the bundled journey missing. So the
sibling directory is used when it holds the bundled journey, and importlib.resources only
otherwise (an unusual install where the two are not side by side).
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path

MARKER = ("journeys", "litvinov.json")


@lru_cache(maxsize=1)
def _sibling_resources() -> Path | None:
    """``<parent of places>/resources`` if it is ours (it holds the bundled journey), else None."""
    candidate = Path(__file__).resolve().parent.parent / "resources"
    return candidate if candidate.joinpath(*MARKER).is_file() else None


def resource_path(*parts: str) -> Path:
    """A filesystem path to a bundled resource, e.g. ``resource_path("journeys", "litvinov.json")``.

    Everything that reads bundled files (the viewer included) should come through here.
    """
    sibling = _sibling_resources()
    if sibling is not None:
        return sibling.joinpath(*parts)
    # The project is installed as plain files (not a zip), so ``as_file`` yields the real path.
    with as_file(files("resources").joinpath(*parts)) as path:
        return Path(path)


def bundled_journey_path() -> Path:
    """The bundled Litvinov journey."""
    return resource_path(*MARKER)


def schema_path() -> Path:
    """The JSON Schema of journey files."""
    return resource_path("schema", "journey.schema.json")
