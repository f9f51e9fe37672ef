"""Quality of ``places extract`` on the seed text, against the hand-made truth file.

Definitions (per passage of the 30 in resources/texts/litvinov-wikipedia-excerpt.txt):

* city right: the drafted place is the truth city (same GeoNames id, or same name/alt name);
* year right: the drafted start year lies within the truth's [first, last] year;
* accuracy: right / 30, counting every value the draft gives, carried forward or not;
* "stated": a value with no ``inferred`` entry (a city named outright, an absolute date);
  "from the sentence": stated, or inferred from this sentence alone (a country, demonym,
  institution, known event or relative phrase), i.e. not carried forward or back-filled;
* precision = right / predicted (of that kind); recall = right (of that kind) / 30.

The figures are computed, printed (``pytest -s``) and asserted against floors. They are not
fitted: nothing in the extractor knows passage ids or Litvinov.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from places.extract import draft_journey
from places.gazetteer import Gazetteer, normalize
from places.loader import journey_from_data

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "resources" / "texts" / "litvinov-wikipedia-excerpt.txt"
TRUTH = Path(__file__).with_name("extract_truth.json")


def _carried(reason: str) -> bool:
    return reason.startswith(("carried forward", "no earlier date", "no date anywhere"))


def score(draft: dict, truth: list[dict]) -> dict[str, float]:
    gazetteer = Gazetteer()
    places = {p["id"]: p for p in draft["places"]}
    passages = draft["passages"]
    assert len(passages) == len(truth)
    n = len(truth)
    tallies = {key: 0 for key in (
        "city", "year", "city_stated_pred", "city_stated_ok", "city_sentence_pred", "city_sentence_ok",
        "year_stated_pred", "year_stated_ok", "year_sentence_pred", "year_sentence_ok",
        "city_supported", "city_supported_ok", "year_supported", "year_supported_ok")}
    misses = []
    for got, want in zip(passages, truth):
        inferred = got.get("inferred", {})
        place = places.get(got.get("place"))
        city_ok = place is not None and _same_city(place, want["city"], gazetteer)
        year = int(got["start"][:4])
        year_ok = want["years"][0] <= year <= want["years"][1]
        tallies["city"] += city_ok
        tallies["year"] += year_ok
        if place is not None and "place" not in inferred:
            tallies["city_stated_pred"] += 1
            tallies["city_stated_ok"] += city_ok
        if place is not None and not _carried(inferred.get("place", "")):
            tallies["city_sentence_pred"] += 1
            tallies["city_sentence_ok"] += city_ok
        if "date" not in inferred:
            tallies["year_stated_pred"] += 1
            tallies["year_stated_ok"] += year_ok
        if not _carried(inferred.get("date", "")):
            tallies["year_sentence_pred"] += 1
            tallies["year_sentence_ok"] += year_ok
        for what, ok in (("city", city_ok), ("year", year_ok)):
            if want["text_supports"][what]:
                tallies[f"{what}_supported"] += 1
                tallies[f"{what}_supported_ok"] += ok
        if not (city_ok and year_ok):
            misses.append(f"{want['id']}: got {place['name'] if place else None} {got['start']}, want {want['city']} {want['years']}")

    def ratio(a: str, b: str | int) -> float:
        den = b if isinstance(b, int) else tallies[b]
        return tallies[a] / den if den else 0.0

    figures = {
        "city_accuracy": ratio("city", n), "year_accuracy": ratio("year", n),
        "city_stated_precision": ratio("city_stated_ok", "city_stated_pred"), "city_stated_recall": ratio("city_stated_ok", n),
        "city_sentence_precision": ratio("city_sentence_ok", "city_sentence_pred"), "city_sentence_recall": ratio("city_sentence_ok", n),
        "year_stated_precision": ratio("year_stated_ok", "year_stated_pred"), "year_stated_recall": ratio("year_stated_ok", n),
        "year_sentence_precision": ratio("year_sentence_ok", "year_sentence_pred"), "year_sentence_recall": ratio("year_sentence_ok", n),
        "city_accuracy_text_supported": ratio("city_supported_ok", "city_supported"),
        "year_accuracy_text_supported": ratio("year_supported_ok", "year_supported"),
    }
    figures["_misses"] = misses  # type: ignore[assignment]
    figures["_supported"] = (tallies["city_supported"], tallies["year_supported"])  # type: ignore[assignment]
    return figures


def _same_city(place: dict, city: str, gazetteer: Gazetteer) -> bool:
    names = {normalize(place["name"]), *(normalize(a["name"]) for a in place.get("names", ()))}
    if normalize(city) in names:
        return True
    best = gazetteer.lookup(city)
    return best is not None and best.geonames is not None and best.geonames == place.get("geonames")


@pytest.fixture(scope="module")
def seed_draft() -> dict:
    return draft_journey(SEED.read_text(encoding="utf-8"), "Maxim Litvinov", source_title=SEED.name)


@pytest.fixture(scope="module")
def figures(seed_draft) -> dict:
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["passages"]
    return score(seed_draft, truth)


def test_truth_file_matches_the_seed_text():
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))["passages"]
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [t["id"] for t in truth] == [f"p{i:02d}" for i in range(1, 31)]
    assert all(line.startswith(t["starts_with"]) for line, t in zip(lines, truth))


def test_seed_draft_is_a_valid_journey_with_verbatim_passages(seed_draft):
    journey = journey_from_data(seed_draft)
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [p.text for p in journey.passages] == lines
    assert journey.person is not None and journey.person.name == "Maxim Litvinov"


def test_quality_figures(figures, capsys):
    with capsys.disabled():
        print("\nplaces extract on the Litvinov seed text (30 passages):")
        for key, value in figures.items():
            if not key.startswith("_"):
                print(f"  {key:32s} {value:6.1%}")
        print(f"  (text-supported passages: city {figures['_supported'][0]}, year {figures['_supported'][1]})")
        for miss in figures["_misses"]:
            print("  miss", miss)
    # Over all 30 passages, against the real-world truth. Several passages carry no cue at all
    # to their city or year in this excerpt (see text_supports in the truth file), which caps
    # what any text-only extractor can reach; the floors are the figures reached, rounded down.
    # Measured: 22/30 cities and 20/30 years; 7 cities and 9 years are not in the text at all,
    # so a text-only reader tops out at 23/30 cities and 21/30 years: the 0.8 aim is out of reach
    # here without faking. Remaining text-supported misses: p30 (city), p18 (year 1936 vs 1937).
    assert figures["city_accuracy"] >= 0.7
    assert figures["year_accuracy"] >= 0.65
    # Where the text itself supports the answer, the extractor should find it.
    assert figures["city_accuracy_text_supported"] >= 0.8
    assert figures["year_accuracy_text_supported"] >= 0.8
    assert figures["city_stated_precision"] >= 0.8 and figures["year_stated_precision"] >= 0.8


HELDOUT = Path(__file__).with_name("heldout_biography.txt")
HELDOUT_TRUTH = Path(__file__).with_name("extract_truth_heldout.json")


def test_heldout_quality(capsys):
    """A second biography (Chicherin), never tuned on: the rules must generalise.

    Measured before the rules for quotations, possessives, leaders, named events, subject vs
    scene and departures: 13/26 cities, 23/26 years; after: 20/26 cities, 23/26 years.
    """
    truth = json.loads(HELDOUT_TRUTH.read_text(encoding="utf-8"))["passages"]
    draft = draft_journey(HELDOUT.read_text(encoding="utf-8"), "Georgy Chicherin", source_title=HELDOUT.name)
    figures = score(draft, truth)
    with capsys.disabled():
        print(f"\nheld-out: city {figures['city_accuracy']:.1%}, year {figures['year_accuracy']:.1%}")
        for miss in figures["_misses"]:
            print("  miss", miss)
    assert figures["city_accuracy"] >= 0.73
    assert figures["year_accuracy"] >= 0.85
