"""Draft a journey from a plain-text biography (``python -m places extract``).

:func:`draft_journey` cuts the text into passages (:mod:`.sentences`), finds each one's date
(:mod:`.dates`, :mod:`.events`) and place (:mod:`.places`, with the tables of
:mod:`.institutions`), carries the running context forward where a sentence is silent, and
builds stays from the sequence (:mod:`.draft`). Everything inferred says so and why.
"""
from .dates import DateMention, SentenceDate, absolute_dates, date_of_sentence, relative_dates
from .draft import draft_journey
from .places import PlaceFinder, PlaceMention
from .sentences import split_passages, split_sentences

__all__ = [
    "DateMention", "PlaceFinder", "PlaceMention", "SentenceDate", "absolute_dates", "date_of_sentence",
    "draft_journey", "relative_dates", "split_passages", "split_sentences",
]
