"""Speed of ``places extract`` on over 1 MB of text (run by ``make bench``; prints, never fails on time)."""
from __future__ import annotations

import time
from pathlib import Path

from places.extract import draft_journey
from places.loader import journey_from_data

SEED = Path(__file__).resolve().parents[2] / "resources" / "texts" / "litvinov-wikipedia-excerpt.txt"


def _text(min_chars: int = 1_000_000) -> str:
    seed = SEED.read_text(encoding="utf-8").strip().splitlines()
    lines, year = [], 1850
    while sum(map(len, lines)) + len(lines) < min_chars:
        # The seed's sentences, each followed by a generated one so dates and places keep moving.
        for line in seed:
            lines.append(line)
            year = year + 1 if year < 2000 else 1850
            lines.append(f"In March {year} he travelled from Paris to Vienna, and the French police lost track of him in Sweden.")
    return "\n".join(lines) + "\n"


def test_extract_speed():
    draft_journey("In 1906 he was in Paris.")  # warm up: dateparser import and the GeoNames index
    text = _text()
    began = time.perf_counter()
    doc = draft_journey(text, "Benchmark")
    took = time.perf_counter() - began
    journey_from_data(doc)
    print(f"\nplaces extract: {len(text):,} chars, {len(doc['passages']):,} passages, {len(doc['stays']):,} stays "
          f"in {took:.1f} s = {len(text) / took:,.0f} chars/s")
