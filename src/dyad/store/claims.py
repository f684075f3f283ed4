"""Claim views: stored claims with edits applied and endpoints mapped through merges.

Return None for a claim the analyst rejected or one that a merge turned into a self-loop.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Row

from dyad.model import Evidence, Place, TimeSpan

from .judgements import Decisions
from .schema import InteractionRow, StructureRow
from .views import InteractionView, StructureView


def _fields(row: Any, names: tuple[str, ...], state: Decisions) -> dict[str, Any]:
    fields = {n: getattr(row, n) for n in names}
    fields.update(state.edits.get(row.id, {}))
    fields["source"], fields["target"] = state.canonical(fields["source"]), state.canonical(fields["target"])
    return fields


def interaction_view(row: InteractionRow | Row, state: Decisions, include_rejected: bool) -> InteractionView | None:
    """The view of a stored claim, read as an ORM row or a Core row of ``interactions``."""
    if state.rejected(row.id) and not include_rejected:
        return None
    f = _fields(row, ("source", "target", "type", "certainty", "time_start", "time_end", "attributed_to"), state)
    if f["source"] == f["target"]:
        return None
    timed = row.time_text is not None or f["time_start"] or f["time_end"]
    return InteractionView(
        source=f["source"], target=f["target"], type=f["type"], certainty=f["certainty"],
        evidence=Evidence(row.doc_id, row.ev_start, row.ev_end, row.ev_text),
        time=TimeSpan(f["time_start"], f["time_end"], row.time_text or "", row.time_cue or "") if timed else None,
        place=Place(**row.place) if row.place else None,
        attributed_to=state.canonical(f["attributed_to"]) if f["attributed_to"] else None,
        cue=row.cue, trigger=row.trigger,
        via=state.canonical(row.via) if row.via else None, confidence=row.confidence,
        origin=row.origin, provenance=row.provenance, claim_id=row.id, review=state.reviews.get(row.id),
    )


def structure_view(row: StructureRow, state: Decisions) -> StructureView | None:
    if state.rejected(row.id):
        return None
    f = _fields(row, ("source", "target", "type", "start", "end", "former"), state)
    if f["source"] == f["target"]:
        return None
    evidence = Evidence(row.doc_id, row.ev_start, row.ev_end, row.ev_text) if row.doc_id else None
    return StructureView(
        **f, role=row.role, origin=row.origin, cue=row.cue, evidence=evidence, provenance=row.provenance,
        claim_id=row.id, review=state.reviews.get(row.id),
    )
