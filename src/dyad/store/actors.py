"""Actor views: stored actors with merges, renames, retypes and alias decisions applied."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from dyad.kb import normalise_name as fold_name

from .judgements import Decisions
from .schema import ActorRow, AliasRow
from .views import ActorView, AliasSeen


def build_actor_views(
    actors: dict[str, ActorRow],
    state: Decisions,
    aliases: Iterable[AliasRow],
    mention_counts: Iterable[tuple[str, str, int]],  # (actor key, document id, mentions)
    doc_names: dict[str, str],
) -> list[ActorView]:
    """One view per canonical actor, sorted by name then key."""
    seen_in: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # key -> alias -> doc names
    for row in aliases:
        docs = seen_in[row.actor_key][row.alias]
        if row.doc_id:
            docs.add(doc_names[row.doc_id])
    mentions: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, doc_id, n in mention_counts:
        mentions[state.canonical(key)][doc_names[doc_id]] += n
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in sorted(actors):
        clusters[state.canonical(key)].append(key)

    views = []
    for root, keys in clusters.items():
        row = actors[root]
        name = state.names.get(root, row.name)
        merged: dict[str, set[str]] = defaultdict(set)
        for key in keys:
            for alias, docs in _own_aliases(actors[key], state, seen_in[key]).items():
                merged[alias] |= docs
        for alias in state.removed_aliases.get(root, ()):
            merged.pop(alias, None)
        merged.pop(name, None)
        views.append(ActorView(
            key=root,
            name=name,
            type=state.types.get(root, row.type),
            kb_id=row.kb_id or next((actors[k].kb_id for k in keys if actors[k].kb_id), None),
            aliases=[AliasSeen(a, sorted(merged[a])) for a in sorted(merged, key=lambda a: (a.casefold(), a))],
            mentions_per_doc=dict(sorted(mentions[root].items())),
            members=[k for k in keys if k != root],
            description=row.description,
        ))
    return sorted(views, key=lambda v: (v.name.casefold(), v.key))


def _own_aliases(row: ActorRow, state: Decisions, seen: dict[str, set[str]]) -> dict[str, set[str]]:
    """The names one stored actor goes by, its stored and renamed-from names included."""
    own = {alias: set(docs) for alias, docs in seen.items()}
    for alias in [row.name, *state.added_aliases.get(row.key, [])]:
        own.setdefault(alias, set())
    for alias in state.removed_aliases.get(row.key, ()):
        own.pop(alias, None)
    return own


def find_actor(views: list[ActorView], name_or_key: str) -> ActorView | None:
    """By key (a merged member's key finds its actor), else by folded name, else by folded alias.

    Ties go to a knowledge-base actor, then to the most mentioned one.
    """
    for view in views:
        if name_or_key == view.key or name_or_key in view.members:
            return view
    folded = fold_name(name_or_key)
    for names_of in (lambda v: [v.name], lambda v: [a.alias for a in v.aliases]):
        hits = [v for v in views if folded in {fold_name(n) for n in names_of(v)}]
        if hits:
            return min(hits, key=lambda v: (v.kb_id is None, -sum(v.mentions_per_doc.values()), v.key))
    return None
