"""Well-known historical events with dates, for sentences dated only by an event.

"Following the Nazi invasion of the Soviet Union" dates a sentence as surely as "in June
1941" does, for a reader who knows the event. This small table holds such events of the
period the atlas is about (late 19th to mid 20th century): each a pattern, the event's
label, and one or more (start, end) EDTF dates. Events that happened more than once (the
United States entering a world war) list every occurrence; the one that does not go back
before the running date is chosen. Keep the table small: each row is a claim of fact.
"""
from __future__ import annotations

import re

EVENTS: tuple[tuple[re.Pattern[str], str, tuple[tuple[str, str], ...]], ...] = tuple(
    (re.compile(pattern), label, dates) for pattern, label, dates in (
        (r"\bBloody Sunday\b", "Bloody Sunday", (("1905-01-22", "1905-01-22"),)),
        (r"\bRusso-Japanese War\b", "Russo-Japanese War", (("1904-02", "1905-09"),)),
        (r"\bFebruary Revolution\b", "February Revolution", (("1917-03-08", "1917-03-16"),)),
        (r"\bOctober Revolution\b", "October Revolution", (("1917-11-07", "1917-11-08"),)),
        (r"\bTreaty of Brest-Litovsk\b", "Treaty of Brest-Litovsk", (("1918-03-03", "1918-03-03"),)),
        (r"\bTreaty of Versailles\b", "Treaty of Versailles", (("1919-06-28", "1919-06-28"),)),
        (r"\bGenoa Conference\b", "Genoa Conference", (("1922-04-10", "1922-05-19"),)),
        (r"\bTreaty of Rapallo\b", "Treaty of Rapallo", (("1922-04-16", "1922-04-16"),)),
        (r"\bKellogg[-–]Briand Pact\b", "Kellogg-Briand Pact", (("1928-08-27", "1928-08-27"),)),
        (r"\bMoscow Trials\b|\bGreat Purge\b", "Moscow Trials", (("1936-08", "1938-03"),)),
        (r"\bMunich Agreement\b", "Munich Agreement", (("1938-09-30", "1938-09-30"),)),
        (r"\b(?:Molotov|Hitler|Nazi)[-–](?:Ribbentrop|Stalin|Soviet) Pact\b", "Molotov–Ribbentrop Pact", (("1939-08-23", "1939-08-23"),)),
        (r"\bWinter War\b", "Winter War", (("1939-11-30", "1940-03-13"),)),
        (r"\b(?:Nazi|German) invasion of the Soviet Union\b|\bOperation Barbarossa\b", "German invasion of the Soviet Union", (("1941-06-22", "1941-06-22"),)),
        (r"\bPearl Harbor\b", "attack on Pearl Harbor", (("1941-12-07", "1941-12-07"),)),
        (r"\b(?:United States|US|U\.S\.|America) (?:entered|joined|entry into) the (?:war|World War)\b",
         "the United States entering the war", (("1917-04-06", "1917-04-06"), ("1941-12-08", "1941-12-08"))),
        (r"\bLend[-–]Lease\b", "Lend-Lease", (("1941-03-11", "1945-09"),)),
        (r"\bYalta Conference\b", "Yalta Conference", (("1945-02-04", "1945-02-11"),)),
    )
)
