"""The generated basemap script is in step with its sources (regenerate: python -m viewer.basemap_blob)."""
from places.resources import resource_path
from viewer.basemap_blob import SCRIPT_PARTS, basemap_script_text


def test_basemap_js_is_up_to_date():
    assert resource_path(*SCRIPT_PARTS).read_text(encoding="utf-8") == basemap_script_text()


def test_the_drawn_sets_carry_the_corrected_borders():
    from viewer.basemap_blob import basemap_data
    names = {year: {f["properties"]["name"] for f in data["features"]} for year, data in basemap_data()["historical"].items()}
    assert not names["1914"] & {"Georgia", "Armenia", "Azerbaijan"}  # Russian governorates until 1918
    assert "Ottoman Sultanate" not in names["1930"] and "Turkey" in names["1930"]  # Lausanne, not Sèvres
    assert "Kingdom of Italy" in names["1914"]
