"""Corrections to the aourednik/historical-basemaps border sets, applied before simplification.

Build-time only (imported by tools/build_basemaps.py and tools/build_border_lookup.py, so the
drawn map and the polity lookup get the same borders); see tools/README.md and
resources/basemaps/historical/SOURCE.md, which lists every correction and its sources.

The source is good at the scale of a world map but gets some regions wrong for the years it
stands for here (a set is in force from its year until the next set):

* 1880, 1900: Persia covers all of Transcaucasia, Russian since the treaties of Gulistan
  (1813) and Turkmenchay (1828); the Ottoman Empire keeps Kars, Ardahan and Batum, Russian
  from the Treaty of Berlin (1878) to 1918.
* 1914: Georgia, Armenia and Azerbaijan are drawn as the republics of 1918-1920 and Kars as
  Ottoman; in 1914 all of it was Russian.  Bulgaria reaches the Bosporus: Constantinople
  and East Thrace were Ottoman.
* 1920, 1930, 1938: Anatolia is drawn as partitioned by the Treaty of Sèvres (1920), never
  in force: a Sèvres "Armenia" (subject to the USSR) reaching to Erzurum and Trabzon, French
  Syria to Lake Van, Italian and Greek zones, an "Ottoman Sultanate" (abolished 1922).  The
  Treaty of Kars (1921) and the Treaty of Lausanne (1923) left Anatolia to Turkey, with the
  borders the source's own 1945 set draws (less the Sanjak of Alexandretta, Syrian until
  1938/39).  The Armenian SSR lies inside the source's "Azerbaijan".
* SUBJECTO: aliases of one state differ between features (United Kingdom / Great Britain /
  United Kingdom of Great Britain and Ireland, USA / United States, Russia / Russian
  Empire); a few values are wrong for the years the set stands for (Brazil subject to
  Portugal in 1900; Egypt subject to the United Kingdom after its independence of 1922;
  Cambodia subject to Japan in 1938; Iraq a British mandate after 1932); occupation zones
  of 1945 are not sovereignty.

Regions are built from the source's own 1945 set (the 1828 Russian-Persian line along the
Aras to Astara, and the 1921 Soviet-Turkish line, are the USSR's borders there), from
Natural Earth's Armenia (resources/basemaps/countries-50m.geojson; the borders of the
Armenian SSR of 1920-1991), and from two hand-drawn polylines given below with their
sources (accurate to about 10-15 km).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import shapely
from shapely.geometry import Polygon, shape

REPO = Path(__file__).resolve().parent.parent
NATURAL_EARTH = REPO / "resources" / "basemaps" / "countries-50m.geojson"

# ----------------------------------------------------------------------------- hand-drawn lines

# The Russian-Ottoman border of 1878-1918 (Treaty of Berlin, 13 July 1878, art. 58; Kars and
# Batum oblasts to Russia, Bayazid and the Alashkert valley back to the Ottomans), from the
# Black Sea at Sarp (Hopa Ottoman, Batum and Artvin Russian) south past Artvin and Olti
# (Russian) to south of Narman, east past Bardız and Karaurgan (Russian) and Horasan
# (Ottoman), then along the watershed between the Aras (north, Russian: Kağızman, Tuzluca)
# and the Murat (south, Ottoman: Karakilise, Bayazid) to Mount Ararat, the old frontier of
# 1828.  (lon, lat), north to south-east; approximate (about 10-15 km).
RUSSO_OTTOMAN_1878 = (
    (41.547, 41.522),  # Black Sea coast at Sarp
    (41.58, 41.40),
    (41.63, 41.25),
    (41.72, 41.10),    # south of Artvin; across the Çoruh
    (41.80, 40.80),
    (41.83, 40.50),    # west of Olti
    (41.87, 40.27),    # south of Narman
    (42.15, 40.24),
    (42.25, 40.12),    # west of Karaurgan
    (42.50, 39.98),    # towards Micingirt
    (42.85, 39.92),    # the Aras / Murat watershed
    (43.30, 39.88),
    (43.70, 39.80),
    (44.05, 39.74),
    (44.30, 39.70),    # Greater Ararat
    (44.40, 39.65),    # Little Ararat: the 1828 tripoint with Persia (Treaty of Turkmenchay, art. 4)
    (44.82, 39.65),    # down the Karasu to the Aras opposite Sharur
)

# The Sanjak of Alexandretta (Hatay): French Syria from 1921 (Franklin-Bouillon agreement,
# border from Payas on the gulf to Meydan Ekbez, then the Baghdad railway), Hatay State in
# 1938, Turkish from 1939.  Only its northern edge matters (the rest lies in Syria or the
# sea): a polygon to subtract from the 1945 Turkey to get the Turkey of 1923-1938.
ALEXANDRETTA_1921 = (
    (35.95, 36.60), (36.03, 36.70),  # from the gulf to the coast at Payas (as the source draws it)
    (36.35, 36.76), (36.62, 36.78),  # to Meydan Ekbez, where the Syrian border turns east
    (36.80, 36.40), (36.80, 35.50), (35.60, 35.50), (35.60, 36.30),  # through Syria and the sea
)


# ----------------------------------------------------------------------------- the machinery

Feature = dict  # {"properties": {...}, "geometry": shapely geometry}


@dataclass
class Context:
    """Where regions come from: the source folder (for its 1945 set) and Natural Earth."""

    src_dir: Path
    natural_earth: Path = NATURAL_EARTH
    _cache: dict = field(default_factory=dict)

    def source(self, year: int, name: str):
        key = ("src", year, name)
        if key not in self._cache:
            data = json.loads((self.src_dir / f"world_{year}.geojson").read_text(encoding="utf-8"))
            geoms = [valid(shape(f["geometry"])) for f in data["features"]
                     if f.get("geometry") and f["properties"].get("NAME") == name]
            if not geoms:
                raise ValueError(f"no {name!r} in world_{year}")
            self._cache[key] = shapely.union_all(geoms)
        return self._cache[key]

    def seaward(self, year: int, geom, distance: float = 0.15) -> "Reach":
        """``geom`` (land of the ``year`` set) grown ``distance`` degrees into the sea but not
        into the set's other land: coastlines differ between sets, and a region cut on one
        set's coast would leave slivers of the old owner along another's."""
        key = ("sea", year, geom.wkb)
        if key not in self._cache:
            grown = geom.buffer(distance)
            data = json.loads((self.src_dir / f"world_{year}.geojson").read_text(encoding="utf-8"))
            others = [valid(shape(f["geometry"])) for f in data["features"] if f.get("geometry")]
            others = [g for g in others if g.intersects(grown)]
            land = shapely.union_all(others)
            self._cache[key] = Reach(geom, shapely.union(geom, shapely.difference(grown, land)))
        return self._cache[key]

    def modern(self, name: str):
        key = ("ne", name)
        if key not in self._cache:
            data = json.loads(self.natural_earth.read_text(encoding="utf-8"))
            geoms = [shape(f["geometry"]) for f in data["features"] if f["properties"].get("name") == name]
            if not geoms:
                raise ValueError(f"no {name!r} in {self.natural_earth}")
            self._cache[key] = shapely.union_all(geoms)
        return self._cache[key]


@dataclass(frozen=True)
class Reach:
    """A region grown into the sea: ``core`` is its land, ``reach`` core plus a coastal band.
    A transfer takes the band only from polygons that touch the core (a coastline drawn
    further out), never a separate island (the Dodecanese off the Turkish coast)."""

    core: object
    reach: object

    def difference(self, other) -> "Reach":
        return Reach(shapely.difference(self.core, other), shapely.difference(self.reach, other))


def valid(geom):
    return geom if geom.is_valid else shapely.make_valid(geom)


def polygonal(geom):
    """The polygonal part of a geometry (overlays can leave lines and points on edges)."""
    if geom.is_empty or geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else Polygon()


def named(features: list[Feature], name: str) -> list[Feature]:
    found = [f for f in features if f["properties"].get("NAME") == name]
    if not found:
        raise ValueError(f"no feature named {name!r}")
    return found


def add_to(features: list[Feature], name: str, geom, create: bool = False) -> None:
    """Union ``geom`` into the (largest) feature named ``name``; with ``create``, a state the
    source does not draw gets a feature of its own (else a missing name is an error)."""
    if geom.is_empty:
        return
    if create and not any(f["properties"].get("NAME") == name for f in features):
        features.append({"properties": {"NAME": name, "SUBJECTO": name, "PARTOF": name}, "geometry": polygonal(geom)})
        return
    target = max(named(features, name), key=lambda f: f["geometry"].area)
    target["geometry"] = polygonal(shapely.union(target["geometry"], geom))


@dataclass(frozen=True)
class Rename:
    """Set properties of the features named ``name`` (``NAME``, ``SUBJECTO``)."""

    name: str
    props: dict
    why: str

    def apply(self, features, ctx):
        for f in named(features, self.name):
            f["properties"].update(self.props)


@dataclass(frozen=True)
class Merge:
    """Dissolve the features named ``names`` into the feature named ``into``."""

    names: tuple
    into: str
    why: str

    def apply(self, features, ctx):
        parts = [f for f in features if f["properties"].get("NAME") in self.names]
        if not parts:
            raise ValueError(f"none of {self.names} present")
        for f in parts:
            features.remove(f)
        add_to(features, self.into, shapely.union_all([f["geometry"] for f in parts]))


@dataclass(frozen=True)
class Transfer:
    """Give the land inside ``region`` held by other features (all, or those named in
    ``donors``) to the feature named ``to``.  Donors left empty are removed."""

    region: Callable  # Context -> geometry
    to: str
    why: str
    donors: tuple | None = None
    create: bool = False  # ``to`` is a state the source does not draw in this set

    def apply(self, features, ctx):
        region = self.region(ctx)
        core, reach = (valid(region.core), valid(region.reach)) if isinstance(region, Reach) else (valid(region),) * 2
        taken = []
        for f in list(features):
            if f["properties"].get("NAME") == self.to:
                continue
            if self.donors is not None and f["properties"].get("NAME") not in self.donors:
                continue
            if not f["geometry"].intersects(reach):
                continue
            # the region, with its coastal band where the donor's polygon touches its core
            parts = getattr(f["geometry"], "geoms", [f["geometry"]])
            touching = [p for p in parts if p.intersects(core)]
            cut = shapely.union(core, shapely.intersection(reach, shapely.union_all(touching))) if touching else core
            piece = polygonal(shapely.intersection(f["geometry"], cut))
            if piece.is_empty:
                continue
            taken.append(piece)
            rest = polygonal(shapely.difference(f["geometry"], cut))
            if rest.is_empty or rest.area < 1e-9:
                features.remove(f)
            else:
                f["geometry"] = rest
        if taken:
            add_to(features, self.to, shapely.union_all(taken), create=self.create)


@dataclass(frozen=True)
class Clip:
    """Keep the feature named ``name`` only inside ``region``; each piece left outside goes
    to the neighbour it shares the longest border with (a sliver has no state of its own)."""

    name: str
    region: Callable
    why: str

    def apply(self, features, ctx):
        region = valid(self.region(ctx))
        for f in named(features, self.name):
            outside = polygonal(shapely.difference(f["geometry"], region))
            f["geometry"] = polygonal(shapely.intersection(f["geometry"], region))
            others = [g for g in features if g is not f and g["properties"].get("NAME")]
            for piece in getattr(outside, "geoms", [outside]):
                if piece.is_empty:
                    continue
                rim = shapely.difference(piece.buffer(0.01), piece)  # a band ~1 km round the piece
                touching = [g for g in others if g["geometry"].intersects(rim)]
                if not touching:
                    continue  # an island of the old drawing with no neighbour: dropped
                best = max(touching, key=lambda g: shapely.intersection(rim, g["geometry"]).area)
                best["geometry"] = polygonal(shapely.union(best["geometry"], piece))
            if f["geometry"].is_empty:
                features.remove(f)


# ----------------------------------------------------------------------------- regions

def transcaucasia_1878(ctx: Context):
    """Russian Transcaucasia 1878-1918: north-east of the 1878 Russian-Ottoman line and of
    Little Ararat, north of Persia's border (the 1828 line, as the source's 1945 Iran)."""
    ring = list(RUSSO_OTTOMAN_1878) + [
        (45.20, 39.30), (46.00, 38.50), (49.00, 37.50),  # south of the Aras, inside Persia
        (51.50, 37.50), (51.50, 45.00), (39.50, 45.00), (39.50, 41.80), (41.30, 41.70),  # Caspian, Caucasus, Black Sea
    ]
    return shapely.difference(Polygon(ring), ctx.source(1945, "Iran"))


def turkey_1923(ctx: Context):
    """Turkey's territory 1923-1938: the source's 1945 Turkey less the Sanjak of Alexandretta."""
    return turkey_1939(ctx).difference(Polygon(ALEXANDRETTA_1921))


def turkey_1939(ctx: Context):
    return ctx.seaward(1945, ctx.source(1945, "Turkey"))


def east_thrace(ctx: Context):
    """Turkey in Europe, Constantinople to Edirne: the European mainland part of the
    source's 1945 Turkey (the Lausanne line of 1923 is within a few km of the 1913 one)."""
    turkey = ctx.source(1945, "Turkey")
    parts = [p for p in getattr(turkey, "geoms", [turkey]) if p.area > 1 and p.bounds[2] < 29.2]
    if len(parts) != 1:
        raise ValueError("expected one European part of Turkey in the 1945 set")
    return ctx.seaward(1945, parts[0])


def irish_free_state(ctx: Context):
    """The 26 counties: the source's 1938 Ireland, grown into the sea (coastlines differ)."""
    return ctx.seaward(1938, ctx.source(1938, "Ireland"))


def iran_1945(ctx: Context):
    return ctx.source(1945, "Iran")


def armenian_ssr(ctx: Context):
    """The Armenian SSR (1920-1991; its borders are today's Armenia), less Turkey's land."""
    return shapely.difference(ctx.modern("Armenia"), ctx.source(1945, "Turkey"))


# ----------------------------------------------------------------------------- the table

TURKMENCHAY = ("Transcaucasia (Georgia, the Erivan, Elisabethpol and Baku governorates) was Russian "
               "from 1801-1828 (treaties of Gulistan 1813 and Turkmenchay 1828: the border with "
               "Persia along the Aras and the Astara); Kars, Ardahan and Batum from the Treaty of "
               "Berlin (1878) to 1918")
SEVRES = ("the Treaty of Sèvres (1920) never came into force: the treaties of Kars (1921) and "
          "Lausanne (1923) left Anatolia, Kars and Ardahan to Turkey; the Ottoman sultanate "
          "was abolished in November 1922")
IRAN = ("the source's Sèvres Armenia also reaches into north-western Iran (Maku, Khoy), Persian "
        "since the Treaty of Zuhab (1639)")
SSR = ("the Ukrainian and Byelorussian SSRs were constituent republics of the USSR from its "
       "founding treaty (30 December 1922)")
# The 1920 set is shown as a fact only in 1920 (between two sets the app names both where
# they differ), so its Soviet names are those of 1920: the USSR was founded on 30 December 1922.
BEFORE_THE_UNION = "the USSR was founded on 30 December 1922"
PERSIA = "the state asked to be called Iran abroad only from 21 March 1935"
ONE_US = "one state, named as the later sets name it (the source says United States of America in 1880 and 1900)"
GERMAN_EMPIRE = "the German Empire (1871-1918); the source calls it Germany in 1880 and 1900, German Empire in 1914"

_SOVIET_CAUCASUS = [
    Rename("Ottoman Sultanate", {"NAME": "Turkey", "SUBJECTO": "Turkey"}, SEVRES),
    Transfer(armenian_ssr, "Armenia", "the Armenian SSR (Erivan) lies inside the source's Azerbaijan "
             "and Georgia", donors=("Azerbaijan", "Georgia")),
    Transfer(turkey_1923, "Turkey", SEVRES),
    Transfer(iran_1945, "Iran", IRAN, donors=("Armenia",)),
    Clip("Armenia", armenian_ssr, "the rest of the source's Sèvres Armenia goes to its neighbours"),
]

CORRECTIONS: dict[int, list] = {
    1880: [
        Transfer(transcaucasia_1878, "Russian Empire", TURKMENCHAY, donors=("Persia", "Ottoman Empire")),
        Rename("Germany", {"NAME": "German Empire", "SUBJECTO": "German Empire"}, GERMAN_EMPIRE),
        Rename("United States of America", {"NAME": "United States", "SUBJECTO": "United States"}, ONE_US),
        Rename("Kingdom of Brazil", {"NAME": "Empire of Brazil", "SUBJECTO": "Empire of Brazil"},
               "Brazil was the Empire of Brazil from 1822 to 1889"),
    ],
    1900: [
        Transfer(transcaucasia_1878, "Russian Empire", TURKMENCHAY, donors=("Persia", "Ottoman Empire")),
        Rename("Germany", {"NAME": "German Empire", "SUBJECTO": "German Empire"}, GERMAN_EMPIRE),
        Rename("United States of America", {"NAME": "United States", "SUBJECTO": "United States"}, ONE_US),
        Rename("Kingdom of Brazil", {"NAME": "Brazil", "SUBJECTO": "Brazil"},
               "Brazil was an independent republic from 1889, not subject to Portugal"),
        Rename("Kingdom of Hawaii", {"NAME": "Hawaii", "SUBJECTO": "United States of America"},
               "the monarchy was overthrown in 1893 and the United States annexed Hawaii in August 1898 "
               "(the Territory of Hawaii from 1900)"),
    ],
    1914: [
        Merge(("Azerbaijan", "Georgia", "Armenia"), "Russian Empire",
              "Georgia, Armenia and Azerbaijan were governorates of the Russian Empire until 1918"),
        Transfer(transcaucasia_1878, "Russian Empire", TURKMENCHAY, donors=("Persia", "Ottoman Empire")),
        Transfer(east_thrace, "Ottoman Empire", "the Ottoman Empire kept Constantinople and, by the "
                 "Treaty of Constantinople (September 1913), East Thrace with Edirne", donors=("Bulgaria",)),
        Rename("Kingfom of Italy", {"NAME": "Kingdom of Italy", "SUBJECTO": "Kingdom of Italy"},
               "a misspelling; Italy is the same state"),
        Rename("Russian Empire", {"SUBJECTO": "Russian Empire"}, "'Russia' is the Russian Empire itself"),
    ],
    1920: [
        *_SOVIET_CAUCASUS,
        Rename("Turkey", {"NAME": "Ottoman Empire", "SUBJECTO": "Ottoman Empire"},
               "in 1920 Constantinople was the sultan's capital (under Allied occupation); the sultanate was "
               "abolished on 1 November 1922 and the Republic of Turkey proclaimed on 29 October 1923"),
        Rename("Iran", {"NAME": "Persia", "SUBJECTO": "Persia"}, PERSIA),
        Rename("USSR", {"NAME": "Russian SFSR", "SUBJECTO": "Russian SFSR"},
               BEFORE_THE_UNION + "; in 1920 Moscow and Petrograd were in the Russian Soviet Federative "
               "Socialist Republic"),
        # Named as the country, not the regime: in 1920 each changed hands (Kiev was the Ukrainian
        # People's Republic's in May and June 1920, Baku the Azerbaijan Democratic Republic's
        # until 28 April), and each was its Soviet republic by 1921 and in the USSR in 1922.
        Rename("Ukraine", {"SUBJECTO": "Ukraine"},
               BEFORE_THE_UNION + "; Ukraine (the Ukrainian SSR, allied to Soviet Russia by treaty in December 1920)"),
        Rename("White Russia", {"SUBJECTO": "White Russia"},
               BEFORE_THE_UNION + "; White Russia (the Byelorussian SSR, proclaimed again in July 1920)"),
        Rename("Azerbaijan", {"SUBJECTO": "Azerbaijan"},
               BEFORE_THE_UNION + "; Azerbaijan (the Democratic Republic until the Red Army took Baku on 28 April "
               "1920, then the Azerbaijan SSR)"),
        Rename("Georgia", {"SUBJECTO": "Georgia"},
               BEFORE_THE_UNION + "; the Democratic Republic of Georgia was independent until the Red Army "
               "took Tiflis in February 1921 (recognised by Soviet Russia in the Treaty of Moscow, May 1920)"),
        Rename("Armenia", {"SUBJECTO": "Armenia"},
               BEFORE_THE_UNION + "; the Republic of Armenia until December 1920, then the Armenian SSR, "
               "in the Transcaucasian SFSR from 1922"),
    ],
    1930: [
        *_SOVIET_CAUCASUS,
        Rename("Ukraine", {"SUBJECTO": "USSR"}, SSR),
        Rename("White Russia", {"SUBJECTO": "USSR"}, SSR),
        Rename("Egypt", {"SUBJECTO": "Egypt"}, "Egypt was an independent kingdom from February 1922"),
        Rename("Iran", {"NAME": "Persia", "SUBJECTO": "Persia"}, PERSIA),
        Transfer(irish_free_state, "Irish Free State", "the Irish Free State (26 counties) left the United Kingdom "
                 "on 6 December 1922", donors=("United Kingdom of Great Britain and Ireland",), create=True),
        Rename("United Kingdom of Great Britain and Ireland", {"NAME": "United Kingdom", "SUBJECTO": "United Kingdom"},
               "the Irish Free State left the United Kingdom in December 1922, which took the name United "
               "Kingdom of Great Britain and Northern Ireland in 1927"),
    ],
    1938: [
        Transfer(turkey_1939, "Turkey", SEVRES),
        Transfer(iran_1945, "Iran", IRAN, donors=("Armenia",)),  # nothing of the Sèvres Armenia is left
        Rename("Mesopotamia (GB)", {"NAME": "Iraq", "SUBJECTO": "Iraq"},
               "the British mandate ended with Iraq's independence in October 1932"),
        Rename("Cambodia", {"SUBJECTO": "France"}, "French Indochina until the Japanese occupation of 1940-41"),
        Rename("Cochin China", {"SUBJECTO": "France"}, "French Indochina until the Japanese occupation of 1940-41"),
    ],
    1945: [
        *(Rename(zone, {"SUBJECTO": zone}, "an occupation zone, not a transfer of sovereignty")
          for zone in ("Germany (Soviet)", "Germany (UK)", "Germany (USA)", "Germany (France)",
                       "Korea (USSR)", "Korea (USA)", "Japan (USA)")),
        Rename("Egypt", {"SUBJECTO": "Egypt"}, "Egypt was an independent kingdom from February 1922"),
    ],
}

# One state, several names in the source's SUBJECTO: each is replaced by the name the state's
# own feature carries in the same set.
SOVEREIGN_ALIASES = (
    ("United Kingdom of Great Britain and Ireland", "United Kingdom", "Great Britain"),
    ("United States", "United States of America", "USA"),
    ("Russian Empire", "Russia"),
    ("Kingdom of Italy", "Italy"),
    ("German Empire", "Germany"),
)


def normalise_subjecto(features: list[Feature]) -> None:
    """SUBJECTO names the sovereign as its own feature in the set is named."""
    names = {f["properties"].get("NAME") for f in features}
    for f in features:
        sub = f["properties"].get("SUBJECTO")
        if not sub or sub in names:
            continue
        for group in SOVEREIGN_ALIASES:
            if sub in group:
                present = [n for n in group if n in names]
                if present:
                    f["properties"]["SUBJECTO"] = present[0]
                break


def correct(year: int, features: list[Feature], ctx: Context) -> list[Feature]:
    """Apply the year's corrections in order to features {"properties", "geometry": shapely}.

    Returns the list (changed in place); features are valid polygonal geometries."""
    for f in features:
        f["geometry"] = valid(f["geometry"])
    for c in CORRECTIONS.get(year, []):
        c.apply(features, ctx)
    normalise_subjecto(features)
    return features
