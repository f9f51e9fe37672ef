"""``places extract``: the date and place recognisers, sentence splitting, drafting and the CLI."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from places.dates import FuzzyDate
from places.extract import PlaceFinder, absolute_dates, date_of_sentence, draft_journey, split_passages, split_sentences
from places.loader import journey_from_data

Y = FuzzyDate


def when(sentence, running=None):
    found = date_of_sentence(sentence, running)
    return None if found.span is None else (str(found.span[0]), str(found.span[1]), found.stated)


# -- dates ---------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("In January 1908, French police arrested him.", ("1908-01", "1908-01", True)),
    ("When the government began arresting the Bolsheviks in 1906, he left.", ("1906", "1906", True)),
    ("[17] On 8 November 1917, a day after the October Revolution, he was appointed.", ("1917-11-08", "1917-11-08", True)),
    ("He lived there from 1934 to 1938.", ("1934", "1938", True)),
    ("He lived there between March 1934 and 1938.", ("1934-03", "1938", True)),
    ("He travelled widely in the 1920s.", ("1920", "1929", True)),
    ("In early December 1941, a meeting was called.", ("1941-12", "1941-12", True)),
    ("He left in 1906 and spent the next ten years abroad.", ("1906", "1916", True)),
    ("its note of 7 September [1921] would never have been produced", ("1921-09-07", "1921-09-07", True)),
    ("Nov. 8th, 1917 was a Thursday.", ("1917-11-08", "1917-11-08", True)),
])
def test_absolute_dates(sentence, expected):
    assert when(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "[17] He was appointed to the collegium.",
    "[citation needed] He said so.",
    "carrying twelve 500-ruble banknotes",
    "a mass escape of 11 inmates from the prison",
    "a crowd of 1500 people and 2000 soldiers",
    "see page 1905 of No. 1906",
])
def test_citation_markers_and_counts_are_not_dates(sentence):
    assert when(sentence) is None


def test_relative_dates_use_the_running_date():
    assert when("After 18 months in custody, he escaped.", (Y(1901, 3), Y(1901, 3))) == ("1902-09~", "1902-09~", False)
    assert when("the bank robbery in Tiflis the year before", (Y(1908), Y(1908))) == ("1907", "1907", False)
    assert when("That year, in Kiev, he joined the party.", (Y(1898), Y(1898))) == ("1898", "1898", False)
    assert when("He spent the next ten years abroad.", (Y(1906), Y(1906))) == ("1906", "1916", False)
    assert when("After 18 months in custody, he escaped.") is None  # nothing to count from


def test_relative_phrase_beside_an_absolute_date_does_not_move_it():
    found = date_of_sentence("In January 1908, police arrested him with money stolen in Tiflis the year before.", None)
    assert str(found.span[0]) == "1908-01"
    assert any(m.kind == "relative" and str(m.start) == "1907" for m in found.mentions)


def test_known_events_date_a_sentence_and_pick_the_occurrence_after_the_running_date():
    found = date_of_sentence("After the United States entered the war, he urged Roosevelt on.", (Y(1939), Y(1939)))
    assert str(found.span[0]) == "1941-12-08" and not found.stated and "event" in found.reason
    found = date_of_sentence("After the United States entered the war, he urged Wilson on.", (Y(1916), Y(1916)))
    assert str(found.span[0]) == "1917-04-06"


def test_a_line_with_500_years_keeps_the_first():
    line = " ".join(str(1500 + i) for i in range(500))
    assert when(line)[0] == "1500"
    assert len(absolute_dates(line)) >= 1


# -- places --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def finder():
    return PlaceFinder()


def best(finder, sentence, running=None):
    found = finder.best(sentence, date_of_sentence(sentence, None), running)
    return None if found is None else (found.city.name, found.kind)


@pytest.mark.parametrize("sentence, city", [
    ("That year, in Kiev, Wallach joined the party.", "Kyiv"),
    ("He was held in Tiflis for a month.", "Tbilisi"),
    ("He was sent to Reval in 1921.", "Tallinn"),
    ("He reached Petrograd in October.", "Saint Petersburg"),
    ("He was dispatched on a mission to Stockholm, Sweden.", "Stockholm"),
    ("A meeting in Madison Square, New York City, was full.", "New York City"),
])
def test_cities_by_name_including_historical_names(finder, sentence, city):
    assert best(finder, sentence) == (city, "city")


@pytest.mark.parametrize("sentence, city, kind", [
    ("In January 1908, French police arrested Litvinov.", "Paris", "demonym"),
    ("He was later deported, and lived in Sweden.", "Stockholm", "country"),
    ("He addressed the League of Nations in 1934.", "Geneva", "institution"),
    ("He joined the People's Commissariat of Foreign Affairs (Narkomindel) in 1930.", "Moscow", "institution"),
    ("The Kremlin was alarmed in 1939.", "Moscow", "institution"),
    ("The Foreign Office replied in 1921.", "London", "institution"),
    ("He wrote to Downing Street in 1924.", "London", "institution"),
    ("The Dáil Éireann sent an envoy in 1920.", "Dublin", "institution"),
    ("He was received at the White House in 1933.", "Washington", "institution"),
    ("He was appointed plenipotentiary in the United Kingdom in 1917.", "London", "country"),
])
def test_demonyms_countries_and_institutions(finder, sentence, city, kind):
    assert best(finder, sentence) == (city, kind)


def test_a_country_means_its_capital_on_the_date(finder):
    before = finder.best("The Russian government arrested him in 1906.", date_of_sentence("The Russian government arrested him in 1906.", None))
    after = finder.best("The Russian government arrested him in 1931.", date_of_sentence("The Russian government arrested him in 1931.", None))
    assert before.city.name == "Saint Petersburg" and after.city.name == "Moscow"


@pytest.mark.parametrize("sentence", [
    "Of course he agreed to the Pact.",
    "The Union of Writers met. Nice weather.",
    "The Bar Association objected.",
    "Joseph Stalin and Vyacheslav Molotov did not trust him.",
    "President Franklin D. Roosevelt agreed.",
    "Éamon de Valera sent an envoy.",
    "The American historian Jeffrey Herf disagrees.",
    "He favoured Soviet participation in the Kellogg-Briand Pact.",
    "Troops advanced in North Africa towards the Caucasus.",
])
def test_common_words_person_names_and_weak_demonyms_are_not_places(finder, sentence):
    assert best(finder, sentence) is None


def test_quoted_speech_does_not_place_the_speaker(finder):
    assert best(finder, 'He replied that "The British Foreign Office has been misled".') is None


def test_another_time_means_another_place(finder):
    sentence = "In January 1908, French police arrested him with notes stolen in Tiflis the year before."
    assert best(finder, sentence) == ("Paris", "demonym")


def test_destination_of_a_journey_wins(finder):
    assert best(finder, "De Valera redirected his envoy from Washington to Moscow.")[0] == "Moscow"


# -- sentences -----------------------------------------------------------------------------

def test_sentence_splitting_respects_abbreviations_initials_and_citations():
    text = ("Mr. Wallach moved to St. Petersburg in 1905.[12] President Franklin D. Roosevelt met him in 1933. "
            "He left Gen. Smith's office at 5 p.m. on Monday.[citation needed] Then he sailed.")
    assert split_sentences(text) == [
        "Mr. Wallach moved to St. Petersburg in 1905.[12]",
        "President Franklin D. Roosevelt met him in 1933.",
        "He left Gen. Smith's office at 5 p.m. on Monday.[citation needed]",
        "Then he sailed.",
    ]


def test_short_lines_are_passages_and_long_paragraphs_are_split():
    assert split_passages("One line. Two sentences.\n\nAnother line.\nA third.\n") == ["One line. Two sentences.", "Another line.", "A third."]
    paragraph = " ".join(["He lived in Paris in 1906 and wrote many letters to his friends at home."] * 8)
    assert len(split_passages(paragraph)) == 8


def test_hard_wrapped_prose_is_joined_before_splitting():
    text = "He was born in Riga in\n1880 and moved to Berlin\nin 1901. He died in Paris\nin 1950 after a long\nillness.\n"
    assert split_passages(text) == ["He was born in Riga in 1880 and moved to Berlin in 1901.", "He died in Paris in 1950 after a long illness."]


# -- drafting --------------------------------------------------------------------------------

PARAGRAPH = ("Anna Petrova was born in Riga in 1880. She studied in Berlin from 1898 to 1902. "
             "Two years later she moved to Paris. She was arrested by the French police in 1907. "
             "After 18 months in prison she left for London. There she taught until 1920. "
             "In the 1920s she lived in Moscow. She died there in 1951.")


def test_draft_of_a_paragraph_follows_the_life():
    doc = draft_journey(PARAGRAPH, "Anna Petrova")
    journey = journey_from_data(doc)
    names = {p.id: p.name for p in journey.places}
    got = [(names.get(p.place_id), str(p.start)) for p in journey.passages]
    assert got[0] == ("Riga", "1880") and got[1] == ("Berlin", "1898")
    assert got[2] == ("Paris", "1904~")
    assert got[4][0] == "London" and got[6] == ("Moscow", "1920") and got[7] == ("Moscow", "1951")
    assert [s.kind for s in journey.stays][0] == "birth"
    assert journey.title == "Anna Petrova: a draft journey" and journey.person.name == "Anna Petrova"


def test_a_drafted_city_takes_the_researched_names_of_the_day():
    """A review drafted a text that says "Petrograd" for 1918: the map said "Saint Petersburg"."""
    doc = draft_journey("In 1910 she lived in St Petersburg.\nIn 1918 she left Petrograd for Tallinn.\n")
    journey = journey_from_data(doc)
    city = next(p for p in journey.places if p.geonames == 498817)
    from datetime import date

    assert [city.name_on(date(y, 6, 1).toordinal()) for y in (1910, 1918, 1930, 2000)] == [
        "St Petersburg", "Petrograd", "Leningrad", "Saint Petersburg"]
    samara = draft_journey("In 1941 he was evacuated to Kuibyshev.\n")  # the gazetteer adds an undated "Samara"
    city = journey_from_data(samara).places[0]
    assert [city.name_on(date(y, 6, 1).toordinal()) for y in (1918, 1941)] == ["Samara", "Kuibyshev"]
    tallinn = next(p for p in journey.places if p.name in ("Tallinn", "Reval"))
    assert tallinn.name_on(date(1910, 6, 1).toordinal()) == "Revel"  # as the bundled journey names it


def test_carried_forward_values_are_marked_and_stated_ones_are_not():
    doc = draft_journey("In 1906 he lived in Paris.\nHe wrote many letters.\n")
    first, second = doc["passages"]
    assert "inferred" not in first
    assert second["inferred"] == {"place": "carried forward from p01", "date": "carried forward from p01"}
    assert doc["stays"][0]["certainty"] == "certain"


def test_certainty_of_stays_follows_what_was_inferred():
    doc = draft_journey("In 1906 French police watched him.\nHe went to Berne the next year.\n")
    stays = doc["stays"]
    assert stays[0]["certainty"] == "uncertain" and "demonym 'French'" in stays[0]["inferred"]["place"]
    assert stays[1]["certainty"] == "less-certain"


def test_out_of_order_dates_keep_the_journey_valid():
    text = "In 1930 he lived in Paris.\nIn 1910 he lived in Berlin.\nIn 1925 he lived in Rome.\nIn 1940 he lived in Madrid.\n"
    doc = draft_journey(text)
    journey = journey_from_data(doc)
    assert [s.place_id for s in journey.stays] == ["paris", "madrid"]
    assert len(journey.passages) == 4


def test_every_passage_and_stay_cites_the_one_source():
    doc = draft_journey(PARAGRAPH, source_title="petrova.txt")
    assert doc["sources"] == {"text": {"title": "petrova.txt", "note": "drafted by places extract"}}
    assert all(p["source"] == "text" for p in doc["passages"] + doc["stays"])


# -- hostile text ----------------------------------------------------------------------------

HOSTILE = {
    "empty": "",
    "blank": " \n\n\t\n",
    "giant line": ("Litvinov went to Paris in 1906 and then " * 26000),
    "binary": bytes(range(256)).decode("latin-1") * 20,
    "rtl": "ذهب ليتفينوف إلى موسكو عام ١٩١٨.\nליטבינוב נסע למוסקבה ב-1918.\n",
    "emoji": "🚂 In 1918 he went to Moscow 🇷🇺🔥\n😀😀😀\n",
    "citations only": "[1]\n[2][3]\n[citation needed]\n",
    "500 years": " ".join(str(1100 + 2 * i) for i in range(500)),
    "surrogates": "In 1906 he was in Paris \udcff.",
    "no dates": "He lived in Paris.\nHe moved to Rome.\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_drafts_a_valid_journey(name):
    doc = draft_journey(HOSTILE[name])
    journey = journey_from_data(doc)
    json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if name == "giant line":
        assert all(len(p.text) <= 100_000 for p in journey.passages) and len(journey.passages) >= 10


# -- command line ----------------------------------------------------------------------------

def run(*args):
    return subprocess.run([sys.executable, "-m", "places", *args], capture_output=True, text=True, timeout=300)


def test_cli_writes_a_journey_that_check_accepts(tmp_path):
    text = tmp_path / "bio.txt"
    text.write_text(PARAGRAPH, encoding="utf-8")
    out = tmp_path / "bio.json"
    result = run("extract", str(text), "-o", str(out), "--person", "Anna Petrova")
    assert result.returncode == 0, result.stderr
    assert run("check", str(out)).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["person"] == {"name": "Anna Petrova"}
    again = run("extract", str(text), "-o", str(out))
    assert again.returncode == 2 and "already exists" in again.stderr
    assert run("extract", str(text), "-o", str(out), "--force").returncode == 0
    stdout = run("extract", str(text))
    assert stdout.returncode == 0 and json.loads(stdout.stdout)["format"] == "litvinov-atlas/journey"


@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "latin-1", "same as output"])
def test_cli_refuses_unreadable_input_with_exit_2(tmp_path, kind):
    target = tmp_path / "in.txt"
    args = [str(target)]
    if kind == "directory":
        target = tmp_path
        args = [str(target)]
    elif kind == "binary":
        target.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    elif kind == "latin-1":
        target.write_bytes("Café in Zürich, 1902".encode("latin-1"))
    elif kind == "same as output":
        target.write_text("In 1906 he was in Paris.", encoding="utf-8")
        args = [str(target), "-o", str(target), "--force"]
    result = run("extract", *args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and str(target) in result.stderr
    if kind == "same as output":
        assert target.read_text(encoding="utf-8") == "In 1906 he was in Paris."


def test_extract_refuses_a_device_instead_of_reading_forever(tmp_path):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "places", "extract", "/dev/zero", "-o", str(tmp_path / "d.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "/dev/zero" in result.stderr and "not a regular file" in result.stderr
    assert "Traceback" not in result.stderr


def test_pieces_without_a_letter_or_digit_are_no_passages():
    assert split_passages("He was born in Riga in 1880.\n* * *\n---\nHe died in Paris in 1950.\n") == [
        "He was born in Riga in 1880.", "He died in Paris in 1950."]
    assert split_passages("...\n* * *\n— — —\n") == []
    assert split_passages("1918\n[1]\n") == ["1918", "[1]"]


@pytest.mark.parametrize("content", [b"", b"   \n\t\n\n", b"\xef\xbb\xbf", b"* * *\n---\n...\n"])
def test_cli_drafts_nothing_from_a_text_with_no_passages(tmp_path, content):
    text = tmp_path / "empty.txt"
    text.write_bytes(content)
    out = tmp_path / "draft.json"
    result = run("extract", str(text), "-o", str(out))
    assert result.returncode == 2
    assert f"found no passages in {text}: nothing to draft" in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()
    to_stdout = run("extract", str(text))
    assert to_stdout.returncode == 2 and to_stdout.stdout == ""


def test_cli_output_dash_is_standard_output(tmp_path):
    text = tmp_path / "bio.txt"
    text.write_text("In 1906 he was in Paris.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "places", "extract", str(text), "-o", "-"], capture_output=True,
                            text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["passages"][0]["text"] == "In 1906 he was in Paris."
    assert not (tmp_path / "-").exists()
