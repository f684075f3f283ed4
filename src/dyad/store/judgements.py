"""Replay analyst judgements, oldest first, into the decisions the views apply.

Judgements are the only record of a decision (nomenklatura-style): replaying those not
undone, in order, gives the current state, so undoing any one of them, or carrying them
to a freshly ingested database, needs nothing else. Judgements about actors or claims the
database does not hold are skipped, so a partial re-ingest still opens.

    kind          subject        object
    MERGE         dropped key    kept key
    SPLIT         key            key to keep apart from, or null
    ALIAS_ADD     key            alias
    ALIAS_REMOVE  key            alias
    RENAME        key            new name
    RETYPE        key            actor type code
    ACCEPT        claim id       null
    REJECT        claim id       null
    EDIT          claim id       JSON object of edited fields
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from .views import Judgement

ACTOR_KINDS = ("MERGE", "SPLIT", "ALIAS_ADD", "ALIAS_REMOVE", "RENAME", "RETYPE")
REVIEW_KINDS = ("ACCEPT", "REJECT", "EDIT")
KINDS = ACTOR_KINDS + REVIEW_KINDS

# Fields an EDIT may change, per kind of claim.
INTERACTION_EDITS = ("type", "certainty", "source", "target", "time_start", "time_end", "attributed_to")
STRUCTURE_EDITS = ("type", "source", "target", "start", "end", "former")


@dataclass
class Decisions:
    """The state the judgements leave: who is merged into whom, names, aliases, reviews."""

    parent: dict[str, str] = field(default_factory=dict)  # actor -> actor it was merged into
    kept_apart: set[frozenset[str]] = field(default_factory=set)
    added_aliases: dict[str, list[str]] = field(default_factory=dict)
    removed_aliases: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    reviews: dict[str, str] = field(default_factory=dict)  # claim id -> latest decision
    edits: dict[str, dict[str, Any]] = field(default_factory=dict)

    def copy(self) -> Decisions:
        """A copy to change (a batch of merges checks each against the ones before it) while the
        store keeps the original."""
        def copied(value):
            if isinstance(value, dict):
                return {k: copied(v) for k, v in value.items()} if any(
                    isinstance(v, (dict, list, set)) for v in value.values()) else dict(value)
            return type(value)(value)

        return Decisions(**{f.name: copied(getattr(self, f.name)) for f in fields(self)})

    def canonical(self, key: str) -> str:
        """The actor ``key`` now stands for (itself when not merged)."""
        while key in self.parent:
            key = self.parent[key]
        return key

    def rejected(self, claim_id: str) -> bool:
        return self.reviews.get(claim_id) == "REJECT"

    def is_ancestor(self, key: str, of: str) -> bool:
        while of in self.parent:
            of = self.parent[of]
            if of == key:
                return True
        return False

    def merge(self, drop: str, keep: str) -> None:
        """Everything ``drop`` stands for now stands for what ``keep`` stands for."""
        root_drop, root_keep = self.canonical(drop), self.canonical(keep)
        if root_drop != root_keep:  # a later merge may already be implied by earlier ones
            self.parent[root_drop] = root_keep

    def split(self, key: str, other: str | None) -> None:
        """Take ``key`` (with what was merged into it) out of its actor; with ``other``, part the two."""
        if other is None:
            self.parent.pop(key, None)
            return
        self.kept_apart.add(frozenset((key, other)))
        if self.canonical(key) == self.canonical(other):
            self.parent.pop(other if self.is_ancestor(key, other) else key, None)


def replay(judgements: Iterable[Judgement], actor_keys: set[str], claim_ids: set[str],
           state: Decisions | None = None) -> Decisions:
    """Apply the live judgements, by id, to ``state`` (a fresh ``Decisions`` when None: pass the
    state the judgements before these left, to go on from it). ``actor_keys`` and ``claim_ids``
    need hold only those the judgements name that are stored."""
    state = state or Decisions()
    for j in sorted(judgements, key=lambda j: j.id):
        if j.undone_at is not None:
            continue
        if j.kind in REVIEW_KINDS:
            if j.subject in claim_ids:
                _review(state, j)
        elif j.subject in actor_keys:
            _actor(state, j, actor_keys)
    return state


def _actor(state: Decisions, j: Judgement, actor_keys: set[str]) -> None:
    if j.kind == "MERGE" and j.object in actor_keys:
        state.merge(drop=j.subject, keep=j.object)
    elif j.kind == "SPLIT":
        state.split(j.subject, j.object if j.object in actor_keys else None)
    elif j.kind == "ALIAS_ADD":
        state.added_aliases.setdefault(j.subject, []).append(j.object)
        state.removed_aliases.get(j.subject, set()).discard(j.object)
    elif j.kind == "ALIAS_REMOVE":
        state.removed_aliases.setdefault(j.subject, set()).add(j.object)
        if j.object in state.added_aliases.get(j.subject, []):
            state.added_aliases[j.subject].remove(j.object)
    elif j.kind == "RENAME":
        state.names[j.subject] = j.object
    elif j.kind == "RETYPE":
        state.types[j.subject] = j.object


def _review(state: Decisions, j: Judgement) -> None:
    state.reviews[j.subject] = j.kind
    if j.kind == "EDIT":
        state.edits.setdefault(j.subject, {}).update(json.loads(j.object or "{}"))
