"""Plain data passed between pipeline stages.

Stages take and return these dataclasses (or lists of them), so each stage can be
tested alone and stored or exported without knowing how it was produced. Dates are
ISO prefixes ("2015", "2015-07", "2015-07-01"): a prefix is an interval, its
precision is its length.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_id(*parts: str, length: int = 16) -> str:
    """Stable id from content, so re-ingesting the same thing yields the same id."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


def precision_of(date: str | None) -> str | None:
    """'year', 'month' or 'day' for an ISO prefix date."""
    if not date:
        return None
    return {4: "year", 7: "month", 10: "day"}.get(len(date))


@dataclass
class Document:
    """One article as read from disk. ``id`` is the hash of its text."""

    id: str
    name: str  # file stem: what the scorer and users call the document
    text: str
    path: str = ""
    format: str = "txt"  # txt | md | html | import (a stand-in an imported file cites: metadata, no text)
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    published: str | None = None  # ISO prefix
    published_inferred: bool = False  # True when the date was guessed from the text
    near_duplicate_of: str | None = None  # id of an earlier document with nearly the same text

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Evidence:
    """A span of a real document that supports a claim."""

    doc: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))  # flat: asdict's deep copy cost more than the export's own work


# The cue of a time that the text does not give: known only to be by the publication date.
UNDATED_CUE = "default:published"
# The cue of a claim whose tie the text says is over ("was the main sponsor of X", "a
# former backer"): the dyad history shows the tie absent after it.
ENDED_CUE = "role:ended"


@dataclass(frozen=True)
class TimeSpan:
    """When something happened: an interval of ISO prefixes, either end open."""

    start: str | None
    end: str | None
    text: str = ""  # the expression it was read from
    cue: str = ""  # the rule that produced it

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(vars(self))  # flat, as Evidence


@dataclass
class Actor:
    """An actor as known to the pipeline: one canonical name, any number of aliases.

    ``key`` is stable across documents: ``kb:<id>`` for knowledge-base actors,
    ``x:<normalised name>`` for actors found only in text.
    """

    key: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    kb_id: str | None = None
    description: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mention:
    """A stretch of text that names or describes an actor."""

    doc: str
    start: int
    end: int
    text: str
    actor: str  # actor key
    cue: str  # kb | ner | shape | alias | description | coref


@dataclass
class StructureClaim:
    """A structural edge (PART_OF, LEADER_OF, ...) between two actors."""

    source: str
    target: str
    type: str
    start: str | None = None
    end: str | None = None
    former: bool = False
    role: str | None = None
    origin: str = "text"  # text | kb | import
    cue: str = ""
    evidence: Evidence | None = None
    provenance: str | None = None  # "imported from <file>" for an imported edge

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Interaction:
    """One claim that source did something to or with target."""

    source: str
    target: str
    type: str
    certainty: str
    evidence: Evidence
    time: TimeSpan | None = None
    place: Place | None = None
    attributed_to: str | None = None
    cue: str = ""  # why: trigger lemma, pattern name, certainty cue
    trigger: str = ""
    via: str | None = None  # a person whose act is counted for the source group
    confidence: float | None = None  # the relation model's probability that the text states it
    origin: str = "text"  # text: read from the evidence span | import: taken from another tool's file
    provenance: str | None = None  # "imported from <file>" for an imported claim

    @property
    def id(self) -> str:
        return content_id(self.evidence.doc, str(self.evidence.start), self.source, self.target, self.type)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        return d


IMPORTED = "import"  # the origin of imported claims and the format of the documents they cite


@dataclass
class ImportBatch:
    """Everything taken from one imported file (a STIX bundle, a dyad export, a knowledge
    base): the unit stored in one transaction, beside extractions and never mixed with them.

    ``source`` stands for the file itself (format ``import``); ``documents`` are the
    articles its claims cite, kept as metadata without text. ``interactions`` and
    ``structure`` pair each claim with the id it keeps, so a re-import adds nothing and
    an export of the store gives the ids the file gave.
    """

    source: Document
    documents: list[Document] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    interactions: list[tuple[str, Interaction]] = field(default_factory=list)
    structure: list[tuple[str, StructureClaim]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # what the file held that dyad cannot use, and why

    @property
    def provenance(self) -> str:
        return f"imported from {self.source.name}"


@dataclass(frozen=True)
class SameAs:
    """A proposed identity: ``drop`` names the same actor as ``keep``. Stored as a
    reversible merge judgement, never by rewriting the claims."""

    keep: str
    drop: str
    reason: str


@dataclass
class Extraction:
    """Everything read from one document: the unit stored in one transaction."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    structure: list[StructureClaim] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    same_as: list[SameAs] = field(default_factory=list)
