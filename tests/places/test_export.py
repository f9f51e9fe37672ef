import csv
import io
import json
from xml.etree import ElementTree as ET

import pytest

from places import journey_from_data
from places.atomic import OutputExistsError, write_atomic
from places.export import render, to_geojson


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


def test_kml_gives_each_stay_a_timespan_and_escapes_text(mini_data):
    mini_data["places"][1]["name"] = "London <script>alert(1)</script>"
    root = ET.fromstring(render(journey_from_data(mini_data), "kml").encode())
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == 3  # the unknown period has no placemark
    assert marks[1].find("k:name", ns).text == "London <script>alert(1)</script>"
    assert marks[1].find("k:TimeSpan/k:begin", ns).text == "1900-04-11"
    assert marks[1].find("k:TimeSpan/k:end", ns).text == "1900-06-30"


def test_csv_has_one_row_per_stay(mini_data):
    rows = list(csv.DictReader(io.StringIO(render(journey_from_data(mini_data), "csv"))))
    assert len(rows) == 4
    assert rows[0]["place"] == "Kiev" and rows[0]["last_day"] == "1900-03-31"
    assert rows[2]["kind"] == "unknown" and rows[2]["place"] == ""


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
