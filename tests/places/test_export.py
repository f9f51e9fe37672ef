import csv
import html
import io
import json
from dataclasses import replace
from xml.etree import ElementTree as ET

import pytest

from places import bundled_journey_path, journey_from_data, load_journey
from places.atomic import OutputExistsError, write_atomic
from places.export import _split_at_antimeridian, render, to_csv, to_geojson, to_kml

KML = {"k": "http://www.opengis.net/kml/2.2"}


def test_geojson_follows_linked_places_for_places_and_draws_legs(mini_data):
    data = to_geojson(journey_from_data(mini_data))
    points = [f for f in data["features"] if f["geometry"]["type"] == "Point"]
    lines = [f for f in data["features"] if f["geometry"]["type"] == "LineString"]
    kiev = next(f for f in points if f["properties"]["id"] == "kiev")
    assert kiev["properties"]["title"] == "Kiev"
    assert kiev["geometry"]["coordinates"] == [30.52, 50.45]
    span = kiev["properties"]["when"]["timespans"][0]
    assert span["start"]["earliest"] == "1900-01-01" and span["end"]["latest"] == "1900-03-31"
    assert kiev["properties"]["passages"] == [{"id": "a", "text": "He was born. [1]", "start": "1900-01-01", "end": "1900-01-01", "source": "src"}]
    assert len(lines) == 2 and lines[1]["properties"]["inferred"] is True
    json.dumps(data)


def kml_folders(text: str) -> dict[str, list[ET.Element]]:
    """The placemarks of each folder of a KML document, by folder name."""
    root = ET.fromstring(text.encode())
    return {f.find("k:name", KML).text: f.findall("k:Placemark", KML) for f in root.findall("k:Document/k:Folder", KML)}


def kml_longitudes(text: str) -> list[float]:
    root = ET.fromstring(text.encode())
    return [float(xyz.split(",")[0]) for c in root.iter(f"{{{KML['k']}}}coordinates") for xyz in c.text.split()]


def test_kml_gives_each_stay_a_timespan_and_escapes_text(mini_data):
    mini_data["places"][1]["name"] = "London <script>alert(1)</script>"
    marks = kml_folders(render(journey_from_data(mini_data), "kml"))["Stays"]
    assert len(marks) == 3  # the unknown period has no placemark
    assert marks[1].find("k:name", KML).text == "London <script>alert(1)</script>"
    assert marks[1].find("k:TimeSpan/k:begin", KML).text == "1900-04-11"
    assert marks[1].find("k:TimeSpan/k:end", KML).text == "1900-06-30"


def test_kml_of_the_bundled_journey_holds_what_the_geojson_holds():
    journey = load_journey(bundled_journey_path())
    text = to_kml(journey)
    folders = kml_folders(text)
    features = to_geojson(journey)["features"]
    points = [f for f in features if f["geometry"]["type"] == "Point"]
    assert list(folders) == ["Stays", "Trail", "Passages"]
    assert len(folders["Stays"]) == sum(len(f["properties"]["when"]["timespans"]) for f in points) > 90
    assert len(folders["Trail"]) == sum(f["geometry"]["type"] == "LineString" for f in features) > 50
    assert len(folders["Passages"]) == sum(len(f["properties"]["passages"]) for f in points) == 30
    for mark in folders["Trail"] + folders["Passages"]:
        assert mark.find("k:TimeSpan/k:begin", KML).text <= mark.find("k:TimeSpan/k:end", KML).text
    assert all(-180 <= lon <= 180 for lon in kml_longitudes(text))
    assert to_kml(journey) == text  # deterministic


def test_kml_trail_names_dates_and_styles_each_leg(mini_data):
    text = to_kml(journey_from_data(mini_data))
    root = ET.fromstring(text.encode())
    styles = {s.get("id"): s.find("k:LineStyle", KML) for s in root.findall("k:Document/k:Style", KML)}
    assert set(styles) == {"leg", "leg-inferred"}
    assert styles["leg"].find("k:color", KML).text != styles["leg-inferred"].find("k:color", KML).text
    assert styles["leg"].find("k:width", KML).text != styles["leg-inferred"].find("k:width", KML).text
    certain, inferred = kml_folders(text)["Trail"]
    assert certain.find("k:name", KML).text == "Kiev → London"
    assert inferred.find("k:name", KML).text == "London → Saint Petersburg"
    assert [certain.find(f"k:TimeSpan/k:{t}", KML).text for t in ("begin", "end")] == ["1900-03-31", "1900-04-11"]
    assert certain.find("k:styleUrl", KML).text == "#leg" and inferred.find("k:styleUrl", KML).text == "#leg-inferred"
    assert "KML has no dashed lines" in inferred.find("k:description", KML).text
    coords = certain.find("k:LineString/k:coordinates", KML).text.split()
    assert coords[0] == "30.52,50.45" and coords[-1] == "-0.1276,51.5072" and len(coords) > 2  # the great-circle arc


def test_kml_passages_sit_at_their_place_and_show_their_text_as_text(mini_data):
    hostile = 'Talks <script>alert("x")</script> & <img src=x onerror=alert(1)>\nnext line'
    mini_data["places"][1]["name"] = "London <script>&amp;"
    mini_data["passages"][1]["text"] = hostile
    mini_data["stays"][1]["note"] = "bad \x01 byte"  # not allowed in XML 1.0 at all
    text = to_kml(journey_from_data(mini_data))
    folders = kml_folders(text)  # still parses
    assert "<script" not in text and "<img" not in text
    london = folders["Passages"][1]
    assert london.find("k:name", KML).text == "London <script>&amp;, May 1900"
    assert london.find("k:Point/k:coordinates", KML).text == "-0.1276,51.5072"
    assert [london.find(f"k:TimeSpan/k:{t}", KML).text for t in ("begin", "end")] == ["1900-05-01", "1900-05-31"]
    description = london.find("k:description", KML).text  # what Google Earth reads as HTML
    assert "<" not in description.replace("<br>", "")  # no markup but our line breaks
    assert html.unescape(description).split("<br>") == hostile.split("\n") + ["source: src"]
    assert folders["Trail"][0].find("k:name", KML).text == "Kiev → London <script>&amp;"
    assert "bad \ufffd byte" in folders["Stays"][1].find("k:description", KML).text


def test_kml_cuts_a_leg_over_the_antimeridian_into_two_lines(mini_data):
    mini_data["places"][0].update(name="Petropavlovsk", lat=53.02, lon=158.65, names=[])
    mini_data["places"][1].update(name="Anchorage", lat=61.22, lon=-149.9)
    text = to_kml(journey_from_data(mini_data))
    leg = kml_folders(text)["Trail"][0]
    assert leg.find("k:LineString", KML) is None
    lines = leg.findall("k:MultiGeometry/k:LineString", KML)
    assert len(lines) == 2
    west, east = ([tuple(map(float, xyz.split(","))) for xyz in line.find("k:coordinates", KML).text.split()] for line in lines)
    assert west[0] == (158.65, 53.02) and east[-1] == (-149.9, 61.22)
    assert west[-1][0] == 180 and east[0][0] == -180 and west[-1][1] == east[0][1]  # they meet on the antimeridian
    assert all(158.65 <= lon <= 180 for lon, _ in west) and all(-180 <= lon <= -149.9 for lon, _ in east)
    assert all(-180 <= lon <= 180 for lon in kml_longitudes(text))


def test_the_antimeridian_cut_goes_either_way_and_never_leaves_a_lone_point():
    westward = _split_at_antimeridian(((10.0, -170.0), (20.0, -190.0)))
    assert westward == [[(10.0, -170.0), (15.0, -180.0)], [(15.0, 180.0), (20.0, 170.0)]]
    on_the_line = _split_at_antimeridian(((0.0, 170.0), (5.0, 180.0), (10.0, 190.0)))
    assert on_the_line == [[(0.0, 170.0), (5.0, 180.0)], [(5.0, -180.0), (10.0, -170.0)]]
    ends_on_it = _split_at_antimeridian(((0.0, 170.0), (5.0, 180.0)))
    assert ends_on_it == [[(0.0, 170.0), (5.0, 180.0)]]
    assert _split_at_antimeridian(((0.0, 10.0), (1.0, 20.0))) == [[(0.0, 10.0), (1.0, 20.0)]]


def test_csv_has_one_row_per_stay(mini_data):
    rows = list(csv.DictReader(io.StringIO(render(journey_from_data(mini_data), "csv"))))
    assert len(rows) == 4
    assert rows[0]["place"] == "Kiev" and rows[0]["last_day"] == "1900-03-31"
    assert rows[2]["kind"] == "unknown" and rows[2]["place"] == ""


FORMULAS = ['=HYPERLINK("http://evil","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
            "\t=1+1", "\r=1+1"]


def test_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(mini_data):
    mini_data["places"][0]["name"] = FORMULAS[0]
    mini_data["places"][1]["lon"] = -77.03
    for stay, note in zip(mini_data["stays"], FORMULAS[1:5]):
        stay["note"] = note
    journey = journey_from_data(mini_data)
    # ids, kinds and sources pass the schema's patterns and enums only from a file: a journey
    # built in code (the extractor's, say) is guarded all the same
    hostile = replace(journey.places[2], id=FORMULAS[5])
    stay = replace(journey.stays[3], place_id=hostile.id, source=FORMULAS[0], kind="@kind", certainty="-1")
    journey = replace(journey, places=journey.places[:2] + (hostile,), stays=journey.stays[:3] + (stay,))
    rows = list(csv.DictReader(io.StringIO(to_csv(journey))))
    assert [row["note"] for row in rows] == ["'" + note for note in FORMULAS[1:5]]
    assert rows[0]["place"] == "'" + FORMULAS[0]
    assert [rows[3][c] for c in ("place_id", "source", "kind", "certainty")] == \
        ["'" + FORMULAS[5], "'" + FORMULAS[0], "'@kind", "'-1"]
    assert rows[1]["place"] == "London" and rows[1]["lon"] == "-77.03" and float(rows[1]["lon"]) == -77.03  # a number still
    assert rows[1]["lat"] == "51.5072" and rows[1]["source"] == "src" and rows[3]["start"] == "1900-09~"
    assert rows[2]["place"] == rows[2]["lat"] == "" and rows[2]["kind"] == "unknown"
    text = to_csv(journey)
    assert text.startswith("start,end,") and ',-77.03,"residence",' in text  # a number, not text


def test_atomic_writes_never_overwrite_unasked(tmp_path):
    target = tmp_path / "out.json"
    write_atomic(target, "first")
    with pytest.raises(OutputExistsError):
        write_atomic(target, "second")
    assert target.read_text() == "first"
    write_atomic(target, "third", overwrite=True)
    assert target.read_text() == "third"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary files left


@pytest.mark.parametrize("overwrite", [False, True])
def test_writing_over_a_directory_names_it_and_says_so(tmp_path, overwrite):
    folder = tmp_path / "somedir"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as info:
        write_atomic(folder, "data", overwrite=overwrite)
    assert info.value.filename == str(folder) and "is a directory" in info.value.strerror
    assert [p.name for p in tmp_path.iterdir()] == ["somedir"] and not any(folder.iterdir())


def test_writing_into_a_missing_folder_names_the_folder_not_a_temporary_file(tmp_path):
    target = tmp_path / "nodir" / "x.csv"
    with pytest.raises(FileNotFoundError) as info:
        write_atomic(target, "data")
    assert info.value.filename == str(target)
    assert info.value.strerror == f"folder {tmp_path / 'nodir'} does not exist"
    assert ".tmp" not in str(info.value)


def test_an_empty_file_name_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OSError, match="no file name given"):
        write_atomic("", "data", overwrite=True)
    assert list(tmp_path.iterdir()) == []
