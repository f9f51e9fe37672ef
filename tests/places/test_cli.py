import json
import os
import subprocess
import sys

import pytest

from places.cli import main


def run(*args):
    return subprocess.run([sys.executable, "-m", "places", *args], capture_output=True, text=True, timeout=120)


def test_check_accepts_a_valid_file(mini_file, capsys):
    assert main(["check", str(mini_file)]) == 0
    assert "valid" in capsys.readouterr().out


@pytest.mark.parametrize("content", [b"", b"\x00\xff garbage", b"[" * 50000, b"{\"format\": 1}", "{\"a\": \"\udcff\"}".encode("utf-8", "surrogatepass")])
def test_check_rejects_bad_files_with_exit_2_and_no_traceback(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.returncode == 2
    assert str(path) in result.stderr
    assert "Traceback" not in result.stderr


def test_check_on_a_directory_or_missing_file(tmp_path):
    for target in (tmp_path, tmp_path / "missing.json"):
        result = run("check", str(target))
        assert result.returncode == 2 and "Traceback" not in result.stderr and str(target) in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX only")
def test_check_refuses_devices_and_fifos_with_exit_2(tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    for target in ("/dev/zero", "/dev/urandom", str(fifo)):
        result = run("check", target)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"{target}: is not a regular file" in result.stderr


def test_a_resources_package_in_the_current_directory_does_not_hide_the_bundled_data(tmp_path):
    decoy = tmp_path / "resources"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("")
    result = subprocess.run([sys.executable, "-m", "places", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "litvinov.json: valid" in result.stdout


def test_bundled_data_is_found_beside_the_places_package_in_an_install_layout(tmp_path):
    import shutil

    import places
    from places.resources import bundled_journey_path, schema_path

    site = tmp_path / "site-packages"
    shutil.copytree(os.path.dirname(places.__file__), site / "places", ignore=shutil.ignore_patterns("__pycache__"))
    for source in (bundled_journey_path(), schema_path()):
        target = site / "resources" / source.parent.name / source.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "resources").mkdir(parents=True)
    (elsewhere / "resources" / "__init__.py").write_text("")
    code = "import places.resources as r; print(r.bundled_journey_path())"
    result = subprocess.run([sys.executable, "-c", code], cwd=elsewhere, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "PYTHONPATH": str(site)})
    assert result.stdout.strip() == str(site / "resources" / "journeys" / "litvinov.json"), result.stderr


def test_where_answers_in_words_and_json(mini_file, capsys):
    assert main(["where", "1900-05-10", "--journey", str(mini_file)]) == 0
    assert capsys.readouterr().out.strip() == "10 May 1900: in London"
    assert main(["where", "1900-05-10", "--journey", str(mini_file), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "stay" and answer["place"] == {"id": "london", "name": "London", "lat": 51.5072, "lon": -0.1276}
    assert answer["date"] == "1900-05-10"


def test_where_with_a_bad_date_exits_2(mini_file, capsys):
    assert main(["where", "1900-02-30", "--journey", str(mini_file)]) == 2
    assert "bad date" in capsys.readouterr().err


def test_export_writes_atomically_and_refuses_to_overwrite(mini_file, tmp_path, capsys):
    out = tmp_path / "out.geojson"
    assert main(["export", "--format", "geojson", "--journey", str(mini_file), "-o", str(out)]) == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    out.write_text("precious")
    assert main(["export", "--format", "csv", "--journey", str(mini_file), "-o", str(out)]) == 2
    assert out.read_text() == "precious"
    assert main(["export", "--format", "csv", "--journey", str(mini_file), "-o", str(out), "--force"]) == 0
    assert out.read_text().startswith("start,end")


@pytest.mark.parametrize("output, force, message", [
    ("somedir", False, "cannot write {tmp}/somedir: is a directory"),
    ("somedir", True, "cannot write {tmp}/somedir: is a directory"),
    ("nodir/x.csv", False, "cannot write {tmp}/nodir/x.csv: folder {tmp}/nodir does not exist"),
])
def test_export_to_a_bad_output_names_the_users_path_and_the_problem(mini_file, tmp_path, capsys, output, force, message):
    (tmp_path / "somedir").mkdir()
    args = ["export", "--format", "csv", "--journey", str(mini_file), "-o", str(tmp_path / output)] + (["--force"] if force else [])
    assert main(args) == 2
    err = capsys.readouterr().err
    assert message.format(tmp=tmp_path) in err and ".tmp" not in err


@pytest.mark.parametrize("command", [["export", "--format", "csv"], ["extract", "text.txt"]])
def test_an_empty_output_name_is_an_error_not_standard_output(mini_file, capsys, command):
    with pytest.raises(SystemExit) as info:
        main([*command, "-o", ""])
    assert info.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "the file name is empty" in captured.err


def test_check_lists_every_problem_not_just_the_first_twenty(mini_data, tmp_path, capsys):
    mini_data["passages"] = [{"id": f"p{i}", "text": "x", "place": f"nowhere{i}", "start": "1900", "end": "1900"} for i in range(30)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(mini_data), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("refers to a place that does not exist") == 30 and "more problems" not in err


def test_check_reports_structure_and_references_together(mini_data, tmp_path, capsys):
    mini_data["stays"][1]["start"] = "1898/01/02"
    mini_data["passages"][0]["place"] = "atlantis"
    path = tmp_path / "two.json"
    path.write_text(json.dumps(mini_data), encoding="utf-8")
    assert main(["check", str(path)]) == 2
    assert capsys.readouterr().err.splitlines() == [
        f"{path}: $.stays[1].start: '1898/01/02' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD (with optional ~ ? %)",
        f"{path}: $.passages[0].place: refers to a place that does not exist: 'atlantis'",
    ]


def test_check_refuses_a_journey_with_nothing_to_show_and_warns_of_one_without_stays(mini_data, tmp_path, capsys):
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps(dict(mini_data, stays=[], passages=[])), encoding="utf-8")
    assert main(["check", str(empty)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "no stays and no passages: there is nothing to show" in captured.err
    no_stays = tmp_path / "nostays.json"
    no_stays.write_text(json.dumps(dict(mini_data, stays=[])), encoding="utf-8")
    assert main(["check", str(no_stays)]) == 0
    captured = capsys.readouterr()
    assert "valid: 3 places, 0 stays, 2 passages" in captured.out and "warning: the journey has no stays" in captured.err


@pytest.mark.parametrize("fmt", ["csv", "geojson", "kml"])
def test_export_to_dash_writes_standard_output_not_a_file_named_dash(mini_file, tmp_path, monkeypatch, capsys, fmt):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--format", fmt, "--journey", str(mini_file), "-o", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out and "wrote" not in captured.err
    assert not (tmp_path / "-").exists()


def test_where_and_export_take_the_journey_as_a_positional_file(mini_file, capsys):
    assert main(["where", "1900-05-10", str(mini_file)]) == 0
    assert capsys.readouterr().out.strip() == "10 May 1900: in London"
    assert main(["export", str(mini_file), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("start,end")
    assert main(["where", "1900-05-10", str(mini_file), "--journey", str(mini_file)]) == 0  # the same file twice is fine
    capsys.readouterr()


def test_two_different_journey_files_are_an_error(mini_file, tmp_path, capsys):
    assert main(["where", "1900-05-10", str(mini_file), "--journey", str(tmp_path / "other.json")]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "two journey files given" in captured.err and "--journey" in captured.err


@pytest.mark.parametrize("date, side, words", [
    ("1875", "before", "before the journey begins (1 January 1900)"),
    ("1901-02", "after", "after the journey ends (31 December 1900)"),
])
def test_where_outside_the_journey_says_before_or_after(mini_file, capsys, date, side, words):
    assert main(["where", date, "--journey", str(mini_file)]) == 0
    assert capsys.readouterr().out.strip().endswith(f": {words}")
    assert main(["where", date, "--journey", str(mini_file), "--json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["status"] == "unknown" and answer["outside"] == side  # the status keeps its three values
    assert answer["description"] == answer["note"] == words
    assert {"date", "day", "place", "km_so_far"} <= set(answer)


def test_where_inside_the_journey_has_no_outside_key(mini_file, capsys):
    for date in ("1900-05-10", "1900-07-15", "1900-04-01"):  # a stay, an unknown period, travel
        assert main(["where", date, "--journey", str(mini_file), "--json"]) == 0
        assert "outside" not in json.loads(capsys.readouterr().out)
