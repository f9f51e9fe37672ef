"""``python -m places``: check, query and export journeys, and look up place names.

Exit codes: 0 success, 1 no answer (``geocode`` found nothing), 2 bad input or failure (an
invalid journey, a bad date, an output that exists, an online lookup that failed).
Errors are one message each, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from .atomic import OutputExistsError, write_atomic
from .dates import DateError, day_label, day_of, iso
from .errors import JourneyError
from .export import FORMATS, render
from .itinerary import Itinerary, Status, Whereabouts
from .legs import Odometer, build_legs
from .loader import load_journey
from .model import Journey
from .resources import bundled_journey_path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m places", description="Check, query and export Litvinov Atlas journeys.")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="validate a journey file (exit 0 valid, 2 invalid)")
    check.add_argument("file", nargs="?", help="journey file (default: the bundled Litvinov journey)")

    where = sub.add_parser("where", help="where was the person on a date?")
    where.add_argument("date", help="YYYY, YYYY-MM or YYYY-MM-DD (first day of the period)")
    where.add_argument("file", nargs="?", help="journey file, or give it with --journey (default: bundled)")
    where.add_argument("--journey", help="journey file (default: bundled)")
    where.add_argument("--json", action="store_true", help="answer as JSON")

    export = sub.add_parser("export", help="export as GeoJSON, KML or CSV")
    export.add_argument("file", nargs="?", help="journey file, or give it with --journey (default: bundled)")
    export.add_argument("--format", choices=FORMATS, required=True)
    export.add_argument("--journey", help="journey file (default: bundled)")
    export.add_argument("-o", "--output", type=_file_name, help="output file; - or none: standard output")
    export.add_argument("--force", action="store_true", help="overwrite the output file if it exists")

    geocode = sub.add_parser("geocode", help="coordinates of a place name, offline (online only with --online)")
    geocode.add_argument("name", help='a place name, historical ones included ("Tiflis", "Petrograd")')
    geocode.add_argument("--journey", help="journey whose places are searched first (default: bundled)")
    geocode.add_argument("--online", action="store_true",
                         help="if the offline gazetteer has no answer, ask OpenStreetMap Nominatim "
                              "(sends the name over the internet; answers are cached)")

    extract = sub.add_parser("extract", help="draft a journey from a plain-text biography")
    extract.add_argument("text", help="a UTF-8 text file: one passage per line, or paragraphs")
    extract.add_argument("-o", "--output", type=_file_name, help="output journey file; - or none: standard output")
    extract.add_argument("--person", help="the person's name (sets person.name and the title)")
    extract.add_argument("--force", action="store_true", help="overwrite the output file if it exists")
    return parser


def _file_name(value: str) -> str:
    """An output file name; an empty one is an error (it used to mean standard output silently)."""
    if not value.strip():
        raise argparse.ArgumentTypeError("the file name is empty (leave out -o to write to standard output)")
    return value


STDOUT = "-"


def _journey_file(value: str | None) -> Path:
    return Path(value) if value else bundled_journey_path()


def _one_journey(args: argparse.Namespace) -> str | None:
    """Settle ``args.journey`` for commands that take the journey as FILE or ``--journey``.

    Returns what is wrong when both are given and name different files, else None.
    """
    file, option = getattr(args, "file", None), getattr(args, "journey", None)
    if file and option and file != option:
        return f"two journey files given ({file} and --journey {option}); give one, as FILE or with --journey"
    if "journey" in args:
        args.journey = option or file
    return None


def outside_journey(journey: Journey, day: int) -> tuple[str, str] | None:
    """("before", "before the journey begins (17 July 1876)"), the same "after", or None within it."""
    if not journey.stays:
        return None
    first, last = journey.stays[0], journey.stays[-1]
    if day < first.first_day:
        return "before", f"before the journey begins ({first.start.label()})"
    if day > last.last_day:
        return "after", f"after the journey ends ({last.end.label()})"
    return None


def where_json(where: Whereabouts, km: float, outside: tuple[str, str] | None = None) -> dict:
    """The machine-readable answer of ``where``.

    A day outside the journey keeps its status ``unknown`` and adds ``outside``
    (``before`` or ``after``); its ``description`` and ``note`` say which, with the date.
    """
    def place_json(place):  # type: ignore[no-untyped-def]
        return None if place is None else {"id": place.id, "name": place.name_on(where.day), "lat": place.lat, "lon": place.lon}

    description = outside[1] if outside else where.describe()
    answer = {"date": iso(where.day), "day": where.day, "status": where.status.value, "place": place_json(where.place), "description": description, "km_so_far": round(km, 1)}
    if outside:
        answer.update({"outside": outside[0], "note": outside[1]})
    if where.stay is not None:
        answer["stay"] = {"start": str(where.stay.start), "end": str(where.stay.end), "kind": where.stay.kind, "certainty": where.stay.certainty, "source": where.stay.source}
    if where.note is not None:
        answer["note"] = where.note
    if where.status is Status.TRAVEL:
        answer.update({"from": place_json(where.origin), "to": place_json(where.destination), "progress": round(where.progress, 3)})
    return answer


NOTHING_TO_SHOW = "the journey has no stays and no passages: there is nothing to show (the app will not open it)"
NO_STAYS = "warning: the journey has no stays: the app shows its passages, but there is no trail, and every day is 'whereabouts unknown'"


def cmd_check(args: argparse.Namespace) -> int:
    """Valid: exit 0 with a summary (and a warning if there are no stays); invalid or empty: exit 2."""
    journey = load_journey(_journey_file(args.file))
    if not journey.stays and not journey.passages:
        print(f"{journey.file}: $: {NOTHING_TO_SHOW}", file=sys.stderr)
        return 2
    print(f"{journey.file}: valid: {len(journey.places)} places, {len(journey.stays)} stays, {len(journey.passages)} passages")
    if not journey.stays:
        print(f"{journey.file}: {NO_STAYS}", file=sys.stderr)
    return 0


def cmd_where(args: argparse.Namespace) -> int:
    day = day_of(args.date)
    journey = load_journey(_journey_file(args.journey))
    where = Itinerary(journey).where(day)
    km = Odometer(build_legs(journey)).km_until(day)
    outside = outside_journey(journey, day)
    if args.json:
        print(json.dumps(where_json(where, km, outside), ensure_ascii=False))
    elif outside:
        print(f"{day_label(day)}: {outside[1]}")
    else:
        sure = f" ({where.stay.certainty})" if where.stay and where.stay.certainty != "certain" else ""
        print(f"{day_label(day)}: {where.describe()}{sure}")
    return 0


def _emit(text: str, output: str | None, force: bool, summary: str = "") -> None:
    """Write to a file atomically (an existing one only with --force), or to standard output (none or ``-``)."""
    if output and output != STDOUT:
        write_atomic(output, text, overwrite=force)
        print(f"wrote {output}{summary}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def cmd_export(args: argparse.Namespace) -> int:
    _emit(render(load_journey(_journey_file(args.journey)), args.format), args.output, args.force)
    return 0


MAX_MATCHES_SHOWN = 5


def cmd_geocode(args: argparse.Namespace) -> int:
    """Offline first (the journey's places, then GeoNames); Nominatim only if asked."""
    from .gazetteer import Gazetteer  # deferred: the world list is 16 MB of JSON

    name = args.name.strip()
    if not name:
        print("geocode: the place name is empty", file=sys.stderr)
        return 2
    matches = Gazetteer(load_journey(_journey_file(args.journey)).places).resolve(name)
    for match in matches[:MAX_MATCHES_SHOWN]:
        print(match_line(match))
    if len(matches) > MAX_MATCHES_SHOWN:
        print(f"... and {len(matches) - MAX_MATCHES_SHOWN} more")
    if matches:
        return 0
    if not args.online:
        print(f"{name}: not in the offline gazetteer (add --online to ask OpenStreetMap Nominatim)", file=sys.stderr)
        return 1
    return _geocode_online(name)


def match_line(match) -> str:  # type: ignore[no-untyped-def]
    """"Tbilisi (GE): 41.69411, 44.83368 (GeoNames 611717, as 'Tiflis')"."""
    where = f" ({match.country})" if match.country else ""
    found = f"journey place {match.place_id}" if match.layer == "journey" else f"GeoNames {match.geonames}"
    return f"{match.name}{where}: {match.lat}, {match.lon} ({found}, as {match.matched!r})"


def _geocode_online(name: str) -> int:
    """Ask Nominatim, saying so first; a failure is a message and exit 2, never a traceback."""
    from .geocode import GeocodeError, OnlineGeocoder

    geocoder = OnlineGeocoder(enabled=True)
    if name in geocoder.cache:
        print(f"{name}: not in the offline gazetteer; answering from earlier online lookups ({geocoder.cache_path})", file=sys.stderr)
    else:
        print(f"{name}: not in the offline gazetteer; going online to ask OpenStreetMap Nominatim...", file=sys.stderr)
    try:
        result = geocoder.geocode(name, raise_errors=True).result()
    except GeocodeError as exc:
        print(f"{name}: the online lookup failed: {exc}", file=sys.stderr)
        return 2
    finally:
        geocoder.close()
    if result is None:
        print(f"{name}: not found online either", file=sys.stderr)
        return 1
    lat, lon, address = result
    print(f"{address}: {lat}, {lon} (OpenStreetMap Nominatim)")
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    from .extract import draft_journey  # deferred: only this command needs dateparser and GeoNames
    from .extract.textfile import TextFileError, read_text_file, same_file

    try:
        text = read_text_file(Path(args.text))
    except TextFileError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    if args.output and args.output != STDOUT and same_file(Path(args.output), Path(args.text)):
        print(f"{args.output}: refusing to write the journey over the input text", file=sys.stderr)
        return 2
    document = draft_journey(text, args.person, source_title=Path(args.text).name)
    if not document["passages"]:
        print(f"found no passages in {args.text}: nothing to draft (the text holds no words)", file=sys.stderr)
        return 2
    counts = f": {len(document['passages'])} passages, {len(document['stays'])} stays, {len(document['places'])} places"
    _emit(json.dumps(document, ensure_ascii=False, indent=2) + "\n", args.output, args.force, counts)
    return 0


COMMANDS = {"check": cmd_check, "where": cmd_where, "export": cmd_export, "geocode": cmd_geocode, "extract": cmd_extract}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    wrong = _one_journey(args)
    if wrong:
        print(f"{parser.prog} {args.command}: error: {wrong}", file=sys.stderr)
        return 2
    try:
        return COMMANDS[args.command](args)
    except JourneyError as exc:
        print(exc.describe(limit=None if args.command == "check" else 20), file=sys.stderr)
    except DateError as exc:
        print(f"bad date: {exc}", file=sys.stderr)
    except OutputExistsError as exc:
        print(str(exc), file=sys.stderr)
    except OSError as exc:
        print(_cannot_write(exc), file=sys.stderr)
    return 2


def _cannot_write(exc: OSError) -> str:
    """"cannot write out/x.csv: folder out does not exist": the person's path, the problem in words."""
    if exc.filename is not None and exc.strerror:
        return f"cannot write {exc.filename}: {exc.strerror}"
    return f"cannot write: {exc}"
