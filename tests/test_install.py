"""A plain, non-editable install carries every resource: the CLI and the export work from it."""
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    wheels = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], check=True, timeout=300)
    wheel = next(wheels.glob("*.whl"))
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)], check=True, timeout=300)
    return wheel, target


def run(target, *args, cwd):
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(cwd)}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def test_the_wheel_holds_every_resource(installed):
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("resources/journeys/litvinov.json", "resources/schema/journey.schema.json",
                     "resources/texts/litvinov-wikipedia-excerpt.txt", "resources/web/atlas.js", "resources/web/atlas.css",
                     "resources/web/vendor/leaflet/leaflet.js", "resources/web/vendor/leaflet/LICENSE",
                     "resources/basemaps/land-50m.geojson", "resources/basemaps/historical/world_1914.geojson",
                     "resources/basemaps/historical/lookup/world_1914.geojson"):
        assert required in names, required


def test_the_installed_copy_works_outside_the_checkout(installed, tmp_path):
    _, target = installed
    check = run(target, "-m", "places", "check", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert str(target) in check.stdout  # the bundled journey was found inside the install
    where = run(target, "-m", "places", "where", "1918-12-30", cwd=tmp_path)
    assert "Stockholm" in where.stdout
    export = run(target, "-m", "viewer", "--export-html", str(tmp_path / "page.html"), cwd=tmp_path)
    assert export.returncode == 0, export.stderr
    assert "atlas.init" in (tmp_path / "page.html").read_text(encoding="utf-8")
