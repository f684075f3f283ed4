"""Identity across documents: which stored actors are one, recorded as judgements.

Merges the pipeline proposes (a spelling variant in another document, an alias a text
declared) go through the same judgement log as an analyst's, with the author
``dyad:resolver`` and the reason in words, so each can be listed and undone
(``dyad judgements``, ``dyad undo``, ``dyad split``). A pair an analyst kept apart is
never merged again.
"""
from __future__ import annotations

from collections.abc import Iterable

from dyad.model import SameAs
from dyad.nlp.names import fold, same_name
from dyad.ontology import GROUP_TYPES
from dyad.store import Store

AUTHOR = "dyad:resolver"


def cross_document(actors: Iterable) -> list[SameAs]:
    """Text-only actors whose canonical name is a spelling of another actor's name of the
    same type: into a KB actor when one matches, else into the first-seen text actor.

    Only names that could be spellings of each other are compared (``same_name``): of the
    same type and word count, each word the same or, for long words, with the same initial,
    or the same letters without the spaces. So each name meets a handful of others, not
    every earlier name of its type and initial, and the cost stays linear as actors grow."""
    ordered = sorted(actors, key=lambda a: (not a.kb_id, a.key))
    buckets: dict[tuple, list[int]] = {}
    by_block: dict[tuple, list[SameAs]] = {}  # proposals in the order of (type, word count, initial)
    for index, a in enumerate(ordered):
        words = fold(a.name).split()
        if not words:
            continue
        keys = [(a.type, tuple(w[0] if len(w) >= 4 and not w.isdigit() else w for w in words)),
                (a.type, len(words), words[0][:1], "".join(words))]
        proposals = by_block.setdefault((a.type, len(words), words[0][:1]), [])
        if not a.kb_id:
            earlier = sorted({i for key in keys for i in buckets.get(key, ())})
            keep = next((ordered[i] for i in earlier if same_name(ordered[i].name, a.name)), None)
            if keep is not None:
                proposals.append(SameAs(keep.key, a.key, f"same name spelled differently: {keep.name!r} ~ {a.name!r}"))
        for key in keys:
            buckets.setdefault(key, []).append(index)
    return [p for proposals in by_block.values() for p in proposals]


def declared_aliases(actors: Iterable) -> list[SameAs]:
    """A text-only actor whose name is another actor's alias ("RHB", declared in one article
    as "Red Hills Brigades (RHB)") is that actor, when exactly one group carries the alias."""
    actors = list(actors)
    owners: dict[str, set[str]] = {}
    for a in actors:
        if a.type in GROUP_TYPES:
            for alias in a.aliases:
                owners.setdefault(fold(alias.alias), set()).add(a.key)
    out = []
    for a in actors:
        keys = owners.get(fold(a.name), set()) - {a.key}
        if a.key.startswith("x:") and a.type in GROUP_TYPES | {"OTHER_ORG"} and len(keys) == 1:
            keep = next(iter(keys))
            out.append(SameAs(keep, a.key, f"{a.name!r} is a declared alias of {keep}"))
    return out


def apply(store: Store, proposals: Iterable[SameAs]) -> int:
    """Record each proposal as a merge unless already one actor or kept apart; how many were recorded."""
    return store.merge_proposed(proposals, author=AUTHOR)
