"""Groups named by a proper name and the noun that says what it is: "the Beltran-Leyva cartel".

The small model's NER often cuts such names at a hyphen or tags their first word as a
nationality or place, and then drops the rest ("Beltran" NORP, no group). The noun is the
cue: a capitalised run right before a lower-case group noun ("cartel", "faction",
"militia", "tribe") names a group, unless the run is a nationality ("the Afghan
faction": a description coreference resolves), a date, or a name the knowledge base
already links (kept as it is).
"""
from __future__ import annotations

from functools import cache

from spacy.tokens import Doc

from dyad.nlp.abbreviations import _capitalised, capitalised_run
from dyad.nlp.mentions import Found, KBIndex, text_key
from dyad.nlp.pipeline import lexicon

_NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


@cache
def _nouns() -> dict[str, str]:
    """Group noun -> the type of actor a name before it is."""
    lex = lexicon("actors")
    return {**{w: "ARMED_GROUP" for w in [*lex["group_set_nouns"], "gang"]},
            **{w: "TRIBE" for w in lex["tribe_words"] if not w.endswith("s")}}


def group_name_mentions(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """The mentions with each "<Name> <group noun>" made one group mention; text-only
    pieces of the name give way to it."""
    nouns = _nouns()
    out = list(found)
    for tok in doc:
        kind = nouns.get(tok.text)
        if kind is None or tok.pos_ != "NOUN" or tok.i == tok.sent.start:
            continue
        start = capitalised_run(doc, tok.i, tok.sent.start, min_words=1)
        if start is None:
            continue
        while start < tok.i and doc[start].pos_ != "PROPN":
            start += 1  # "Elders of the Marrow tribe": the name starts on a proper noun
        run = doc[start:tok.i]
        if not len(run):
            continue
        here = [f for f in out if f.start < tok.i + 1 and f.end > start]
        if any(not f.key.startswith("x:") or f.start < start or f.end > tok.i + 1 for f in here) \
                or not all(t.pos_ == "PROPN" or not _capitalised(t) or doc[t.i - 1].text == "-" for t in run) \
                or any(t.ent_type_ in _NOT_NAMES or t.tag_ == "POS" for t in run) or run.text.lower() in index.demonyms \
                or len(run) == 1 and run[0].ent_type_ == "NORP":
            continue  # a known name, a longer one, a creed or nationality, a date, someone's ("Kony's group")
        name = doc[start:tok.i + 1].text
        out = [f for f in out if f not in here] + [Found(start, tok.i + 1, text_key(name), name, kind, "named-group")]
    return sorted(out, key=lambda f: f.start)
