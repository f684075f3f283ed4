"""The curated knowledge base of actors: YAML files shipped here, plus any the user adds.

The KB gives the extractor names to look for (canonical names, aliases, descriptions
used as names, demonyms) and the known structure between actors, so that "Hamas'
military wing" and "Izz al-Din al-Qassam Brigades" resolve to one stable ``kb:<id>``.
``controls`` lists places an actor holds, dated ("Gaza Strip" from 2007-06), so that
"sanctuary in Gaza" names who gives it.
Loading validates the data strictly: a wrong code, a dangling edge or a name claimed
by two entries is an error, because analysts rely on these identities.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from unidecode import unidecode

from dyad.ontology import ACTOR_TYPES, STRUCTURE_TYPES

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_LIST_FIELDS = ("aliases", "ambiguous_aliases", "descriptions", "country", "ideology", "lists", "demonyms")
_SCALAR_FIELDS = ("capital", "iso2")
_KNOWN_FIELDS = frozenset(("id", "name", "type", "structure", "controls", *_LIST_FIELDS, *_SCALAR_FIELDS))
_CONTROL_FIELDS = frozenset(("place", "names", "start", "end"))
_EDGE_FIELDS = frozenset(("type", "target", "start", "end"))


class KBError(ValueError):
    """A knowledge-base file is malformed; the message starts with a code and says how to fix it."""


# The Arabic article as transliterations write it, assimilated or not ("al-", "ash-", "ad-").
ARABIC_ARTICLES = ("al", "el", "ad", "ash", "as", "an", "ar", "az", "at")
_ARTICLE = re.compile(rf"\b({'|'.join(ARABIC_ARTICLES)})\s")


def normalise_name(s: str) -> str:
    """Fold a name so spelling variants compare equal (the scorer's ``norm``, plus unidecode).

    Case, diacritics, apostrophes and possessive 's, hyphens and punctuation, a leading
    "the" and the Arabic article (al-/el-/a-/ad-/ash-/as-/an-/ar-/az-/at-) are folded away.
    """
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = unidecode(s).casefold()
    s = re.sub(r"\ba-(?=[a-z])", "al-", s)  # "Liwa a-Tawhid": the article written as its sound
    s = re.sub(r"['’‘`ʼʿʾ]s?\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    s = re.sub(r"^(the )", "", s)
    s = _ARTICLE.sub("", s)
    return re.sub(r"\s+", " ", s)


@dataclass(frozen=True)
class KBEdge:
    """A structure edge from the entry that holds it to ``target`` (an entry id)."""

    type: str
    target: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class KBControl:
    """A place an actor holds (governs or controls de facto), under the names a text uses
    for it ("Gaza", "Gazan"), from ``start`` to ``end`` (ISO prefixes; open when None)."""

    place: str
    names: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None

    def held_at(self, when: str | None) -> bool:
        """Whether the control holds at an ISO-prefix date (compared on the shared prefix)."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start[:len(when)] <= when[:len(self.start)]) and (
            self.end is None or when[:len(self.end)] <= self.end[:len(when)])


@dataclass(frozen=True)
class KBEntry:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()  # may denote this entry, but also others
    descriptions: tuple[str, ...] = ()  # phrases used as names ("Hamas' military wing")
    country: tuple[str, ...] = ()  # ISO-3166 alpha-2 of the main theatres
    ideology: tuple[str, ...] = ()
    lists: tuple[str, ...] = ()  # sanctions lists: FTO, UN
    structure: tuple[KBEdge, ...] = ()
    controls: tuple[KBControl, ...] = ()  # places it holds: who gives sanctuary "in Gaza"
    demonyms: tuple[str, ...] = ()  # states only
    capital: str | None = None
    iso2: str | None = None
    source: str = field(default="", compare=False)  # file it was read from, for error messages

    def surface_forms(self) -> Iterator[tuple[str, str]]:
        """(surface form, kind) for every name this entry is known by."""
        yield self.name, "name"
        for kind, forms in (("alias", self.aliases), ("ambiguous", self.ambiguous_aliases),
                            ("description", self.descriptions)):
            for form in forms:
                yield form, kind


class KnowledgeBase:
    """Validated entries with indexes by folded name and by demonym."""

    def __init__(self, entries: dict[str, KBEntry]):
        self.entries = entries
        self._by_name: dict[str, list[KBEntry]] = {}
        self._by_demonym: dict[str, KBEntry] = {}
        for entry in entries.values():
            for form in {normalise_name(f) for f, _ in entry.surface_forms()}:
                self._by_name.setdefault(form, []).append(entry)
            for demonym in entry.demonyms:
                self._by_demonym[normalise_name(demonym)] = entry

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, id: str) -> KBEntry | None:
        return self.entries.get(id)

    def lookup(self, name: str) -> list[KBEntry]:
        """Entries known by this name, alias or description (several when it is ambiguous)."""
        return list(self._by_name.get(normalise_name(name), ()))

    def names(self) -> Iterator[tuple[str, KBEntry, str]]:
        """(surface form, entry, kind) with kind one of name, alias, ambiguous, description."""
        for entry in self.entries.values():
            for form, kind in entry.surface_forms():
                yield form, entry, kind

    def by_demonym(self, word: str) -> KBEntry | None:
        """The state a demonym denotes: "Egyptian" -> Egypt."""
        return self._by_demonym.get(normalise_name(word))


def load_kb(extra: Iterable[str | Path] = ()) -> KnowledgeBase:
    """The built-in KB, extended by user YAML files (same id: their names and edges are added)."""
    extra = tuple(Path(p) for p in extra)
    if not extra:
        return _builtin_kb()
    entries = dict(_builtin_entries())
    for path in extra:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise KBError(f"E300 {path}: cannot read the file ({exc.strerror}); check the --kb path") from exc
        for entry in _read_file(text, str(path)):
            entries[entry.id] = _merge(entries[entry.id], entry) if entry.id in entries else entry
    return _validated(entries)


@lru_cache(maxsize=1)
def _builtin_kb() -> KnowledgeBase:
    return _validated(_builtin_entries())


@lru_cache(maxsize=1)
def _builtin_entries() -> dict[str, KBEntry]:
    entries: dict[str, KBEntry] = {}
    for file in sorted(resources.files(__name__).iterdir(), key=lambda f: f.name):
        if not file.name.endswith(".yaml"):
            continue
        for entry in _read_file(file.read_text(encoding="utf-8"), f"kb/{file.name}"):
            if entry.id in entries:
                raise KBError(f"E304 {entry.source}: duplicate id {entry.id!r}, also in "
                              f"{entries[entry.id].source}; give one of them another id")
            entries[entry.id] = entry
    return entries


def _read_file(text: str, source: str) -> list[KBEntry]:
    try:
        raw = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise KBError(f"E300 {source}: not valid YAML ({exc}); fix the syntax") from exc
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise KBError(f"E300 {source}: expected a list of entries at top level; start each entry with '- id:'")
    entries = [_entry(item, source) for item in raw]
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise KBError(f"E304 {source}: duplicate id {entry.id!r}; give one of them another id or merge them")
        seen.add(entry.id)
    return entries


def _entry(item: object, source: str) -> KBEntry:
    if not isinstance(item, dict) or not all(item.get(k) for k in ("id", "name", "type")):
        raise KBError(f"E306 {source}: entry {item!r} needs at least id, name and type")
    where = f"{source}: entry {item['id']!r}"
    unknown = set(item) - _KNOWN_FIELDS
    if unknown:
        raise KBError(f"E306 {where}: unknown field(s) {sorted(unknown)}; known fields are {sorted(_KNOWN_FIELDS)}")
    if item["type"] not in ACTOR_TYPES:
        raise KBError(f"E302 {where}: type {item['type']!r} is not an actor type; use one of {', '.join(ACTOR_TYPES)}")
    lists = {}
    for name in _LIST_FIELDS:
        value = item.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise KBError(f"E306 {where}: {name} must be a list of non-empty strings")
        lists[name] = _unique(value)
    for code in (*lists["country"], *([item["iso2"]] if item.get("iso2") else [])):
        if not _COUNTRY.match(str(code)):
            raise KBError(f"E310 {where}: country code {code!r} is not ISO-3166 alpha-2; write two capital "
                          f"letters, quoted where YAML reads them as a boolean (\"NO\")")
    return KBEntry(
        id=str(item["id"]), name=str(item["name"]), type=item["type"],
        structure=tuple(_edge(e, where) for e in item.get("structure") or []),
        controls=tuple(_control(c, where) for c in item.get("controls") or []),
        capital=item.get("capital"), iso2=item.get("iso2"), source=source, **lists,
    )


def _control(raw: object, where: str) -> KBControl:
    if not isinstance(raw, dict) or not raw.get("place") or set(raw) - _CONTROL_FIELDS:
        raise KBError(f"E306 {where}: control {raw!r} must be {{place, names?, start?, end?}}")
    names = raw.get("names") or []
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        raise KBError(f"E306 {where}: control names must be a list of non-empty strings")
    for key in ("start", "end"):
        if raw.get(key) is not None and not _DATE.match(str(raw[key])):
            raise KBError(f"E308 {where}: control {key} {raw[key]!r} is not an ISO prefix date; write it quoted, "
                          f"as \"2007\" or \"2007-06\"")
    start, end = raw.get("start"), raw.get("end")
    return KBControl(str(raw["place"]), tuple(_unique([str(raw["place"]), *names])),
                     None if start is None else str(start), None if end is None else str(end))


def _edge(raw: object, where: str) -> KBEdge:
    if not isinstance(raw, dict) or not raw.get("type") or not raw.get("target") or set(raw) - _EDGE_FIELDS:
        raise KBError(f"E306 {where}: structure edge {raw!r} must be {{type, target, start?, end?}}")
    if raw["type"] not in STRUCTURE_TYPES:
        raise KBError(f"E303 {where}: structure type {raw['type']!r} is not a structure code; "
                      f"use one of {', '.join(STRUCTURE_TYPES)}")
    for key in ("start", "end"):
        if raw.get(key) is not None and not _DATE.match(str(raw[key])):
            raise KBError(f"E308 {where}: {key} {raw[key]!r} is not an ISO prefix date; write it quoted, "
                          f"as \"2014\", \"2014-11\" or \"2014-11-10\"")
    start, end = raw.get("start"), raw.get("end")
    return KBEdge(raw["type"], str(raw["target"]), None if start is None else str(start),
                  None if end is None else str(end))


def _merge(base: KBEntry, extra: KBEntry) -> KBEntry:
    """Extend a built-in entry with a user entry of the same id; nothing of either is dropped."""
    if extra.type != base.type:
        raise KBError(f"E307 {extra.source}: entry {extra.id!r} has type {extra.type} but the built-in "
                      f"entry ({base.source}) has {base.type}; use the same type or another id")
    for name in _SCALAR_FIELDS:
        mine, theirs = getattr(base, name), getattr(extra, name)
        if mine and theirs and mine != theirs:
            raise KBError(f"E307 {extra.source}: entry {extra.id!r} sets {name} {theirs!r} but the built-in "
                          f"entry ({base.source}) has {mine!r}; drop the field or use another id")
    merged = {name: _unique([*getattr(base, name), *getattr(extra, name)]) for name in _LIST_FIELDS}
    if normalise_name(extra.name) != normalise_name(base.name):
        merged["aliases"] = _unique([*merged["aliases"], extra.name])
    return replace(base, structure=_unique([*base.structure, *extra.structure]),
                   controls=_unique([*base.controls, *extra.controls]),
                   capital=base.capital or extra.capital, iso2=base.iso2 or extra.iso2,
                   source=f"{base.source} + {extra.source}", **merged)


def _validated(entries: dict[str, KBEntry]) -> KnowledgeBase:
    """Check the entries as a whole: edges point to entries, each name and demonym has one owner."""
    claims: dict[str, dict[str, tuple[KBEntry, str, str]]] = {}  # folded -> entry id -> (entry, kind, form)
    demonyms: dict[str, KBEntry] = {}
    for entry in entries.values():
        for edge in entry.structure:
            if edge.target not in entries:
                raise KBError(f"E301 {entry.source}: entry {entry.id!r}: structure target {edge.target!r} "
                              f"does not exist; add it or fix the id")
        for form, kind in entry.surface_forms():
            folded = normalise_name(form)
            if not folded:
                raise KBError(f"E305 {entry.source}: entry {entry.id!r}: {kind} {form!r} is empty once "
                              f"normalised; remove it")
            claims.setdefault(folded, {}).setdefault(entry.id, (entry, kind, form))
        for demonym in entry.demonyms:
            other = demonyms.setdefault(normalise_name(demonym), entry)
            if other is not entry:
                raise KBError(f"E309 {entry.source}: demonym {demonym!r} of entry {entry.id!r} is also a demonym "
                              f"of {other.id!r} ({other.source}); keep it on one entry")
    for owners in claims.values():
        if len(owners) > 1 and any(kind != "ambiguous" for _, kind, _ in owners.values()):
            # name the latest-loaded entry first: it is usually the one that has just been added
            latest_first = sorted(reversed(owners.values()), key=lambda claim: claim[1] == "ambiguous")
            (a, a_kind, a_form), (b, b_kind, b_form) = latest_first[:2]
            raise KBError(f"E305 {a.source}: {a_kind} {a_form!r} of entry {a.id!r} is also the {b_kind} {b_form!r} "
                          f"of entry {b.id!r} ({b.source}); keep it on one entry, or list it under "
                          f"ambiguous_aliases on both")
    return KnowledgeBase(entries)


def _unique(items: Iterable) -> tuple:
    """Items in order, without repeats."""
    return tuple(dict.fromkeys(items))
