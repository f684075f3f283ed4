"""What the store hands out: stored data with the analyst's judgements applied.

``InteractionView`` and ``StructureView`` are the model's claims plus the id of the stored
claim they came from: after a merge or an edit the content (hence ``Interaction.id``)
changes, but reviews must keep pointing at the claim that was read.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from dyad.model import Interaction, StructureClaim


@dataclass(frozen=True)
class AliasSeen:
    alias: str
    docs: list[str]  # names of the documents it was seen in; empty: from the KB or an analyst


@dataclass
class ActorView:
    """One actor as the analyst sees it: merged members folded in, renames and aliases applied."""

    key: str
    name: str
    type: str
    kb_id: str | None
    aliases: list[AliasSeen]
    mentions_per_doc: dict[str, int]  # document name -> mentions
    members: list[str] = field(default_factory=list)  # keys merged into this one
    description: str | None = None


@dataclass
class InteractionView(Interaction):
    claim_id: str = ""
    review: str | None = None  # the latest ACCEPT | REJECT | EDIT, if any

    @property
    def id(self) -> str:
        return self.claim_id


@dataclass
class StructureView(StructureClaim):
    claim_id: str = ""
    review: str | None = None

    @property
    def id(self) -> str:
        return self.claim_id


@dataclass(frozen=True)
class Judgement:
    id: int
    kind: str
    subject: str
    object: str | None
    reason: str
    created_at: datetime
    undone_at: datetime | None
    author: str | None
