"""Names a text declares with an abbreviation, "Long Name (ABBR)", and the abbreviation's later uses.

Reporting introduces a group once by its full name with its initials in brackets and
calls it by the initials afterwards. The small model's NER often cuts such long names
("... Council of" before a place word, a name split at a dash) and tags bare initials as
anything or nothing, so both ends of the group's claims are lost. The declaration is a
cue of its own (the Schwartz–Hearst idea: the long form's first initial is the
abbreviation's first letter): the capitalised run before the brackets becomes one
mention, and every later use of the abbreviation mentions the same actor.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from dyad.nlp.mentions import Found, KBIndex, _kb_found, _shape_type, text_key
from dyad.nlp.places import lookup_place

# Lower-case words a name may hold between its capitalised words.
_CONNECTORS = frozenset({"of", "for", "and", "the", "a", "in", "de", "del", "la", "las", "los", "el", "al", "wal",
                         "-", "–", "—", "&"})
_PLACE_WORDS = frozenset({"province", "state", "region", "district", "county", "governorate", "territory", "valley",
                          "city", "area", "zone", "strip", "island", "islands"})
_MAX_INNER = 5  # tokens of an abbreviation: "NSCN – K" is three
_MAX_LONG = 12


def _abbreviation(inner: Span) -> bool:
    """Initials, as brackets hold them: two or more capitals, mostly capitals, no spaces in words."""
    letters = [c for c in inner.text if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    return 0 < len(inner) <= _MAX_INNER and capitals >= 2 and capitals * 2 >= len(letters) and all(
        t.is_alpha or t.text in ("-", "–", "/", "&") for t in inner)


def _capitalised(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()


def capitalised_run(doc: Doc, open_at: int, lower: int, min_words: int = 2) -> int | None:
    """Start of the run of capitalised words (and the connectors a name holds) that ends right
    before token ``open_at``, not before ``lower``; None without ``min_words`` capitalised words."""
    i = open_at
    while i > lower and open_at - i < _MAX_LONG:
        tok = doc[i - 1]
        # a particle between hyphens ("Jaish-e-Mohammed"), not a suffix word ("Mali-based")
        joined = i - 2 >= lower and doc[i - 2].text in "-–" and tok.is_alpha and doc[i].text in "-–"
        if _capitalised(tok) or tok.lower_ in _CONNECTORS or joined or tok.text in ("'s", "’s"):
            i -= 1
            continue
        break
    while i < open_at and (doc[i].lower_ in ("the", "a", "an") or not _capitalised(doc[i])) and not (
            i + 2 < open_at and doc[i + 1].text == "-" and _capitalised(doc[i + 2])):
        i += 1  # a name starts on a capitalised word (no determiner), or an article joined to one ("al-Qaeda")
    return i if sum(_capitalised(t) for t in doc[i:open_at]) >= min_words else None


def _long_form(doc: Doc, start: int, open_at: int, first: str, letters: str) -> int | None:
    """Where the long form starts: after a possessive's owner ("Pakistan's"); and when the
    run's first word's initial is no letter of the abbreviation ("US-backed"), at the first
    word with the abbreviation's first letter. Initials of another language ("FARDC" for
    "Armed Forces of the ...") still share letters with the English name."""
    owner = [i for i in range(start, open_at) if doc[i].text in ("'s", "’s")]
    start = owner[-1] + 1 if owner else start
    if doc[start].text[0].upper() not in letters:
        start = next((i for i in range(start, open_at) if _capitalised(doc[i]) and doc[i].text[0] == first), open_at)
    return start if sum(_capitalised(t) for t in doc[start:open_at]) >= 2 else None


def _declarations(doc: Doc) -> list[tuple[int, int, Span]]:
    """(long form start, end, abbreviation) of every "Long Name (ABBR)" in the text."""
    out = []
    for tok in doc:
        if tok.text != "(" or tok.i == 0:
            continue
        close = next((k for k in range(tok.i + 1, min(tok.i + _MAX_INNER + 2, len(doc))) if doc[k].text == ")"), None)
        if close is None or not _abbreviation(inner := doc[tok.i + 1:close]):
            continue
        run = capitalised_run(doc, tok.i, tok.sent.start)
        start = _long_form(doc, run, tok.i, inner.text[0], inner.text.upper()) if run is not None else None
        if start is not None:
            out.append((start, tok.i, inner))
    return out


def _uses(doc: Doc, inner: Span) -> list[int]:
    """Token starts where the abbreviation is used, the declaration included (case-sensitive, whole tokens)."""
    words = [t.text for t in inner]
    n = len(words)
    return [i for i in range(len(doc) - n + 1) if [t.text for t in doc[i:i + n]] == words
            and (i + n == len(doc) or doc[i + n].text not in ("-", "–", "/"))]  # "NSCN" is not "NSCN – K"


def _actor(doc: Doc, start: int, end: int, inner: Span, inside: list[Found], index: KBIndex) -> Found | None:
    """The mention the long form makes: one already there that is the whole form; the KB
    entry that the form or its abbreviation names; else a text-only organisation typed by
    its words (never a place)."""
    whole = next((f for f in inside if (f.start, f.end) == (start, end)), None)
    if whole is not None:
        return whole
    if any(f.end - f.start > 1 and f.key.startswith("kb:") and f.type in ("STATE", "PERSON") for f in inside):
        return None  # "the Syrian Arab Republic": a known state or person's full name
    span = doc[start:end]
    hits = index.kb.lookup(span.text) or index.kb.lookup(inner.text)
    entry = hits[0] if len(hits) == 1 else index.fuzzy(span.text) if not hits else None
    if entry is not None:
        return _kb_found(start, end, entry, "declared")
    if lookup_place(span.text) is not None or sum(t.ent_type_ in ("GPE", "LOC", "FAC") for t in span) * 2 > len(span) \
            or span[-1].lower_ in _PLACE_WORDS:
        return None  # "Khyber Pakhtunkhwa (KP)", "... Province (NLP)": a place
    kind = _shape_type([t.lower_ for t in span], "ORG")
    return Found(start, end, text_key(span.text), span.text, kind, "declared") if kind else None


def declared_abbreviations(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """The mentions with each declared long form made one mention (replacing the pieces NER
    cut it into) and each later use of its abbreviation a mention of the same actor."""
    out = list(found)
    for start, end, inner in _declarations(doc):
        inside = [f for f in out if f.start < end and f.end > start]
        if any(f.start < start or f.end > end for f in inside):
            continue  # a mention runs across the form's edge: the run is not one name
        actor = _actor(doc, start, end, inner, inside, index)
        if actor is None:
            continue
        out = [f for f in out if f not in inside] + [actor]
        for i in _uses(doc, inner):
            here = [f for f in out if f.start < i + len(inner) and f.end > i]
            if all(f.start >= i and f.end <= i + len(inner) and (f.key.startswith("x:") or f.end - f.start < len(inner))
                   for f in here):  # only pieces of the abbreviation, or a text-only name of it
                out = [f for f in out if f not in here]
                out.append(Found(i, i + len(inner), actor.key, actor.name, actor.type, "declared-abbreviation",
                                 actor.kb_id, actor.part_of))
    return sorted(out, key=lambda f: f.start)
