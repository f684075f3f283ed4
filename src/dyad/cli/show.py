"""How stored things are printed: tables and short evidence-first text blocks.

Kept apart from the commands so ``demo`` and the browsing commands print the same
thing the same way.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable

import click
from rich.console import Console
from rich.table import Table

from dyad.api import Dyad, DyadList
from dyad.cli.common import echo_json
from dyad.ontology import GROUP_TYPES


class Names:
    """Display names for actor keys (merged members included) and document ids."""

    def __init__(self, dyad: Dyad, keys: Iterable[str] | None = None, doc_ids: Iterable[str] | None = None):
        """Of every actor and document, or (``keys``, ``doc_ids``) of these only: a command about
        one pair need not read the whole store."""
        self.actors: dict[str, str] = {}
        for actor in dyad.actors() if keys is None else filter(None, map(dyad.store.actor, set(keys))):
            for key in (actor.key, *actor.members):
                self.actors[key] = actor.name
        docs = dyad.documents() if doc_ids is None else filter(None, map(dyad.store.document, set(doc_ids)))
        self.docs = {doc.id: doc.name for doc in docs}

    def actor(self, key: str | None) -> str:
        return self.actors.get(key, key or "?")

    def doc(self, doc_id: str | None) -> str:
        return self.docs.get(doc_id, doc_id or "?")


def _console() -> Console:
    """Terminal width on a terminal; wide when piped, so a file gets whole lines."""
    width = None if sys.stdout.isatty() else 160
    return Console(width=width, highlight=False, markup=False, soft_wrap=False)  # names may hold [brackets]


def _table(key: str, keys: list[str], *columns: str) -> Table:
    """A borderless table whose first column (a name users type back) is never cut."""
    table = Table(box=None, header_style="bold")
    table.add_column(key, no_wrap=True, min_width=max(map(len, keys), default=len(key)))
    for column in columns:
        table.add_column(column)
    return table


def _span(start: str | None, end: str | None) -> str:
    """'2019-03', '2019-03 → 2020' or with '?' / '…' for an open start / end."""
    if start == end:
        return start or "undated"
    return f"{start or '?'} → {end or '…'}"


def actor_table(actors: list) -> None:
    table = _table("name", [a.name for a in actors], "type", "aliases", "mentions")
    for actor in actors:
        mentions = sum(actor.mentions_per_doc.values())
        table.add_row(actor.name, actor.type, ", ".join(a.alias for a in actor.aliases),
                      f"{mentions} in {len(actor.mentions_per_doc)} doc(s)")
    _console().print(table)


def document_table(documents: list) -> None:
    table = _table("name", [d.name for d in documents], "published", "title", "source", "near-duplicate of")
    for doc in documents:
        published = f"{doc.published or '?'}{' (inferred)' if doc.published_inferred else ''}"
        table.add_row(doc.name, published, doc.title or "", doc.source or "", doc.near_duplicate_of or "")
    _console().print(table)


def structure_line(edge, names: Names) -> str:
    former = " FORMER" if edge.former else ""
    role = f" ({edge.role})" if edge.role else ""
    where = f"  [{edge.origin}]"
    if edge.evidence is not None:
        where = f"  [{names.doc(edge.evidence.doc)}: \"{_clip(edge.evidence.text)}\"]"
    return (f"{names.actor(edge.source)} {edge.type}{role}{former} {names.actor(edge.target)}"
            f"  {_span(edge.start, edge.end)}{where}")


def actor_detail(dyad: Dyad, actor) -> None:
    names = Names(dyad)
    click.echo(f"{actor.name}  ({actor.type}; key {actor.key})")
    if actor.description:
        click.echo(f"  {actor.description}")
    if actor.members:
        click.echo(f"merged in: {', '.join(actor.members)}  (undo with `dyad split KEY`)")
    click.echo("aliases:")
    for alias in actor.aliases:
        seen = ", ".join(alias.docs) if alias.docs else "knowledge base or analyst"
        click.echo(f"  {alias.alias}  — seen in {seen}")
    click.echo("structure:")
    for edge in dyad.store.structure(actor=actor.key):
        click.echo(f"  {structure_line(edge, names)}")
    click.echo("mentions per document:")
    for doc, count in sorted(actor.mentions_per_doc.items()):
        click.echo(f"  {doc}  {count}")


def claim_block(claim, names: Names) -> str:
    time = "time unknown"
    if claim.time is not None:
        quoted = f" (\"{claim.time.text}\")" if claim.time.text else ""
        time = f"time {_span(claim.time.start, claim.time.end)}{quoted}"
    said = f"  attributed to {claim.attributed_to}" if claim.attributed_to else ""
    review = f"  review {claim.review}" if claim.review else ""
    review += f"  {claim.provenance}" if claim.provenance else ""  # an imported claim says so
    place = f"  at {claim.place.name}" if claim.place else ""
    via = f" (through {names.actor(claim.via)})" if claim.via else ""
    ev = claim.evidence
    return (f"{claim.id}  {claim.type}  {names.actor(claim.source)} → {names.actor(claim.target)}{via}\n"
            f"  {claim.certainty}  {time}{place}{said}  cue: {claim.cue or '-'}{review}\n"
            f"  {names.doc(ev.doc)} [{ev.start}:{ev.end}] \"{' '.join(ev.text.split())}\"")


def claim_record(claim, names: Names) -> dict:
    record = claim.to_dict()
    record.update(source_name=names.actor(claim.source), target_name=names.actor(claim.target),
                  via_name=names.actor(claim.via) if claim.via else None, doc_name=names.doc(claim.evidence.doc))
    return record


def claims(dyad: Dyad, found: list, fmt: str, summary: str) -> None:
    """Claims as JSON records, or as blocks of text ending with a count line."""
    names = Names(dyad)
    if fmt == "json":
        echo_json([claim_record(c, names) for c in found])
        return
    for claim in found:
        click.echo(claim_block(claim, names) + "\n")
    click.echo(f"{len(found)} {summary}")


def groups(dyad: Dyad) -> None:
    """The groups found, with their aliases and structure (what ``demo`` shows first)."""
    names = Names(dyad)
    found = [a for a in dyad.actors() if a.type in GROUP_TYPES]
    click.echo(f"groups found: {len(found)}")
    for actor in found:
        aliases = ", ".join(a.alias for a in actor.aliases)
        click.echo(f"  {actor.name} ({actor.type})" + (f" — also: {aliases}" if aliases else ""))
        for edge in dyad.store.structure(actor=actor.key):
            if edge.source == actor.key:
                click.echo(f"      {structure_line(edge, names)}")


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


DYADS_SHOWN = 50  # how many dyads a list shows unless told (`dyad dyads --limit`): a list to read, not every pair


def dyads(dyad: Dyad, states: DyadList, at: str | None = None) -> None:
    """Two lines per dyad: the pair, then its state (latest, or at ``at``), peaks and claim count;
    a last line when the list was cut (``--limit``)."""
    keys = None if len(states) == states.total else {k for found, _ in states for k in found[:2]}
    names = Names(dyad, keys=keys, doc_ids=())  # the names of the pairs shown; no document is shown
    click.echo(f"dyads: {states.total:,}" + (f" with a state at {at}" if at else ""))
    for found, (cooperation, hostility) in states:
        when = f"at {at}" if at else f"latest ({(found.until or 'undated') if found.periods else '-'})"
        click.echo(f"  {names.actor(found.a)} ⇄ {names.actor(found.b)}\n"
                   f"      {when}: cooperation {cooperation}, hostility {hostility}; "
                   f"peak {found.peak_cooperation} / {found.peak_hostility}; {found.activity} claim(s)")
    if len(states) < states.total:
        click.echo(f"{len(states):,} of {states.total:,} dyads, the most hostile then the closest first, "
                   f"then by claims; --limit 0 for all")


def history(dyad: Dyad, history) -> None:
    """Periods, transitions and contradictions of one pair, then the claims behind them."""
    claims = dyad.history_claims(history)
    names = Names(dyad, keys={history.a, history.b} | {k for c in claims for k in (c.source, c.target)},
                  doc_ids={c.evidence.doc for c in claims})
    click.echo(f"{names.actor(history.a)} ⇄ {names.actor(history.b)}  ({history.activity} claims)")
    click.echo("periods:")
    for p in history.periods:
        flags = "".join(f"  {flag}" for flag, on in (("tentative", p.tentative), ("undated", p.undated)) if on)
        click.echo(f"  {_span(p.start, p.end):<20} cooperation {p.cooperation:<13} hostility {p.hostility:<10}"
                   f" {p.documents} doc(s){flags}  rules: {', '.join(p.rules) or '-'}")
    if history.transitions:
        click.echo("transitions:")
        for t in history.transitions:
            click.echo(f"  {t.at or 'undated'}: {'/'.join(t.before)} → {'/'.join(t.after)}"
                       f"  driven by {', '.join(t.drivers) or '-'}")
    if history.contradictions:
        click.echo("contradictions:")
        for c in history.contradictions:
            click.echo(f"  {c.kind}: {c.note}  [{', '.join(c.claims)}]")
    click.echo(f"claims: {len(claims)} (structure edges and rolled-up claims of members are listed by `dyad actor`)")
    for claim in claims:
        click.echo(claim_block(claim, names))
