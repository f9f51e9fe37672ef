"""Find the dates a sentence states or implies, each with where it is and how it was found.

Absolute dates ("8 November 1917", "January 1908", "1906", "from 1934 to 1938", "the
1920s") are found by regular expressions and, where a month is named, parsed by dateparser
(offline, English only, day and month precision kept). Relative expressions ("After 18
months", "the year before", "That year", "the next ten years") are resolved against an
anchor: the sentence's own absolute date if it has one, else the running date of the text.
Known events ("the October Revolution") come from :mod:`.events`. Citation markers ("[17]")
and counted numbers ("11 inmates", "500-ruble") are not years.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import DateError, FuzzyDate, Precision
from .events import EVENTS

Span = tuple[FuzzyDate, FuzzyDate]

YEAR_MIN, YEAR_MAX = 1000, 2100

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"\[?(?:1\d{3}|20\d{2})\]?"
# A year is not glued to other digits, money or a hyphenated unit ("1500-strong").
_Y = rf"(?<![\w$£€#.,/-]){_YEAR}(?![\w%]|[,.]\d|-[^\W\d_])"
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_NUMBER_WORDS.update({"a": 1, "an": 1, "several": 3, "a few": 3, "few": 3, "some": 3})
_NUM = r"(?:\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# Nouns after a number that make it a count, not a year ("1500 inmates").
COUNT_NOUNS = frozenset("""inmates people men women children soldiers troops members workers delegates prisoners
rubles roubles dollars pounds francs marks kronor crowns copies votes km kilometres kilometers miles metres
meters years days months weeks pages books letters deaths dead casualties refugees families households""".split())

_PATTERNS = [
    ("range", re.compile(rf"\b(?:from|between)\s+((?:{_DAY}\s+)?(?:{_MONTH}\s+)?{_Y})\s+(?:to|and|until|till|through)\s+((?:{_DAY}\s+)?(?:{_MONTH}\s+)?{_Y})", re.I)),
    ("yrange", re.compile(rf"({_Y})\s*[–—-]\s*((?:1\d|20)?\d\d)(?![\w%])")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_Y}", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_Y}", re.I)),
    ("my", re.compile(rf"\b(?:(?:early|mid|late|the end of|the beginning of)[\s-]+)?{_MONTH},?\s+(?:of\s+)?{_Y}", re.I)),
    ("decade", re.compile(r"\b(?:the\s+)?(?:(early|mid|late)[\s-]+)?(1\d{2}0|20\d0)['’]?s\b", re.I)),
    ("year", re.compile(_Y)),
]
_REL_SHIFT = re.compile(rf"\b(?:(after|within)\s+(?:some\s+|about\s+|nearly\s+|almost\s+)?({_NUM})\s+(year|month|week|day)s?|({_NUM})\s+(year|month|week|day)s?\s+(later|after(?:wards)?|earlier|before)(?!\s+\w+\s+\w+\s+\d))", re.I)
_REL_FIXED = re.compile(
    r"\b(?P<same>(?:that|the same|this) year)\b"
    r"|\b(?P<before>the (?:year|previous year) before|the previous year|the year before|a year (?:earlier|before))\b"
    r"|\b(?P<after>the (?:following|next) year|a year later)\b"
    r"|\b(?:spent |for |over )?the (?:next|following) (?P<n>" + _NUM + r") (?P<unit>years|months)\b"
    r"|\b(?P<nextmonths>the (?:next|following) (?:few )?months)\b", re.I)
_QUOTE = re.compile(r"[\"“][^\"“”]{0,2000}[\"”]")


@dataclass(frozen=True)
class DateMention:
    """A date found in a sentence: its range, where it is, and how it was found."""

    start: FuzzyDate
    end: FuzzyDate
    at: tuple[int, int]
    text: str
    kind: str  # "absolute", "relative" or "event"
    reason: str = ""
    quoted: bool = False


def quote_spans(sentence: str) -> list[tuple[int, int]]:
    """Character ranges of quoted speech (paired quotation marks only)."""
    return [m.span() for m in _QUOTE.finditer(sentence)]


def _inside(at: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a <= at[0] and at[1] <= b for a, b in spans)


def _year(text: str) -> int:
    return int(text.strip("[]"))


@lru_cache(maxsize=4096)
def parse_day_month(text: str) -> FuzzyDate | None:
    """A date naming a month ("8 November 1917", "Nov. 8th, 1917", "early December 1941"), via dateparser."""
    from dateparser.date import DateDataParser  # deferred: dateparser takes a second to import

    clean = re.sub(r"[\[\]]", "", text)
    clean = re.sub(r"^(?:early|mid|late|the end of|the beginning of)[\s-]+", "", clean, flags=re.I)
    data = _parser().get_date_data(clean)
    if data is None or data.date_obj is None:
        return None
    d, period = data.date_obj, data.period
    try:
        if period == "day" and re.search(r"\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\d{4}", "", clean)):
            return FuzzyDate(d.year, d.month, d.day)
        return FuzzyDate(d.year, d.month)
    except DateError:
        return None


@lru_cache(maxsize=1)
def _parser():  # type: ignore[no-untyped-def]
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={
        "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month"], "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
    })


def _plain_year(sentence: str, match: re.Match[str]) -> bool:
    """False for a number that counts things: "1500 inmates", "No. 1906", "page 1905"."""
    after = sentence[match.end():match.end() + 30].split()
    if after and after[0].lower().strip(".,;:") in COUNT_NOUNS:
        return False
    before = sentence[max(0, match.start() - 8):match.start()].lower()
    return not re.search(r"(?:no\.|page|p\.|pp\.|nr\.|number)\s*$", before)


def _end_of(text: str) -> FuzzyDate | None:
    if re.search(_MONTH, text, re.I):
        return parse_day_month(text)
    m = re.search(_YEAR, text)
    return FuzzyDate(_year(m.group(0))) if m else None


def absolute_dates(sentence: str) -> list[DateMention]:
    """Every absolute date in a sentence, earliest position first, none overlapping another."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    quotes = quote_spans(sentence)

    def free(span: tuple[int, int]) -> bool:
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if not free(m.span()):
                continue
            mention = _mention(kind, m, sentence)
            if mention is None:
                continue
            found.append(DateMention(mention[0], mention[1], m.span(), m.group(0), "absolute", quoted=_inside(m.span(), quotes)))
            taken.append(m.span())
    return sorted(found, key=lambda d: d.at)


def _mention(kind: str, m: re.Match[str], sentence: str) -> Span | None:
    try:
        if kind == "range":
            start, end = _end_of(m.group(1)), _end_of(m.group(2))
        elif kind == "yrange":
            first = _year(m.group(1))
            tail = m.group(2)
            last = int(str(first)[: 4 - len(tail)] + tail)
            start, end = FuzzyDate(first), FuzzyDate(last) if YEAR_MIN <= last <= YEAR_MAX else None
        elif kind in ("dmy", "mdy", "my"):
            start = end = parse_day_month(m.group(0))
        elif kind == "decade":
            first = int(m.group(2))
            part = (m.group(1) or "").lower()
            lo, hi = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(part, (0, 9))
            start, end = FuzzyDate(first + lo, approximate=bool(part)), FuzzyDate(first + hi, approximate=bool(part))
        else:
            if not _plain_year(sentence, m):
                return None
            start = end = FuzzyDate(_year(m.group(0)))
    except (DateError, ValueError):
        return None
    if start is None or end is None or not (YEAR_MIN <= start.year <= YEAR_MAX and YEAR_MIN <= end.year <= YEAR_MAX):
        return None
    if end.last_day < start.first_day:
        return None
    return start, end


def event_dates(sentence: str, anchor: Span | None) -> list[DateMention]:
    """Dates of known events the sentence names (see :mod:`.events`)."""
    found = []
    for pattern, label, dates in EVENTS:
        m = pattern.search(sentence)
        if not m:
            continue
        spans = [(FuzzyDate.parse(a), FuzzyDate.parse(b)) for a, b in dates]
        chosen = spans[-1]
        if anchor is not None:
            chosen = next((s for s in spans if s[1].last_day >= anchor[0].first_day), spans[-1])
        else:
            chosen = spans[0] if len(spans) == 1 else spans[-1]
        found.append(DateMention(chosen[0], chosen[1], m.span(), m.group(0), "event", f"event '{label}' → {_show(chosen)}"))
    return sorted(found, key=lambda d: d.at)


def relative_dates(sentence: str, anchor: Span | None, anchor_name: str = "") -> list[DateMention]:
    """Dates given relative to an anchor ("After 18 months", "the year before", "That year")."""
    if anchor is None:
        return []
    start, end = anchor
    found = []
    whence = f" {anchor_name}" if anchor_name else ""
    for m in _REL_SHIFT.finditer(sentence):
        lead, n1, u1, n2, u2, direction = m.groups()
        count = _NUMBER_WORDS.get((n1 or n2).lower()) if not (n1 or n2).isdigit() else int(n1 or n2)
        unit = (u1 or u2).lower()
        sign = -1 if (direction or "").lower() in ("earlier", "before") else 1
        months = {"year": 12 * count, "month": count, "week": count // 4, "day": 0}[unit] * sign
        base = end if sign > 0 and lead is None else start
        if lead and lead.lower() == "after":
            base = start  # "After 18 months in custody": 18 months from the running date's start
        shifted = _shift(base, months)
        if shifted is None:
            continue
        found.append(DateMention(shifted, shifted, m.span(), m.group(0), "relative", f"'{m.group(0)}' from {_show(anchor)}{whence}"))
    for m in _REL_FIXED.finditer(sentence):
        text = m.group(0)
        if m.group("same"):
            span: Span | None = (FuzzyDate(start.year), FuzzyDate(start.year))
        elif m.group("before"):
            span = _year_span(start.year - 1)
        elif m.group("after"):
            span = _year_span(end.year + 1)
        elif m.group("n"):
            word = m.group("n").lower()
            count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 1)
            if m.group("unit").lower() == "years":
                span = _year_span(start.year, start.year + count)
            else:
                later = _shift(start, count)
                span = (start, later) if later else None
        else:
            later = _shift(start, 6)
            span = (start, FuzzyDate(later.year, later.month, approximate=True)) if later and later.month else None
        if span is None:
            continue
        found.append(DateMention(span[0], span[1], m.span(), text, "relative", f"'{text}' from {_show(anchor)}{whence}"))
    return sorted(found, key=lambda d: d.at)


def _year_span(first: int, last: int | None = None) -> Span | None:
    last = first if last is None else last
    if not (1 <= first <= 9999 and 1 <= last <= 9999):
        return None
    return FuzzyDate(first), FuzzyDate(last)


def _shift(base: FuzzyDate, months: int) -> FuzzyDate | None:
    """A date ``months`` later (or earlier), as precise as the base, marked approximate."""
    if base.precision is Precision.YEAR:
        year = base.year + round(months / 12)
        return FuzzyDate(year, approximate=True) if 1 <= year <= 9999 else None
    index = base.year * 12 + (base.month - 1) + months  # type: ignore[operator]
    year, month = divmod(index, 12)
    if not 1 <= year <= 9999:
        return None
    if base.precision is Precision.DAY:
        day = min(base.day, calendar.monthrange(year, month + 1)[1])  # type: ignore[type-var]
        return FuzzyDate(year, month + 1, day, approximate=True)
    return FuzzyDate(year, month + 1, approximate=True)


def _show(span: Span) -> str:
    return str(span[0]) if span[0] == span[1] else f"{span[0]}/{span[1]}"


@dataclass(frozen=True)
class SentenceDate:
    """The date a sentence is about, and every date mention found (for placing clauses)."""

    span: Span | None
    stated: bool
    reason: str
    evidence: str
    mentions: tuple[DateMention, ...]
    main: DateMention | None


def date_of_sentence(sentence: str, running: Span | None, running_name: str = "") -> SentenceDate:
    """The sentence's own date: stated (absolute), else a known event, else relative to ``running``.

    An absolute date wins; "the next ten years" after it stretches its end ("in 1906 ... spent
    the next ten years" is 1906 to 1916). Relative expressions are resolved against the
    sentence's own date when it has one ("in Tiflis the year before" in a sentence dated 1908
    is 1907), which only matters for placing that clause, not for the sentence's date.
    """
    absolute = absolute_dates(sentence)
    main = next((d for d in absolute if not d.quoted), absolute[0] if absolute else None)
    if main is not None:
        own = (main.start, main.end)
        relative = relative_dates(sentence, own, "in the same sentence")
        end = main.end
        for rel in relative:
            if rel.at[0] > main.at[1] and rel.end.last_day > end.last_day and rel.start == main.start:
                end = rel.end  # "in 1906 ... the next ten years"
        mentions = tuple(sorted((*absolute, *relative, *event_dates(sentence, own)), key=lambda d: d.at))
        return SentenceDate((main.start, end), True, "", main.text, mentions, main)
    events = event_dates(sentence, running)
    relative = relative_dates(sentence, running, running_name)
    mentions = tuple(sorted((*events, *relative), key=lambda d: d.at))
    chosen = events[0] if events else relative[0] if relative else None
    if chosen is None:
        return SentenceDate(None, False, "", "", mentions, None)
    return SentenceDate((chosen.start, chosen.end), False, chosen.reason, chosen.text, mentions, chosen)
