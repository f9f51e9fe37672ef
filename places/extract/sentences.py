"""Cut a plain-text biography into passages: one per line, or sentences of paragraphs.

The shape of the text decides. Many short lines that end like sentences (an excerpt, a list
of quotations) are taken one passage per line; long lines (paragraphs) are split into
sentences; hard-wrapped prose (lines that stop mid-sentence) is first joined into paragraphs
at blank lines. Sentence splitting knows abbreviations ("St.", "Mr.", "Gen."), initials
("Franklin D. Roosevelt") and keeps citation markers ("war.[17]") with the sentence they end.
Passage text is verbatim: exactly a slice of the input, stripped of surrounding whitespace.
A piece with no letter or digit in it (a row of asterisks, a line of dashes) is no passage.
"""
from __future__ import annotations

import re
from statistics import median

MAX_PASSAGE = 100_000  # the journey format's limit on a passage's text

# Words that end in a full stop without ending the sentence (compared lowercased, no dot).
ABBREVIATIONS = frozenset("""
st mr mrs ms dr prof gen col lt capt cpt sgt maj adm cmdr rev hon jr sr fr vs etc no nos vol vols
pp ed eds cf approx gov sen rep pres jan feb mar apr jun jul aug sep sept oct nov dec mt ft co corp
inc ltd bros dept univ est ca c fl b d viz al ibid op ch fig e g i ie eg u s k
""".split())

_BOUNDARY = re.compile(
    r"""[.!?…]+["”’»)\]]*(?:\[(?:\d{1,3}|[a-z][a-z ]{0,30})\])*(?=\s+["“‘«(\[]?[^\W\d_]|\s+\d|\s*$)"""
    r"""|(?<=[a-z]{3}[.!?])(?=[A-Z][a-z])""",  # "fulfilled.Litvinov": a lost space after a full stop
)
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\.?$")
_WORDY = re.compile(r"[^\W_]")  # a letter or a digit: a piece of only "* * *" or "---" is no passage
_TERMINAL = re.compile(r"""[.!?…:;]["”’»)\]]*(?:\[[^\]]{1,40}\])*\s*$""")


def split_passages(text: str) -> list[str]:
    """The passages of a text, in order, each verbatim and holding a letter or digit."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    if _hard_wrapped(lines):
        chunks = [" ".join(p.split("\n")) for p in re.split(r"\n\s*\n", text)]
        # joining wrapped lines changes whitespace only; the words stay as written
        pieces = [s for chunk in chunks for s in split_sentences(chunk)]
    elif len(lines) < 3 or median(len(line) for line in lines) > 350:
        pieces = [s for line in lines for s in split_sentences(line)]
    else:
        pieces = lines
    return [part for piece in pieces if _WORDY.search(piece) for part in _cap(piece)]


def _hard_wrapped(lines: list[str]) -> bool:
    """Prose wrapped at a fixed width: most lines stop mid-sentence and are of similar length."""
    if len(lines) < 4:
        return False
    unfinished = sum(1 for line in lines if not _TERMINAL.search(line))
    return unfinished / len(lines) > 0.5 and median(len(line) for line in lines) < 120


def split_sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph, verbatim, with abbreviations and initials respected."""
    out, start = [], 0
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        if _next_letter_lower(paragraph, end):
            continue  # "at 5 p.m. on Monday": a sentence does not go on in lower case
        if match.group(0).startswith(".") and _is_abbreviation(paragraph, match.start()):
            continue
        piece = paragraph[start:end].strip()
        if piece:
            out.append(piece)
        start = end
    rest = paragraph[start:].strip()
    if rest:
        out.append(rest)
    return out


def _next_letter_lower(text: str, at: int) -> bool:
    rest = text[at:at + 8].lstrip()
    rest = rest.lstrip("\"“‘«([")
    return bool(rest) and rest[0].islower()


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text[max(0, dot - 40):dot])
    if not word:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: "Franklin D. Roosevelt"
    return token.lower().replace("'", "") in ABBREVIATIONS


def _cap(piece: str) -> list[str]:
    """A piece longer than the format allows, cut at whitespace into allowed lengths."""
    if len(piece) <= MAX_PASSAGE:
        return [piece]
    parts = []
    while len(piece) > MAX_PASSAGE:
        cut = piece.rfind(" ", MAX_PASSAGE // 2, MAX_PASSAGE)
        cut = cut if cut > 0 else MAX_PASSAGE
        head, piece = piece[:cut].strip(), piece[cut:].strip()
        if head:
            parts.append(head)
    if piece:
        parts.append(piece)
    return parts
