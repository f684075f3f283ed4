"""Synthetic data for the scale benchmarks: invented articles to ingest, and a store built row by row.

Both are seeded, so a size always gives the same data. Articles are short reports in the
style of the example corpus about invented groups (new groups keep appearing as the corpus
grows, as in real reporting). The store generator writes rows directly with SQLAlchemy
Core in chunks of ``CHUNK``, without parsing anything, so a store of a million claims takes
minutes, not days; its claims are spread over actor pairs with a long tail, like real dyads,
each quoting a sentence of its document in the articles' style, indexed for evidence search.
"""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from dyad import ontology

CHUNK = 5_000
WORDS = ("Red Hills Copper Coast Northern Star Azure Dawn Lowland Iron Valley Salt River Eastern Cedar "
         "Black Ridge Sabre Falcon Granite Harbour Desert Wind Ember").split()
KINDS = ("Brigades", "Front", "Movement", "Army", "Battalion", "Militia", "Council", "Forces")
PLACES = ("Velm", "Tarsk", "Orlen", "Marsh Gate", "Kessa", "Dunmore")
MONTHS = ("January", "March", "May", "June", "August", "October", "December")
SENTENCES = (
    "The {a} trained fighters of the {b} near {place} in {month} {year}, according to local officials.",
    "Fighters of the {a} clashed with the {b} outside {place} in {month} {year}, leaving several dead.",
    "The {a} reportedly supplied weapons to the {b} in {year}.",
    "Leaders of the {a} met commanders of the {b} in {place} last year.",
    "The {b} condemned the {a} for the attack on its camp near {place}.",
    "The {a} denied that it had funded the {b}.",
)


def group_name(n: int) -> str:
    """A distinct invented name per number: two words and a kind, then a number past the combinations."""
    first, rest = divmod(n, len(WORDS))
    second, kind = divmod(first, len(WORDS))
    base = f"{WORDS[rest]} {WORDS[second % len(WORDS)]} {KINDS[kind % len(KINDS)]}"
    return base if n < len(WORDS) ** 2 * len(KINDS) else f"{base} {n}"


def articles(count: int, seed: int = 0) -> Iterator[tuple[str, str, str]]:
    """(name, published, text) of ``count`` articles, five or six sentences each, made one at a time."""
    rng = random.Random(seed)
    for i in range(count):
        known = 20 + i // 2  # the pool of groups grows with the corpus
        year = rng.randint(2012, 2023)
        lines = []
        for _ in range(rng.randint(5, 6)):
            a, b = rng.sample(range(known), 2)
            lines.append(rng.choice(SENTENCES).format(a=group_name(a), b=group_name(b), place=rng.choice(PLACES),
                                                     month=rng.choice(MONTHS), year=year))
        yield f"synthetic_{i:06d}", f"{year + 1}-01", " ".join(lines) + f" (report {i})"


def write_articles(folder: Path, count: int, seed: int = 0) -> Path:
    """``count`` articles as ``.txt`` files with ``.meta.json`` dates under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, published, text in articles(count, seed):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(f'{{"published": "{published}"}}', encoding="utf-8")
    return folder


def build_store(url: str, claims: int, actors: int, documents: int, seed: int = 0) -> None:
    """A store at ``url`` of that many claims, actors and documents (one mention per claim end).

    Claim ``n`` is in document ``n % documents``; each claim's evidence is a sentence of
    ``SENTENCES`` naming its two groups, a place and a year, and the document's text is its
    claims' sentences, so every evidence span quotes its document. The evidence search index
    is filled as ingest fills it (``search.index_sentences``)."""
    from sqlalchemy import insert
    from sqlalchemy.orm import Session

    from dyad.store import Store
    from dyad.store.schema import ActorRow, DocumentRow, InteractionRow, MentionRow
    from dyad.store.search import index_sentences

    rng = random.Random(seed)
    store = Store(url)
    now = datetime.now(timezone.utc)
    types, certainties = list(ontology.INTERACTION_TYPES), list(ontology.CERTAINTIES)

    def write(*tables_rows) -> None:
        with store.engine.begin() as connection:
            for table, rows in tables_rows:
                if rows:
                    connection.execute(insert(table), rows)

    def chunks(rows: Iterator[dict], table) -> None:
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) == CHUNK:
                write((table, batch))
                batch = []
        write((table, batch))

    def pair() -> tuple[int, int]:
        a = min(int(rng.paretovariate(1.2)) - 1, actors - 1)  # a few actors are in most of the news
        b = rng.randrange(actors)
        return (a, b) if a != b else (a, (b + 1) % actors)

    def document(d: int) -> tuple[dict, list[dict]]:
        """Document ``d`` and its claims (``n % documents == d``), their sentences its text."""
        sentences, rows, start = [], [], 0
        for n in range(d, claims, documents):
            a, b = pair()
            year = 2010 + rng.randrange(14)
            sentence = rng.choice(SENTENCES).format(a=group_name(a), b=group_name(b), place=rng.choice(PLACES),
                                                    month=rng.choice(MONTHS), year=year)
            rows.append({"id": f"c{n:08d}", "source": f"x:group {a}", "target": f"x:group {b}",
                         "type": rng.choice(types), "certainty": rng.choice(certainties), "time_start": str(year),
                         "time_end": str(year), "time_text": str(year), "doc_id": f"d{d:07d}", "ev_start": start,
                         "ev_end": start + len(sentence), "ev_text": sentence, "cue": "synthetic", "trigger": "work",
                         "confidence": round(rng.random(), 3), "origin": "text"})
            sentences.append(sentence)
            start += len(sentence) + 1
        doc = {"id": f"d{d:07d}", "name": f"doc_{d:07d}", "path": "", "format": "txt",
               "published": f"{2010 + d % 14}-{1 + d % 12:02d}", "published_inferred": False,
               "text": " ".join(sentences), "ingested_at": now}
        return doc, rows

    chunks(({"key": f"x:group {n}", "name": group_name(n), "type": "ARMED_GROUP"} for n in range(actors)), ActorRow)
    docs, claim_rows = [], []
    for d in range(documents):
        doc, rows = document(d)
        docs.append(doc)
        claim_rows += rows
        if len(claim_rows) >= CHUNK or len(docs) == CHUNK or d == documents - 1:
            write((DocumentRow, docs), (InteractionRow, claim_rows))  # documents first: claims cite them
            docs, claim_rows = [], []
    chunks(({"doc_id": f"d{n % documents:07d}", "start": 4, "end": 9, "text": group_name(n % actors),
             "actor_key": f"x:group {n % actors}", "cue": "ner"} for n in range(max(actors, documents))), MentionRow)
    with Session(store.engine) as s, s.begin():
        index_sentences(s)
    store.close()
