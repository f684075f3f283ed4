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
    Blocked by type, word count and initial, so the cost stays near linear."""
    blocks: dict[tuple[str, int, str], list] = {}
    for a in sorted(actors, key=lambda a: (not a.kb_id, a.key)):
        words = fold(a.name).split()
        if words:
            blocks.setdefault((a.type, len(words), words[0][:1]), []).append(a)
    out = []
    for group in blocks.values():
        for k, a in enumerate(group):
            if a.kb_id:
                continue
            keep = next((b for b in group[:k] if same_name(b.name, a.name)), None)
            if keep is not None:
                out.append(SameAs(keep.key, a.key, f"same name spelled differently: {keep.name!r} ~ {a.name!r}"))
    return out


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
