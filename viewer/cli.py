"""Command line of the app: ``litvinov-atlas [JOURNEY] [--at DATE] [--size WxH] ...``.

Scripting flags work without a window where they can (``--export-html``); a bad journey file
is reported on stderr with exit code 2 when scripting, and in a dialog in the app.
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from places import DateError, FuzzyDate, Journey, JourneyError, Precision, bundled_journey_path
from places.dates import day_label
from places.atomic import OutputExistsError


@dataclass(frozen=True)
class Options:
    journey: Path | None
    at_date: FuzzyDate | None  # --at as given: "1918" means the year 1918, not 1 January
    size: tuple[int, int] | None
    screenshot: Path | None
    export_html: Path | None
    force: bool

    @property
    def at(self) -> int | None:
        """The day to open at: the first day of --at."""
        return self.at_date.first_day if self.at_date else None

    @property
    def at_precision(self) -> Precision | None:
        return self.at_date.precision if self.at_date else None


# Pixels. Below the minimum, the map's controls, its attribution and the passages overlap
# (a review found 400x300 cramped); above the maximum a picture no longer fits in memory.
MINIMUM_SIZE = (640, 440)
MAXIMUM_SIDE = 10000


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)[xX](\d+)", text.strip())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 1280x800")
    width, height = int(match.group(1)), int(match.group(2))
    (low_w, low_h), high = MINIMUM_SIZE, MAXIMUM_SIDE
    if not (low_w <= width <= high and low_h <= height <= high):
        raise argparse.ArgumentTypeError(f"{text!r} is out of range: the width must be {low_w} to {high} pixels "
                                         f"and the height {low_h} to {high}")
    return width, height


def _date(text: str) -> FuzzyDate:
    try:
        return FuzzyDate.parse(text.strip())
    except DateError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="litvinov-atlas", description="A map-and-timeline viewer of Maxim Litvinov's life.")
    parser.add_argument("journey_file", nargs="?", metavar="JOURNEY", help="journey file to open (default: the bundled Litvinov journey)")
    parser.add_argument("--journey", dest="journey_opt", metavar="FILE", help="same as JOURNEY")
    parser.add_argument("--at", type=_date, metavar="DATE", help="open at this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--size", type=_size, metavar="WxH", help=f"window size, e.g. 1400x900 (at least {MINIMUM_SIZE[0]}x{MINIMUM_SIZE[1]})")
    parser.add_argument("--screenshot", type=Path, metavar="FILE", help="render the window at --at to a PNG and exit")
    parser.add_argument("--export-html", type=Path, metavar="FILE", help="write a self-contained web page and exit")
    parser.add_argument("--force", action="store_true", help="overwrite the output of --export-html/--screenshot if it exists")
    return parser


def parse_options(argv: Sequence[str] | None = None) -> Options:
    args = build_parser().parse_args(argv)
    journey = args.journey_opt or args.journey_file
    return Options(Path(journey) if journey else None, args.at, args.size, args.screenshot, args.export_html, args.force)


def say_if_outside(journey: Journey, options: Options) -> None:
    """Say on stderr when --at asks for a time the journey does not reach: the app shows its
    first or last day instead, and must not do so silently. "--at 1876" reaches a journey that
    begins on 17 July 1876; only a period wholly outside it is reported."""
    asked = options.at_date
    if asked is None:
        return
    if asked.last_day < journey.first_day:
        print(f"{asked.label()} is before the journey begins: showing its first day, {day_label(journey.first_day)}", file=sys.stderr)
    elif asked.first_day > journey.last_day:
        print(f"{asked.label()} is after the journey ends: showing its last day, {day_label(journey.last_day)}", file=sys.stderr)


def run_export(options: Options) -> int:
    """``--export-html``: no window is needed. Exit 0, or 2 with a message on stderr."""
    from .export_page import export_html
    from .viewable import load_viewable

    try:
        journey = load_viewable(options.journey or bundled_journey_path())
        say_if_outside(journey, options)
        export_html(journey, options.export_html, at_day=options.at, at_precision=options.at_precision, overwrite=options.force)  # type: ignore[arg-type]
    except JourneyError as exc:
        print(exc.describe(), file=sys.stderr)
        return 2
    except OutputExistsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"cannot write {options.export_html}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"wrote {options.export_html}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_options(argv)
    if options.export_html is not None:
        return run_export(options)
    from .app import run_app  # Qt is imported only when a window is wanted

    return run_app(options)
