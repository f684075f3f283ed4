"""Names the knowledge base marks ambiguous ("JEM", "ISI", "Ansar al-Sharia"), linked by the document's countries.

An ambiguous alias may stand for several entries (or for something that is no actor), so
the entity ruler never marks it. Entity linking's usual prior decides instead: the
countries the document's unambiguous mentions belong to. "JeM" in a report whose other
actors are Pakistani and Indian is the Kashmiri group, not the Sudanese movement of the
same initials; with no country of its owner in the text it stays unlinked.
"""
from __future__ import annotations

from collections import Counter
from functools import cache

from spacy.tokens import Doc

from dyad.kb import KBEntry
from dyad.nlp.mentions import Found, KBIndex, _kb_found

_MIN_SUPPORT = 2  # mentions of the owner's countries needed before a name is linked by them


def _countries(entry: KBEntry) -> tuple[str, ...]:
    return (entry.iso2,) if entry.iso2 else entry.country


@cache
def _forms(index: KBIndex) -> dict[str, list[tuple[tuple[str, ...], bool, tuple[KBEntry, ...]]]]:
    """Ambiguous forms by their first word: (words, whether case counts, every entry known
    by the form). Initials match as written ("AA" is not "aa"); other forms in any case."""
    owners: dict[str, list[KBEntry]] = {}
    for form, entry, kind in index.kb.names():
        if kind == "ambiguous":
            owners.setdefault(form, []).append(entry)
    out: dict[str, list] = {}
    for form, entries in owners.items():
        entries += [e for e in index.kb.lookup(form) if e not in entries]
        exact = form.isupper()
        words = tuple(w if exact else w.lower() for w in form.replace("-", " - ").split())
        out.setdefault(words[0], []).append((words, exact, tuple(entries)))
    return out


def _spelled(word: str, exact: bool) -> str | None:
    """A word as a form compares it: initials with two capitals or more ("JeM" for "JEM"), else folded."""
    if not exact:
        return word.lower()
    return word.upper() if sum(c.isupper() for c in word) >= 2 or not word.isalpha() else None


def _owner(entries: tuple[KBEntry, ...], context: Counter) -> KBEntry | None:
    """The one entry whose countries the document names at least _MIN_SUPPORT times, and
    twice as often as any other owner's."""
    ranked = sorted(((sum(context[c] for c in _countries(e)), e.id, e) for e in entries), key=lambda x: -x[0])
    best = ranked[0]
    if best[0] < _MIN_SUPPORT or len(ranked) > 1 and ranked[1][0] * 2 > best[0]:
        return None
    return best[2]


def ambiguous_mentions(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """The mentions with each use of an ambiguous name linked to its owner where the
    document's countries single one out; a text-only name on the same words gives way."""
    context = Counter(c for f in found if f.kb_id and f.cue != "modifier"
                      for e in [index.kb.get(f.kb_id)] if e is not None for c in _countries(e))
    forms = _forms(index)
    out = list(found)
    for tok in doc:
        for words, exact, entries in forms.get(tok.text.upper(), []) + forms.get(tok.lower_, []):
            end = tok.i + len(words)
            if end > len(doc) or tuple(_spelled(t.text, exact) for t in doc[tok.i:end]) != words:
                continue
            here = [f for f in out if f.start < end and f.end > tok.i]
            if any(not f.key.startswith("x:") or f.start < tok.i or f.end > end for f in here):
                continue  # a known name, or a longer one, holds these words
            owner = _owner(entries, context)
            if owner is not None:
                out = [f for f in out if f not in here] + [_kb_found(tok.i, end, owner, "kb-context")]
    return sorted(out, key=lambda f: f.start)
