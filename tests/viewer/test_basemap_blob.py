"""The generated basemap script is in step with its sources (regenerate: python -m viewer.basemap_blob)."""
from places.resources import resource_path
from viewer.basemap_blob import SCRIPT_PARTS, basemap_script_text


def test_basemap_js_is_up_to_date():
    assert resource_path(*SCRIPT_PARTS).read_text(encoding="utf-8") == basemap_script_text()
