"""The JSON API (documented at /openapi.json): what the pages call and what scripts may call.

Every route is one :class:`dyad.api.Dyad` call and a reshaping of its answer; errors a
user can fix come back as ``{"error": "E5xx ..."}`` (see ``app.py``).
"""
from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from dyad.web import serialize
from dyad.web.security import require_writer

router = APIRouter(prefix="/api")


def _dyad(request: Request):
    return request.app.state.dyad


def _names(dyad) -> dict[str, str]:
    return {a.key: a.name for a in dyad.actors()}


# ---------------------------------------------------------------- reading

@router.get("/documents", summary="Every stored document (without its text)")
def documents(request: Request) -> list[dict]:
    return [serialize.document(d) for d in _dyad(request).documents()]


@router.get("/documents/{name_or_id:path}", summary="One document with its text and the spans claims were read from")
def document(name_or_id: str, request: Request) -> dict:
    dyad = _dyad(request)
    doc = dyad.document(name_or_id)
    claims = dyad.claims(doc=doc.id)
    return {**serialize.document(doc, with_text=True), "claims": [serialize.claim(c) for c in claims],
            "names": _names(dyad)}


@router.get("/actors", summary="Actors, optionally of one type")
def actors(request: Request, type: str | None = None) -> list[dict]:
    return [serialize.actor(a) for a in _dyad(request).actors(type=type)]


@router.get("/actors/{name:path}", summary="One actor by name, alias or key: aliases, structure, claims, documents")
def actor(name: str, request: Request, limit: int = Query(200, ge=1, le=100_000)) -> dict:
    """The ``limit`` newest claims (``claim_count`` says how many there are)."""
    dyad = _dyad(request)
    found = dyad.actor(name)
    claims = sorted(dyad.claims(actor=found.key), key=lambda c: (c.time and c.time.start) or "", reverse=True)
    structure = dyad.structure(found.key)
    names = _names(dyad)
    shown = claims[:limit]
    named = {k for x in (*shown, *structure) for k in (x.source, x.target)}
    return {**serialize.actor(found), "structure": [serialize.claim(s) for s in structure],
            "claims": [serialize.claim(c) for c in shown], "claim_count": len(claims),
            "names": {k: names.get(k, k) for k in named}}


@router.get("/claims", summary="Interaction claims by actor, type, document or certainty")
def claims(request: Request, actor: str | None = None, type: str | None = None, doc: str | None = None,
           certainty: str | None = None) -> list[dict]:
    found = _dyad(request).claims(actor=actor, type=type, doc=doc)
    return [serialize.claim(c) for c in found if certainty is None or c.certainty == certainty]


@router.get("/review-queue", summary="Unreviewed claims, those the relation model is least sure of first")
def review_queue(request: Request, limit: int = 50) -> list[dict]:
    return [serialize.claim(c) for c in _dyad(request).review_queue(limit=limit or None)]


@router.get("/dyads", summary="Each dyad's cooperation and hostility, latest or at a date, most hostile "
                             "then closest first; `limit` keeps the first so many (0: all)")
def dyads(request: Request, response: Response, actor: str | None = None, at: str | None = None,
          limit: int = 0) -> list[dict]:
    """The list stays a JSON array; the header ``X-Total-Count`` says how many dyads it holds uncut."""
    dyad = _dyad(request)
    names = _names(dyad)
    found = dyad.dyads(actor=actor, at=at, limit=limit)
    response.headers["X-Total-Count"] = str(found.total)
    return [{"a": h.a, "b": h.b, "a_name": names.get(h.a, h.a), "b_name": names.get(h.b, h.b),
             "cooperation": coop, "hostility": host, "activity": h.activity} for h, (coop, host) in found]


@router.get("/history", summary="One dyad's periods, transitions and the claims behind them")
def history(request: Request, a: str, b: str) -> dict:
    dyad = _dyad(request)
    h = dyad.history(a, b)
    claims = dyad.history_claims(h)  # rolled-up claims of a wing count for its group's pair too
    named = {h.a, h.b} | {k for c in claims for k in (c.source, c.target)}
    names = {k: found.name for k in named if (found := dyad.store.actor(k))}
    return {**serialize.history(h, names), "claim_records": [serialize.claim(c) for c in claims],
            "names": {k: names.get(k, k) for k in named}}


@router.get("/network", summary="Who cooperates with and fights whom at a date, with filters")
def network(request: Request, at: str | None = None, type: list[str] = Query(default=[]),
            certainty: list[str] = Query(default=[]), source: list[str] = Query(default=[])) -> dict:
    """``type``, ``certainty`` and ``source`` (a document's source) keep the ties that rest on
    at least one claim of that kind."""
    dyad = _dyad(request)
    net = dyad.network(at=at, metrics=False)
    if type or certainty or source:
        sources = {d.id: d.source for d in dyad.documents()}
        kept = {frozenset((c.source, c.target)) for c in dyad.claims()
                if (not type or c.type in type) and (not certainty or c.certainty in certainty)
                and (not source or sources.get(c.evidence.doc) in source)}
        net["edges"] = [e for e in net["edges"] if frozenset((e["a"], e["b"])) in kept]
    activity: dict[str, int] = {}
    for h in dyad.histories():
        for key in (h.a, h.b):
            activity[key] = activity.get(key, 0) + h.activity
    tied = {k for e in net["edges"] for k in (e["a"], e["b"])}
    net["nodes"] = [{**n, "activity": activity.get(n["key"], 0)} for n in net["nodes"] if n["key"] in tied]
    return net


@router.get("/timespan", summary="The first and last month any dyad period covers (the time slider's range)")
def timespan(request: Request) -> dict:
    bounds = sorted(b for h in _dyad(request).histories() for p in h.periods for b in (p.start, p.end) if b)
    return {"first": bounds[0][:7] if bounds else None, "last": bounds[-1][:7] if bounds else None}


@router.get("/facets", summary="The values the network filters offer: interaction types, certainties, sources")
def facets(request: Request) -> dict:
    from dyad.ontology import CERTAINTIES, INTERACTION_TYPES

    sources = sorted({d.source for d in _dyad(request).documents() if d.source})
    return {"type": list(INTERACTION_TYPES), "certainty": list(CERTAINTIES), "source": sources}


@router.get("/search", summary="Evidence sentences holding every word and \"phrase\" of q, or nearest it in meaning")
def search(request: Request, q: str = Query(..., min_length=1, max_length=500),
           limit: int = Query(50, ge=1, le=500),
           mode: Literal["text", "semantic"] = Query("text", description=(
               "text: full-text, best match first; semantic: by sentence embeddings (501 without the "
               "'semantic' extra)"))) -> list[dict]:
    return [vars(hit) | {"claims": list(hit.claims)} for hit in _dyad(request).search(q, limit, mode)]


@router.get("/places", summary="Places claims name, with coordinates, and how many claims name each")
def places(request: Request) -> list[dict]:
    counts: dict[tuple, dict] = {}
    for c in _dyad(request).claims():
        p = c.place
        if p and p.lat is not None and p.lon is not None:
            entry = counts.setdefault((p.name, p.lat, p.lon), {**p.to_dict(), "claims": []})
            entry["claims"].append(c.id)
    return sorted(counts.values(), key=lambda e: (-len(e["claims"]), e["name"]))


@router.get("/judgements", summary="Every analyst judgement, newest last")
def judgements(request: Request) -> list[dict]:
    return [vars(j) for j in _dyad(request).judgements()]


# ---------------------------------------------------------------- judgements (token when not on loopback)

class Review(BaseModel):
    decision: str = Field(pattern="^(ACCEPT|REJECT|EDIT)$")
    edits: dict[str, str] = {}
    reason: str = Field(min_length=1)


class Merge(BaseModel):
    keep: str
    drop: str
    reason: str = Field(min_length=1)


class Split(BaseModel):
    actor: str
    reason: str = Field(min_length=1)


class Alias(BaseModel):
    actor: str
    alias: str = Field(min_length=1)
    reason: str = Field(min_length=1)


def _recorded(judgement_id: int) -> dict:
    return {"judgement": judgement_id}


@router.post("/claims/{claim_id}/review", dependencies=[Depends(require_writer)],
             summary="Accept, reject or edit one claim (as `dyad review`)")
def review(claim_id: str, body: Review, request: Request) -> dict:
    return _recorded(_dyad(request).review(claim_id, body.decision, body.edits, body.reason))


@router.post("/merge", dependencies=[Depends(require_writer)], summary="Treat drop as keep (as `dyad merge`)")
def merge(body: Merge, request: Request) -> dict:
    return _recorded(_dyad(request).merge(body.keep, body.drop, body.reason))


@router.post("/split", dependencies=[Depends(require_writer)], summary="Undo a merge (as `dyad split`)")
def split(body: Split, request: Request) -> dict:
    return _recorded(_dyad(request).split(body.actor, body.reason))


@router.post("/aliases", dependencies=[Depends(require_writer)], summary="Record another name (as `dyad alias add`)")
def alias(body: Alias, request: Request) -> dict:
    return _recorded(_dyad(request).add_alias(body.actor, body.alias, body.reason))


@router.post("/ingest", dependencies=[Depends(require_writer)], status_code=202,
             summary="Upload files (with their .meta.json sidecars) to ingest; answers a job to poll")
def ingest(request: Request, files: list[UploadFile] = File(...)) -> dict:
    return request.app.state.jobs.start(files).progress()


@router.get("/ingest/{job_id}", summary="How far an upload's ingest has gone")
def ingest_progress(job_id: str, request: Request) -> dict:
    return request.app.state.jobs.get(job_id).progress()
