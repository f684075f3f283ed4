"""Candidate actor pairs of a document, described by what the rules and the parse know.

The rules no longer decide which interactions a text states; they describe. Every
ordered pair of actors that two mentions of one sentence name is a candidate, and each
sentence where the pair meets contributes features: the dependency path between the
two mentions, the words between and around them, the trigger words of the lexicon and
whether they sit on that path, the interactions the role rules read, negation and
modality, the mentions' cues. A learned model (``dyad.learn.model``) then weighs them.

Features are plain strings, so the same description serves a linear model, a boosted
one, or an analyst reading why a claim was made.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.tokens import Doc, Span, Token

from dyad.nlp.interactions import ACTING_TYPES, Candidate, Trigger, find_triggers, is_place_use
from dyad.nlp.mentions import Found
from dyad.ontology import SYMMETRIC

# Actor types that can end a candidate pair: those the rules let act, and an organisation of
# unknown kind, which may still be a party (the model weighs the types; under
# cross-validation adding it raised interaction F1 0.181 -> 0.192).
PAIR_TYPES = ACTING_TYPES | {"OTHER_ORG"}
_CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ", "ADV", "ADP", "PART"})
_MAX_PATH = 6  # dependency paths longer than this are too rare to learn from as a whole


@dataclass(frozen=True)
class PairSentence:
    """One sentence where an ordered pair of actors meets."""

    index: int  # position of the sentence in the document
    features: frozenset[str]
    anchor: int  # token the pair's claim hangs on: a linking trigger, else the path's top word
    triggers: tuple[tuple[int, str], ...] = ()  # (token, type) of lexicon triggers on the pair's path
    spans: tuple[tuple[int, int], tuple[int, int]] = ((0, 0), (0, 0))  # token spans of the two mentions read


@dataclass
class PairCandidate:
    """An ordered pair of actors of one document and everything said of them together."""

    source: str  # actor key
    target: str
    sentences: list[PairSentence] = field(default_factory=list)
    facts: frozenset[str] = frozenset()  # document-level features: types, salience, structure

    def features(self, s: PairSentence) -> frozenset[str]:
        """What the model reads of the pair in one sentence: the sentence's features and
        the pair's document-level facts."""
        return self.facts | s.features


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _cue(m: Found) -> str:
    return m.cue.split(":")[0].split("-")[0]


def _up(tok: Token) -> list[Token]:
    return [tok, *tok.ancestors]


def _arc(path: list[Token]) -> str:
    """The first link from a mention towards the pair's top word, with its preposition."""
    if not path:
        return "self"
    first = path[0]
    if first.dep_ == "pobj" and len(path) > 1:
        return f"pobj:{path[1].lower_}"
    if first.dep_ in ("compound", "poss", "amod", "nmod") and len(path) > 1:
        return f"{first.dep_}:{_lemma(path[1])}"
    return first.dep_


def path_features(a: Token, b: Token) -> tuple[set[str], Token]:
    """Features of the dependency path joining two mention heads, and its top word."""
    up_a, up_b = _up(a), _up(b)
    on_b = {t.i for t in up_b}
    top = next((t for t in up_a if t.i in on_b), up_a[-1])
    path_a = [t for t in up_a if t.i != top.i and top.is_ancestor(t)] if a.i != top.i else []
    path_b = [t for t in up_b if t.i != top.i and top.is_ancestor(t)] if b.i != top.i else []
    arc_a, arc_b = _arc(path_a), _arc(path_b)
    top_word = _lemma(top)
    out = {f"top:{top_word}", f"toppos:{top.pos_}", f"arcA:{arc_a}", f"arcB:{arc_b}",
           f"arcs:{arc_a}|{arc_b}", f"toparcs:{arc_a}|{top_word}|{arc_b}"}
    if len(path_a) + len(path_b) <= _MAX_PATH:
        out.add("path:" + ">".join(t.dep_ for t in path_a) + "|" + top.pos_ + "|"
                + "<".join(t.dep_ for t in reversed(path_b)))
    for t in path_a[1:] + path_b[1:]:
        if t.pos_ in ("VERB", "NOUN", "ADP"):
            out.add(f"on:{_lemma(t)}")
    return out, top


def _between(doc: Doc, ma: Found, mb: Found, covered: set[int]) -> set[str]:
    first, second, tag = (ma, mb, "bw") if ma.start < mb.start else (mb, ma, "bwr")
    words = [t for t in doc[first.end:second.start] if t.i not in covered]
    out = {f"gap:{min(len(words), 8) // 2}"}
    out |= {f"{tag}:{_lemma(t)}" for t in words if t.pos_ in _CONTENT_POS or t.lower_ in ("and", "or")}
    if len(words) <= 1 and all(t.lower_ in ("and", "or", ",", "/") for t in words):
        out.add("joined")  # "X and Y", "X/Y": listed together
    return out


def _sentence_words(sent: Span, covered: set[int]) -> set[str]:
    out = set()
    for t in sent:
        if t.i in covered or not t.is_alpha or t.is_stop and t.dep_ != "neg":
            continue
        if t.pos_ in ("VERB", "NOUN", "ADJ"):
            out.add(f"w:{_lemma(t)}")
        if t.dep_ == "neg":
            out.add("neg")
        if t.tag_ == "MD":
            out.add(f"modal:{_lemma(t)}")
    return out


def _closest(ma: list[Found], mb: list[Found]) -> tuple[Found, Found]:
    return min(((x, y) for x in ma for y in mb if x.start != y.start),
               key=lambda p: abs(p[0].start - p[1].start), default=(ma[0], mb[0]))


def _trigger_features(triggers: list[Trigger], on_path: set[int], lo: int, hi: int,
                      arcs: str) -> tuple[set[str], list[tuple[int, str]]]:
    out, linked = set(), []
    for trig in triggers:
        out.add(f"trg:{trig.type}")
        if trig.token.i in on_path or trig.anchor.i in on_path:
            out |= {f"trgpath:{trig.type}", f"trgpath:{trig.type}|{arcs}"}
            linked.append((trig.anchor.i, trig.type))
        elif lo <= trig.token.i < hi:
            out.add(f"trgbw:{trig.type}")
    return out, linked


PARSED, FALLBACK = 2, 1  # how the role rules proposed a type for a pair: from the parse, or nearest mention


def rule_proposals(features: frozenset[str], types: tuple[str, ...]) -> np.ndarray:
    """For each type, whether the role rules read it for the pair in this sentence: PARSED
    from the parse, FALLBACK from the nearest-mention guess, else 0. Rule proposals are a
    population of candidates of their own, which the model claims at a threshold of its own."""
    return np.array([PARSED if any(tag in features for tag in parsed) else
                     FALLBACK if any(tag in features for tag in guessed) else 0
                     for parsed, guessed in _proposal_tags(types)], dtype=np.int8)


@lru_cache(maxsize=4)
def _proposal_tags(types: tuple[str, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """Per type, the features that say the rules read it from the parse, and at all (a
    reversed reading counts for a symmetric type)."""
    out = []
    for t in types:
        tags = (f"rule:{t}", *([f"rulerev:{t}"] if t in SYMMETRIC else []))
        out.append((tuple(f"{tag}:parse" for tag in tags), tags))
    return out


def _rule_features(rules: list[Candidate], a: str, b: str) -> set[str]:
    out = set()
    for c in rules:
        fallback = "fb" if "fallback" in c.cue else "parse"
        if (c.source.key, c.target.key) == (a, b):
            out |= {f"rule:{c.type}", f"rule:{c.type}:{fallback}"}
        elif (c.source.key, c.target.key) == (b, a):
            out |= {f"rulerev:{c.type}", f"rulerev:{c.type}:{fallback}"}
    return out


def sentence_pairs(sent: Span, index: int, mentions: list[Found], rules: list[Candidate],
                   covered: set[int]) -> dict[tuple[str, str], PairSentence]:
    """Every ordered pair of distinct acting actors named in one sentence, described."""
    doc = sent.doc
    by_key: dict[str, list[Found]] = defaultdict(list)
    for m in mentions:
        if m.type in PAIR_TYPES:
            by_key[m.key].append(m)
    if len(by_key) < 2:
        return {}
    words = _sentence_words(sent, covered)
    triggers = find_triggers(sent, covered)
    general = words | {f"nact:{min(len(by_key), 5)}"}
    if index == 0:
        general.add("first")
    out = {}
    for a, ma in by_key.items():
        for b, mb in by_key.items():
            if a == b:
                continue
            x, y = _closest(ma, mb)
            ra, rb = x.span(doc).root, y.span(doc).root
            feats, top = path_features(ra, rb)
            on_path = {t.i for t in _up(ra) if top.is_ancestor(t) or t.i == top.i} | {
                t.i for t in _up(rb) if top.is_ancestor(t) or t.i == top.i}
            lo, hi = sorted((x.start, y.start))
            arcs = next(f for f in feats if f.startswith("arcs:"))[5:]
            trig, linked = _trigger_features(triggers, on_path, lo, hi, arcs)
            feats |= trig | general | _between(doc, x, y, covered) | _rule_features(rules, a, b)
            feats |= {f"cueA:{_cue(x)}", f"cueB:{_cue(y)}", "order:AB" if x.start < y.start else "order:BA"}
            if is_place_use(x, doc):
                feats.add("placeA")
            if is_place_use(y, doc):
                feats.add("placeB")
            anchor = linked[0][0] if linked else top.i
            out[(a, b)] = PairSentence(index, frozenset(feats), anchor, tuple(linked),
                                       ((x.start, x.end), (y.start, y.end)))
    return out


# Path features of one sentence that, seen in any sentence of the pair, tell a row what the
# document says of the two elsewhere: the word joining them, the words on the path, a
# trigger on it with the mentions' arcs (under cross-validation, micro F1 0.247 -> 0.251).
_DOCUMENT_PATH = ("rule:", "rulerev:", "trgpath:", "top:", "on:")


def _elsewhere(pair: PairCandidate) -> set[str]:
    """What any sentence of the pair says that types it or joins the two: a trigger on the
    pair's path, a type the rules read, the words on the path. A row then knows whether
    the document ever links the two, not only whether this sentence does."""
    out = {f"anytrg:{t}" for s in pair.sentences for _, t in s.triggers}
    out |= {f"any{f}" for s in pair.sentences for f in s.features if f.startswith(_DOCUMENT_PATH)}
    return out


def _same_country(a: frozenset[str] | None, b: frozenset[str] | None) -> str:
    """Whether two actors share a theatre: a state and its own force, a group and the state
    it fights at home, or a foreign patron. Unknown when either is text-only."""
    return "?" if not (a and b) else "same" if a & b else "diff"


def _salience(found: list[Found]) -> dict[str, int]:
    counts = Counter(f.key for f in found)
    ranked = [k for k, _ in counts.most_common()]
    return {k: ranked.index(k) + 1 for k in counts}


def document_pairs(doc: Doc, found: list[Found], types: dict[str, str], rules_by_sentence: dict[int, list[Candidate]],
                   structure: set[tuple[str, str, str]], same: set[frozenset[str]],
                   countries: dict[str, frozenset[str]] | None = None) -> list[PairCandidate]:
    """All candidate pairs of a parsed document.

    ``types`` maps actor keys to their types, ``rules_by_sentence`` the role rules' reading
    of each sentence, ``structure`` the (source, target, type) edges known for the
    document, ``same`` pairs of keys proposed to be one actor (never a pair), ``countries``
    the theatres the knowledge base gives an actor."""
    countries = countries or {}
    covered = {i for f in found for i in range(f.start, f.end)}
    pairs: dict[tuple[str, str], PairCandidate] = {}
    sents = list(doc.sents)
    starts = [s.start for s in sents]
    in_sent: dict[int, list[Found]] = defaultdict(list)
    for f in found:
        in_sent[bisect.bisect_right(starts, f.start) - 1].append(f)
    for i, sent in enumerate(sents):
        for key, view in sentence_pairs(sent, i, in_sent.get(i, []), rules_by_sentence.get(i, []), covered).items():
            if frozenset(key) in same:
                continue
            pairs.setdefault(key, PairCandidate(*key)).sentences.append(view)
    rank = _salience(found)
    for (a, b), pair in pairs.items():
        ta, tb = types.get(a, "?"), types.get(b, "?")
        n = len(pair.sentences)
        facts = {f"tA:{ta}", f"tB:{tb}", f"tt:{ta}|{tb}", f"salA:{min(rank.get(a, 9), 4)}",
                 f"salB:{min(rank.get(b, 9), 4)}", f"nsent:{n if n < 3 else '3+'}",
                 f"kb:{a[:2]}|{b[:2]}"}
        facts |= _elsewhere(pair)
        home = _same_country(countries.get(a), countries.get(b))
        facts |= {f"cty:{home}", f"ctt:{home}|{ta}|{tb}"}
        facts |= {f"st:{t}" for s, g, t in structure if (s, g) == (a, b)}
        facts |= {f"strev:{t}" for s, g, t in structure if (s, g) == (b, a)}
        pair.facts = frozenset(facts)
    return list(pairs.values())
