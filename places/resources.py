"""Where the bundled data lives, found through importlib.resources so installs work too."""
from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path


def resource_path(*parts: str) -> Path:
    """A filesystem path to a bundled resource, e.g. ``resource_path("journeys", "litvinov.json")``.

    The project is installed as plain files (not a zip), so ``as_file`` yields the real path.
    """
    traversable = files("resources").joinpath(*parts)
    with as_file(traversable) as path:
        return Path(path)


def bundled_journey_path() -> Path:
    """The bundled Litvinov journey."""
    return resource_path("journeys", "litvinov.json")


def schema_path() -> Path:
    return resource_path("schema", "journey.schema.json")
