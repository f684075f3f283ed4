"""Find the stretches of a parsed document that name or describe an actor.

Four cues, strongest first: knowledge-base names (entity ruler), descriptions used as
names ("Hamas' military wing", "IS operatives in Sinai"), demonym phrases ("Egyptian
troops", "the Colombian government") and, for groups the KB does not know, spaCy's
NER filtered by name-shape cues ("... Brigades", "Wilayat ...", "... tribe").
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property

from spacy.tokens import Doc, Span, Token

from dyad.kb import ARABIC_ARTICLES, KBControl, KBEntry, KnowledgeBase, normalise_name
from dyad.nlp.names import fold, same_name
from dyad.nlp.pipeline import lexicon
from dyad.nlp.places import lookup_place
from dyad.nlp.state_reference import DocumentStates, default_linker


@dataclass
class Found:
    """An actor mention on token offsets of a spaCy Doc."""

    start: int
    end: int
    key: str
    name: str
    type: str
    cue: str
    kb_id: str | None = None
    part_of: str | None = None  # key of the parent, when the mention itself says so

    def span(self, doc: Doc) -> Span:
        return doc[self.start:self.end]


_FUZZY_TYPES = {"ARMED_GROUP", "POLITICAL_ORG", "TRIBE"}
_GENERIC_PLACE_WORDS = {"peninsula", "strip", "region", "province", "state", "north", "south", "east", "west",
                        "northern", "southern", "eastern", "western", "central", "valley", "desert", "city"}


def kb_key(entry: KBEntry) -> str:
    return f"kb:{entry.id}"


def text_key(name: str) -> str:
    return f"x:{fold(name)}"


class KBIndex:
    """Views of the knowledge base the extractor needs: children by edge type, demonyms."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self.children: dict[tuple[str, str], list[KBEntry]] = {}
        for entry in kb.entries.values():
            for edge in entry.structure:
                self.children.setdefault((edge.target, edge.type), []).append(entry)

    @cached_property
    def demonyms(self) -> dict[str, KBEntry]:
        out = {}
        for entry in self.kb.entries.values():
            for d in entry.demonyms:
                out.setdefault(d.lower(), entry)
        return out

    @cached_property
    def _states_by_iso(self) -> dict[str, KBEntry]:
        out: dict[str, KBEntry] = {}
        for entry in self.kb.entries.values():
            if entry.type == "STATE" and entry.iso2:
                out.setdefault(entry.iso2.upper(), entry)
        return out

    def state_by_iso(self, code: str) -> KBEntry | None:
        """The KB state of an ISO-3166 alpha-2 code."""
        return self._states_by_iso.get(code.upper())

    @cached_property
    def holders(self) -> dict[str, list[tuple[KBEntry, KBControl]]]:
        """Folded place name -> the actors the KB says hold it, with when."""
        out: dict[str, list[tuple[KBEntry, KBControl]]] = {}
        for entry in self.kb.entries.values():
            for control in entry.controls:
                for name in control.names:
                    out.setdefault(fold(name), []).append((entry, control))
        return out

    @cached_property
    def holder_first_words(self) -> frozenset[str]:
        """First words of held places' names: a cheap test before folding a candidate."""
        return frozenset(c.split()[0].lower() for entry in self.kb.entries.values()
                         for control in entry.controls for c in control.names)

    def holder(self, place: str, when: str | None) -> KBEntry | None:
        """The one actor holding ``place`` at ``when`` ("Gaza" in 2017: Hamas), if any."""
        found = {e.id: e for e, c in self.holders.get(fold(place), []) if c.held_at(when)}
        return next(iter(found.values())) if len(found) == 1 else None

    @cached_property
    def capitals(self) -> dict[str, KBEntry]:
        """A state by its capital: "Tehran encouraged ..." is Iran acting."""
        return {e.capital: e for e in self.kb.entries.values() if e.type == "STATE" and e.capital}

    @cached_property
    def _by_shape(self) -> dict[tuple[int, str], list[tuple[str, KBEntry]]]:
        out: dict[tuple[int, str], list[tuple[str, KBEntry]]] = {}
        for surface, entry, kind in self.kb.names():
            words = fold(surface).split()
            if kind != "ambiguous" and words:
                out.setdefault((len(words), words[0][:1]), []).append((surface, entry))
        return out

    def fuzzy(self, name: str) -> KBEntry | None:
        """The one KB group with a name that is another spelling of ``name`` ("Wilayat al-Sina")."""
        words = fold(name).split()
        if not words:
            return None
        hits = {entry.id: entry for surface, entry in self._by_shape.get((len(words), words[0][:1]), [])
                if entry.type in _FUZZY_TYPES and same_name(surface, name)}
        return next(iter(hits.values())) if len(hits) == 1 else None

    def state_force(self, state: KBEntry, kind: str) -> KBEntry | None:
        """The KB's named force of a state for a kind ('military', 'police', ...), if unique."""
        words = {"military": ("army", "armed forces", "defense forces", "defence forces", "military"),
                 "police": ("police",), "border": ("border",), "intelligence": ("intelligence",)}[kind]
        hits = [c for c in self.children.get((state.id, "PART_OF"), [])
                if c.type == "STATE_FORCE" and any(w in fold(n) for n in (c.name, *c.aliases) for w in words)]
        return hits[0] if len(hits) == 1 else None

    def affiliate_in(self, parent: KBEntry, place: str,
                     edges: tuple[str, ...] = ("AFFILIATE_OF", "PART_OF")) -> KBEntry | None:
        """The parent's province or affiliate (or unit) whose name carries the place ("Sinai")."""
        words = set(fold(place).split()) - _GENERIC_PLACE_WORDS
        if not words:
            return None
        for edge in edges:
            for child in self.children.get((parent.id, edge), []):
                if any(words & set(fold(n).split()) for n in (child.name, *child.aliases)):
                    return child
        return None

    @cached_property
    def _surnames(self) -> dict[str, list[KBEntry]]:
        out: dict[str, list[KBEntry]] = {}
        for entry in self.kb.entries.values():
            if entry.type == "PERSON" and len(fold(entry.name).split()) > 1:
                out.setdefault(fold(entry.name).split()[-1], []).append(entry)
        return out

    def person_by_surname(self, word: str) -> KBEntry | None:
        """The one KB person whose name ends with this word ("Mumin")."""
        hits = self._surnames.get(fold(word), [])
        return hits[0] if len(hits) == 1 else None

    def state_of(self, force: KBEntry) -> KBEntry | None:
        """The state a force belongs to, following PART_OF edges up."""
        seen = set()
        cur = force
        while cur is not None and cur.id not in seen:
            seen.add(cur.id)
            if cur.type == "STATE":
                return cur
            cur = next((self.kb.get(e.target) for e in cur.structure if e.type == "PART_OF"), None)
        return None

    def splinter_of(self, parent: KBEntry, noun: str) -> KBEntry | None:
        """The parent's splinter named by a noun such as "dissidents"."""
        stem = fold(noun).rstrip("s")
        kids = self.children.get((parent.id, "SPLINTER_OF"), [])
        by_name = [c for c in kids if stem in fold(c.name)]
        hits = by_name or [c for c in kids if any(stem in fold(n) for n in c.aliases)]
        return hits[0] if len(hits) == 1 else None

    def wing_of(self, parent: KBEntry) -> KBEntry | None:
        """The parent's armed wing: its one PART_OF child that is an armed group."""
        kids = [c for c in self.children.get((parent.id, "PART_OF"), []) if c.type == "ARMED_GROUP"]
        winged = [c for c in kids if any("wing" in fold(d) for d in c.descriptions)]
        return (winged or kids)[0] if len(winged) == 1 or len(kids) == 1 else None


def _kb_found(start: int, end: int, entry: KBEntry, cue: str) -> Found:
    return Found(start, end, kb_key(entry), entry.name, entry.type, cue, entry.id)


_SUBNATIONAL = {"State", "Province", "Region", "Governorate", "District", "County", "Prefecture"}


def kb_mentions(doc: Doc, index: KBIndex) -> list[Found]:
    out = []
    for ent in doc.ents:
        entry = index.kb.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is None or _common_noun_use(ent, entry):
            continue
        if entry.type == "TRIBE" and _earlier_surname(ent):
            continue  # "Al-Shammari explained", after "Ibrahim al-Shammari": the man, not the tribe
        if entry.type == "STATE" and ent.end < len(doc) and doc[ent.end].text in _SUBNATIONAL:
            continue  # "Niger State", "Borno State": a province, not the country
        out.append(_kb_found(ent.start, ent.end, entry, "kb"))
    return out


_APOSTROPHE_TOKENS = frozenset({"'", "’", "'s", "’s"})
_LONGEST_NAME = 6  # words after the state in "<State> ... <Group noun>"


@cache
def _demonym_phrases() -> dict[str, list[list[str]]]:
    """The words after a state or its demonym that name it or a force of it, by kind, split."""
    return {k: [p.split() for p in v] for k, v in lexicon("actors")["demonym_nouns"].items()}


@cache
def _any_demonym_phrase() -> list[list[str]]:
    return [p for v in _demonym_phrases().values() for p in v]


def _group_name_end(doc: Doc, f: Found) -> int | None:
    """End of the group name a KB state's mention opens: a capitalised run after it ending in
    a group noun. None for a possessive state or one its own forces follow."""
    if f.type != "STATE" or f.cue != "kb" or f.end >= len(doc) or doc[f.end].text in _APOSTROPHE_TOKENS \
            or _phrase_at(doc, f.end, _any_demonym_phrase()):
        return None
    group_words, end = lexicon("actors")["armed_group_words"], None
    for j in range(f.end, min(f.end + _LONGEST_NAME, len(doc))):
        if not (doc[j].is_title or doc[j].text in _APOSTROPHE_TOKENS):
            break
        if j > f.end and doc[j].lower_ in group_words:
            end = j + 1
    return end


def state_led_names(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """The mentions with "the Arcadia Freedom Front" one group: a state's name opening a
    capitalised run that ends in a group noun. The KB ruler took the state, so NER could
    never see the name it opens. A possessive state ("Arcadia's Freedom Front") and its own
    forces ("Arcadia Security Forces") stay the state's."""
    out = []
    for f in found:
        end = _group_name_end(doc, f)
        if end is None:
            out.append(f)
            continue
        name = doc[f.start:end].text
        known = [e for e in index.kb.lookup(name) if not _only_ambiguously(e, name)]
        out.append(_kb_found(f.start, end, known[0], "kb-spelling") if len(known) == 1 else
                   Found(f.start, end, text_key(name), name, "ARMED_GROUP", "shape"))
    return out


def _earlier_surname(ent: Span) -> Span | None:
    """The person named in full before an entity that is a lone surname of theirs ("Qasim",
    "Al-Shammari"), if any."""
    words = [t for t in ent if t.text != "-" and t.lower_ not in ("al", "el")]
    if len(words) != 1 or len(ent) > 3:
        return None
    last = words[0].lower_
    before = [e for e in ent.doc.ents if e.end <= ent.start and e.label_ == "PERSON" and len(e) > 1]
    return next((e for e in reversed(before) if e[-1].lower_ == last), None)


def _common_noun_use(span: Span, entry: KBEntry) -> bool:
    """"an Islamic state", "a popular front": a capitalised name written in lower case is a
    common noun phrase, not the group (names are matched case-insensitively). A proper noun
    with a lower-case kind word ("the Gulf clan") is still the name."""
    capital_only = _capital_only_words(entry)
    lowered = [t for t in span if t.text[:1].islower() and t.lower_ in capital_only]
    if not lowered:
        return False
    named = [t for t in span if t.text[:1].isupper()]
    return not (named and all(t.pos_ == "PROPN" for t in named) and all(t.lower_ in _kind_words() for t in lowered))


@cache
def _kind_words() -> frozenset[str]:
    """Words that say what kind of actor a name is ("clan", "brigades", "front")."""
    lex = lexicon("actors")
    return frozenset(lex["tribe_words"]) | frozenset(lex["armed_group_words"])


@cache
def _capital_only_words(entry: KBEntry) -> frozenset[str]:
    """Words an entry's names always capitalise."""
    words = [w for f in (entry.name, *entry.aliases, *entry.ambiguous_aliases) for w in f.replace("-", " ").split()]
    return frozenset(w.lower() for w in words if w[:1].isupper()) - {w.lower() for w in words if w[:1].islower()}


def _phrase_at(doc: Doc, i: int, phrases: list[list[str]]) -> int:
    """Length of the longest phrase starting at token i (0 when none)."""
    best = 0
    for words in phrases:
        n = len(words)
        if n > best and i + n <= len(doc) and [t.lower_ for t in doc[i:i + n]] == words:
            best = n
    return best


_DEMONYM_WORDS = 3  # the longest demonyms: "Papua New Guinean"


def _demonym_at(doc: Doc, i: int, index: KBIndex) -> tuple[int, KBEntry | None]:
    """The longest demonym starting at token ``i`` ("Sri Lankan", "South Sudanese",
    "Iranian"), as (end token, state); (i, None) when there is none."""
    for n in range(min(_DEMONYM_WORDS, len(doc) - i), 0, -1):
        words = doc[i:i + n]
        if n > 1 and not all(t.text[:1].isupper() for t in words):
            continue
        state = index.demonyms.get(" ".join(t.lower_ for t in words))
        if state is not None:
            return i + n, state
    return i, None


def demonym_mentions(doc: Doc, index: KBIndex) -> list[Found]:
    """"Egyptian troops" -> the Egyptian army (PART_OF Egypt); "Colombian government" -> Colombia."""
    lex = lexicon("actors")
    kinds = _demonym_phrases()
    out, after = [], 0
    for tok in doc:
        end, state = _demonym_at(doc, tok.i, index) if tok.text[:1].isupper() and tok.i >= after else (tok.i, None)
        if state is None:
            continue
        after = end  # "South Sudanese": not also "Sudanese"
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in (
                lex["affiliation_affixes"] + lex["state_affixes"]):
            out.append(_kb_found(tok.i, end, state, "demonym"))  # "Iranian-backed": Iran, as a modifier
            continue
        if end < len(doc) and doc[end].lower_ in ("and", ",") and any(
                _phrase_at(doc, j, kinds["state"]) for j in range(end + 1, min(end + 5, len(doc)))):
            out.append(_kb_found(tok.i, end, state, "demonym:coordinated"))  # "Egyptian and Hamas officials"
            continue
        j = end
        while j < len(doc) and (doc[j].pos_ == "ADJ" or doc[j].lower_ in _GOVERNMENT_QUALIFIERS) and j - tok.i < 3 \
                and not _phrase_at(doc, j, _any_demonym_phrase()):
            j += 1
        for kind, phrases in kinds.items():
            n = _phrase_at(doc, j, phrases)
            if not n:
                continue
            if kind == "state":
                if j + n < len(doc) and doc[j + n].pos_ == "PROPN" and doc[j + n].ent_type_ == "PERSON":
                    break  # "Syrian President Bashar Assad": a title, the person acts
                out.append(_kb_found(tok.i, j + n, state, "demonym"))
            else:
                out.append(_force_found(tok.i, j + n, state, kind, index, "demonym"))
            break
    return out


def _force_found(start: int, end: int, state: KBEntry, kind: str, index: KBIndex, cue: str) -> Found:
    """A state's force of a kind: the KB's own entry, or one named after the state."""
    force = index.state_force(state, kind)
    if force is not None:
        return _kb_found(start, end, force, cue)
    name = f"{(state.demonyms or [state.name])[0]} {lexicon('actors')['force_names'][kind]}"
    return Found(start, end, f"kb:{state.id}#{kind}", name, "STATE_FORCE", cue, part_of=kb_key(state))


def generic_force_spans(doc: Doc, found: list[Found]) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each phrase that names a state's force, or the state, without
    the state: "clashes between government forces and ...", "attack the security forces".
    The phrase must be the whole noun phrase (after "the"), owned by no one."""
    kinds = [(k, tuple(p.split())) for k, v in lexicon("actors")["generic_forces"].items() for p in v]
    heads = {words[-1] for _, words in kinds}
    taken = {i for f in found for i in range(f.start, f.end)}
    out = []
    for tok in doc:
        if tok.lower_ not in heads or tok.i in taken or tok.dep_ in ("compound", "amod") \
                or any(c.dep_ == "poss" for c in tok.children):
            continue
        match = next(((k, len(w)) for k, w in kinds if w[-1] == tok.lower_ and tok.i + 1 >= len(w)
                      and tuple(t.lower_ for t in doc[tok.i + 1 - len(w):tok.i + 1]) == w), None)
        if match is None:
            continue
        kind, n = match
        start = tok.i + 1 - n
        before = doc[start - 1] if start else None
        if before is not None and (before.i in taken or before.lower_ != "the" and (
                before.pos_ in ("ADJ", "PROPN", "NOUN", "NUM") or before.tag_ == "POS")):
            continue  # "Egyptian security forces", "Hamas's police": someone's own
        out.append((start, tok.i + 1, kind))
    return out


def generic_force_mentions(doc: Doc, found: list[Found], index: KBIndex, linker) -> list[Found]:
    """Each generic phrase (:func:`generic_force_spans`) linked to the state ``linker``
    chooses among those the document gives evidence of (:mod:`dyad.nlp.state_reference`);
    a phrase it cannot place stays unlinked."""
    spans = generic_force_spans(doc, found)
    if not spans:
        return []
    states = DocumentStates.read(doc, found, index)
    out = []
    for start, end, kind in spans:
        state_id = linker.link(doc[start:end], states.candidates(states.sentence_of(start)))
        state = index.kb.get(state_id) if state_id else None
        if state is not None and kind == "state":
            out.append(_kb_found(start, end, state, "generic-force"))
        elif state is not None:
            out.append(_force_found(start, end, state, kind, index, "generic-force"))
    return out


def _named_states(found: list[Found]) -> list[str]:
    """KB ids of the states a document names as actors (not as modifiers)."""
    return [f.kb_id for f in found if f.type == "STATE" and f.kb_id and f.cue != "modifier"]


def _main_country(found: list[Found], index: KBIndex) -> str | None:
    """ISO code of the country a document is about, its regions ("Puntland") counted for it."""
    entries = [e for e in map(index.kb.get, _named_states(found)) if e is not None and (e.iso2 or len(e.country) == 1)]
    return _dominant(Counter(e.iso2 or e.country[0] for e in entries))


def _dominant(counts: Counter) -> str | None:
    """The only item counted, at least twice, or one counted at least three times and
    twice as often as any other."""
    ranked = counts.most_common(2)
    if len(ranked) == 1 and ranked[0][1] >= 2:
        return ranked[0][0]
    return ranked[0][0] if ranked and ranked[0][1] >= 3 and ranked[0][1] >= 2 * ranked[1][1] else None


def _party_word(word: str, index: KBIndex) -> KBEntry | None:
    """The actor one half of a pair modifier names: a demonym's state or a unique KB name."""
    hits = index.kb.lookup(word)
    return index.demonyms.get(word.lower()) or (hits[0] if len(hits) == 1 else None)


def _with_state_titles(doc: Doc, found: list[Found]) -> list[Found]:
    """"the Government of India", "the authorities of Niger": the title is part of the state's name."""
    titles = set(lexicon("actors")["demonym_nouns"]["state"])
    out = []
    for f in found:
        if f.type == "STATE" and f.start >= 2 and doc[f.start - 1].lower_ == "of" \
                and doc[f.start - 2].lower_ in titles:
            f = Found(f.start - 2, f.end, f.key, f.name, f.type, f.cue, f.kb_id, f.part_of)
        out.append(f)
    return out


def split_sponsors(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """A name that opens with a party and a hyphenated participle ("Iran-backed Hezbollah",
    a KB description) is two mentions: the party, which only modifies, and the group."""
    affixes = set(lexicon("actors")["affiliation_affixes"])
    out = []
    for f in found:
        cut = next((j for j in range(f.start, f.end - 3) if doc[j + 1].text == "-" and doc[j + 2].lower_ in affixes),
                   None)
        party = _party_word(doc[f.start:cut + 1].text, index) if cut is not None else None
        if party is None or party.id == f.kb_id:
            out.append(f)
            continue
        out.append(_kb_found(f.start, cut + 1, party, f.cue))
        out.append(Found(cut + 3, f.end, f.key, f.name, f.type, f.cue, f.kb_id, f.part_of))
    return out


def pair_mentions(doc: Doc, index: KBIndex, taken: set[int]) -> list[Found]:
    """"Egyptian-Israeli cooperation", "the U.S.-Taliban deal": a hyphenated pair modifying a
    relation noun names both parties to it."""
    nouns = lexicon("interactions")["nouns"]
    out = []
    for tok in doc:
        if tok.dep_ not in ("amod", "compound", "nmod") or tok.head.lemma_.lower() not in nouns:
            continue
        if "-" in tok.text.strip("-"):
            left, right = tok.text.split("-", 1)
            spans = [(tok.i, tok.i + 1), (tok.i, tok.i + 1)]
        elif tok.i >= 2 and doc[tok.i - 1].text in ("-", "–") and doc[tok.i - 2].head.i in (tok.i, tok.head.i):
            left, right = doc[tok.i - 2].text, tok.text
            spans = [(tok.i - 2, tok.i - 1), (tok.i, tok.i + 1)]
        else:
            continue
        parties = [_party_word(left, index), _party_word(right, index)]
        if None in parties or parties[0].id == parties[1].id or any(i in taken for a, b in spans for i in range(a, b)):
            continue
        out += [_kb_found(a, b, entry, "pair-modifier") for (a, b), entry in zip(spans, parties)]
    return out


def with_holders(doc: Doc, found: list[Found], index: KBIndex, when: str | None) -> list[Found]:
    """"sanctuary in Gaza", "Gazan hospitals", "weapons to Gaza": a place the KB says an actor
    holds at the document's date stands for that actor, with cue 'holder' (it replaces a
    guess from NER or name shape there). Only aid that a place's holder gives or gets
    reads it so (see ``interactions``)."""
    taken = {i for f in found if f.cue not in ("ner", "shape") for i in range(f.start, f.end)}
    held = []
    for tok in doc:
        if tok.i in taken or tok.lower_ not in index.holder_first_words:
            continue
        for n in (2, 1):  # "Gaza Strip" before "Gaza"
            span = doc[tok.i:tok.i + n]
            entry = index.holder(span.text, when) if len(span) == n else None
            if entry is not None and not any(i in taken for i in range(span.start, span.end)):
                end = _ruler_end(doc, span.end)  # "Gaza's ruling group" is the holder, a full party
                held.append(_kb_found(span.start, end or span.end, entry, "description:ruler" if end else "holder"))
                taken.update(range(span.start, end or span.end))
                break
    kept = [f for f in found if not any(h.start < f.end and f.start < h.end for h in held)]
    return sorted(kept + held, key=lambda f: f.start)


def _ruler_end(doc: Doc, i: int) -> int | None:
    """End of "'s ruling (terror) group" after a place at token i: the group that rules it."""
    lex = lexicon("actors")
    if doc[i - 1].tag_ == "POS":  # the place's span took its "'s"
        i -= 1
    if i >= len(doc) or doc[i].tag_ != "POS" or doc[i - 1].dep_ != "poss":
        return None
    head = doc[i - 1].head
    if head.lemma_.lower() not in lex["group_anaphors"] or head.i < i:
        return None
    ruling = any(c.lower_ in lex["ruler_words"] for c in head.children if c.dep_ in ("amod", "compound"))
    return head.i + 1 if ruling else None


def capital_mentions(doc: Doc, index: KBIndex, taken: set[int]) -> list[Found]:
    """"encouraged by Tehran", "Cairo eased restrictions": a capital named as an agent is its
    state (named as a place, "in Tehran", it is left out like any state used as a place)."""
    return [_kb_found(e.start, e.end, index.capitals[e.text], "capital") for e in doc.ents
            if e.label_ in ("GPE", "LOC", "ORG", "FAC") and e.text in index.capitals  # the small model calls some ORG
            and not any(i in taken for i in range(e.start, e.end))]


def _shape_type(words: list[str], label: str) -> str | None:
    """Actor type from name shape: group or tribe words in the name; None when not an actor.
    A place-like name ("the Lowland Province") is a group only when the rest of it is no
    known place ("Helmand Province" stays a province)."""
    lex = lexicon("actors")
    if any(w in lex["tribe_words"] for w in words):
        return "TRIBE"
    group_words = [w for w in words if w in lex["armed_group_words"]]
    if group_words and label in ("ORG", "PERSON", "NORP", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"):
        return "ARMED_GROUP"
    rest = " ".join(w for w in words if w not in lex["armed_group_words"] and w not in ("the", "of"))
    if group_words and label in ("GPE", "LOC") and rest and lookup_place(rest) is None:
        return "ARMED_GROUP"
    if label == "PERSON":
        return "PERSON"
    if label == "ORG":
        return "OTHER_ORG"
    return None


def _trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return doc[start:end]


_GOVERNMENT_QUALIFIERS = {"federal", "transitional", "interim", "national", "central", "provisional", "military"}
_NAME_LABELS = {"ORG", "PERSON", "NORP", "GPE", "FAC", "LOC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"}


_ARTICLES = frozenset({"a", *ARABIC_ARTICLES})  # and "a-", the article written as its sound


def _over_articles(span: Span) -> Span:
    """"Liwa a-Tawhid", "Jaysh al-Tilal": NER often cuts a transliterated name at its
    hyphenated article, keeping one side. The name runs on over "<article>-<Capitalised>"
    on either side."""
    doc, start, end = span.doc, span.start, span.end
    if not len(span):
        return span
    while start >= 3 and doc[start - 1].text == "-" and doc[start - 2].lower_ in _ARTICLES \
            and doc[start - 3].is_title and doc[start - 3].pos_ == "PROPN":
        start -= 3
    while end + 2 < len(doc) and doc[end].lower_ in _ARTICLES and doc[end + 1].text == "-" \
            and doc[end + 2].is_title:
        end += 3
    return doc[start:end]


def _extend_with_group_noun(span: Span) -> Span:
    """"the Banu Qasim tribe": NER stops before the common noun that says what the name is."""
    lex = lexicon("actors")
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if len(span) and nxt is not None and nxt.lower_ in lex["tribe_words"] + lex["armed_group_words"] and nxt.pos_ == "NOUN":
        return span.doc[span.start:span.end + 1]
    return span


def _described_kind(ent: Span, span: Span) -> bool:
    """"the Islamist group", "this Shiite movement": an adjective of creed or nation before a
    common group noun describes a group named elsewhere (coref resolves it); it names none."""
    before = span.doc[span.start - 1] if span.start else None
    return ent.label_ == "NORP" and span.end > ent.end and span[-1].is_lower and before is not None \
        and before.lower_ in ("the", "this", "that") and span[-1].lower_ in lexicon("actors")["armed_group_words"]


def _named_as_place(span: Span) -> bool:
    """"the city of Jisr al-Shughur", "from southern Libya and al Jufra": the syntax says a
    name the tagger took for a person or group is a place."""
    words = lexicon("places")
    before = span.doc[max(span.start - 2, 0):span.start]
    if len(before) == 2 and before[1].lower_ == "of" and before[0].lemma_.lower() in words["generic_words"]:
        return True
    root = span.root
    if root.dep_ == "conj" and span.label_ == "PERSON":
        head = root.head
        return head.ent_type_ in ("GPE", "LOC", "STATE") and head.dep_ == "pobj" \
            and head.head.lower_ in words["place_prepositions"]
    return False


def _only_ambiguously(entry: KBEntry, name: str) -> bool:
    """Whether the entry is known by this name only as an ambiguous alias: the document's
    countries decide those (:mod:`dyad.nlp.ambiguous`), not the name alone."""
    folded = normalise_name(name)
    return all(normalise_name(f) != folded for f, kind in entry.surface_forms() if kind != "ambiguous")


def ner_mentions(doc: Doc, index: KBIndex) -> list[Found]:
    """Actors the KB does not know: NER entities that pass the name-shape cues. A lone word
    that is the surname of a person named earlier is that person, whatever NER calls it."""
    out = []
    for ent in doc.ents:
        known = index.kb.get(ent.ent_id_) if ent.ent_id_ else None
        person = _earlier_surname(ent) if known is None or known.type == "TRIBE" else None
        if person is not None and ent.label_ == "PERSON" and (
                index.person_by_surname(ent.text) is not None or _listed_with_tribes(ent)):
            person = None  # a known person's surname, or a tribe in a list of tribes
        if person is not None:  # the person named before, whatever NER calls the surname
            out.append(Found(ent.start, ent.end, text_key(person.text), person.text, "PERSON", "ner"))
            continue
        if ent.ent_id_ or ent.label_ not in _NAME_LABELS or ent.text.lower() in index.demonyms:  # "Ugandan", whatever NER calls it
            continue
        span = _extend_with_group_noun(_over_articles(_trim(ent)))
        if not len(span) or _named_as_place(ent) or _described_kind(ent, span):
            continue
        if len(span) == 2 and span[0].is_upper and len(span[0]) > 1 and span[1].lemma_.lower() in lexicon("actors")["combatant_nouns"]:
            span = span[:1]  # "RHB fighters" are the RHB
        known = index.kb.lookup(span.text)
        hits = [e for e in known if not _only_ambiguously(e, span.text)]
        # a name the KB holds only as ambiguous is no misspelling of another: context decides it
        entry = hits[0] if len(hits) == 1 else index.fuzzy(span.text) if not known and len(span) > 1 else None
        if entry is None and not hits and ent.label_ == "PERSON" and len(span) == 1:
            entry = index.person_by_surname(span.text)
        if entry is not None:
            out.append(_kb_found(span.start, span.end, entry, "kb-spelling"))
            continue
        if _kind_word_at_start(span[0]) and all(t.lower_ in _kind_words() for t in span):
            continue  # "Clan members said": a kind word capitalised by its place, no name
        kind = _shape_type([t.lower_ for t in span], ent.label_)
        after = doc[span.end] if span.end < len(doc) else None
        if kind == "OTHER_ORG" and after is not None and after.lemma_.lower() in lexicon("actors")["combatant_nouns"]:
            kind = "ARMED_GROUP"  # "three CCSMR commanders": an organisation with commanders is armed
        if kind is None or (kind == "PERSON" and span[-1].tag_ in ("NNS", "NNPS")):
            continue
        if kind in ("PERSON", "OTHER_ORG") and not _has_name_word(span):
            continue  # "Fierce fighting erupted": NER took a capitalised common word for a name
        if kind in ("PERSON", "OTHER_ORG") and lookup_place(span.text, own_names_only=True) is not None:
            continue  # a town the model took for a person or organisation
        if kind in ("PERSON", "OTHER_ORG") and _listed_with_tribes(span):
            kind = "TRIBE"  # "the Sawarkah, Barikat and al-Mani'i tribes"
        name = _without_kin_plural(span) if kind == "TRIBE" else span.text
        out.append(Found(span.start, span.end, text_key(name), name, kind,
                         "shape" if kind not in ("PERSON", "OTHER_ORG") else "ner"))
    return out


def _has_name_word(span: Span) -> bool:
    """Whether a span has a word that names: a proper noun or an acronym that is not an
    article ("al" cut off "al-Assad" names nothing)."""
    return any((t.pos_ == "PROPN" or t.is_upper and len(t) > 1) and t.lower_ not in _ARTICLES for t in span)


def _kind_word_at_start(tok) -> bool:
    """A tribe or group word opening a sentence ("Clan militias have ..."): capitalised by
    its place, not a name."""
    return tok.is_sent_start and tok.lower_ in _kind_words()


def _listed_with_tribes(span: Span) -> bool:
    """A name in a list headed by a plural kin noun ("X, Y and Z tribes") is a tribe."""
    kin = set(lexicon("actors")["tribe_words"])

    def plural_kin(tok) -> bool:
        return tok.lemma_.lower() in kin and tok.tag_ in ("NNS", "NNPS")

    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    listed = [first, *first.conjuncts]
    return plural_kin(first.head) and first.dep_ in ("nmod", "compound", "amod") or any(map(plural_kin, listed))


def _without_kin_plural(span: Span) -> str:
    """"al-Mani'i tribes" names the al-Mani'i: a plural kin noun closing a list is no part of each name."""
    last = span[-1]
    if len(span) > 1 and last.tag_ in ("NNS", "NNPS") and last.lower_ in lexicon("actors")["tribe_words"]:
        return span[:-1].text
    return span.text


def _tribal_force_end(doc: Doc, i: int, lex: dict) -> int | None:
    """End of "(subclan|clan) militias" after a tribe's name at token i, else None."""
    while i < len(doc) and doc[i].lower_ in lex["tribe_words"]:
        i += 1
    return i + 1 if i < len(doc) and doc[i].lemma_.lower() in lex["tribal_force_nouns"] else None


def rewrite_descriptions(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """Read descriptions used as names: "<Group>'s military wing", "<Group> (operatives) in <Place>"."""
    lex = lexicon("actors")
    out = []
    for f in found:
        entry = index.kb.get(f.kb_id) if f.kb_id else None
        if entry is None:
            out.append(f)
            continue
        end = f.end
        nxt = doc[end:end + 4]
        # "<Group>'s military wing"
        if len(nxt) >= 3 and (nxt[0].tag_ == "POS" or nxt[0].text in ("'", "’")):
            if nxt[1].lower_ in lex["wing_modifiers"] and nxt[2].lower_ in lex["wing_words"]:
                wing = index.wing_of(entry)
                if wing is not None:
                    out.append(_kb_found(f.start, end + 3, wing, "description:wing"))
                    continue
            if nxt[1].lower_ in lex["affiliate_nouns"]:
                place = _place_after(doc, end + 2)
                child = index.affiliate_in(entry, place.text) if place is not None else None
                if child is not None:
                    out.append(_kb_found(f.start, place.end, child, "description:affiliate"))
                    continue
        # "Hawadle (subclan) militias": a tribe's fighters are an armed group of that tribe
        armed = _tribal_force_end(doc, end, lex) if entry.type == "TRIBE" else None
        if armed is not None:
            name = f"{entry.name} {doc[armed - 1].text}"
            out.append(Found(f.start, armed, text_key(f"{entry.name} militias"), name, "ARMED_GROUP",
                             "description:tribal-force", part_of=f.key))
            continue
        # "HTS' security apparatus", "Hamas's police": a unit of the group the KB may not list
        unit = _unit_after(doc, end, lex) if entry.type == "ARMED_GROUP" and len(nxt) >= 2 and (
            nxt[0].tag_ == "POS" or nxt[0].text in ("'", "’")) else None
        if unit is not None:
            name = doc[f.start:unit].text
            out.append(Found(f.start, unit, text_key(name), name, "ARMED_GROUP", "description:unit", part_of=f.key))
            continue
        # "FARC dissidents", "dissidents of the FARC", "dissidents (from the FARC)"
        before = doc[max(f.start - 4, 0):f.start]
        noun = (doc[end].lower_ if end < len(doc) and doc[end].lower_ in lex["splinter_nouns"] else
                next((t.lower_ for t in before if t.lower_ in lex["splinter_nouns"]), None)
                if any(t.lower_ in ("of", "from") for t in before) else None)
        splinter = index.splinter_of(entry, noun) if noun else None
        if splinter is not None:
            out.append(_kb_found(f.start, f.end, splinter, "description:splinter"))
            continue
        # "<Group> in <Place>", "<Group> operatives in <Place>"
        j = end + (1 if end < len(doc) and doc[end].lemma_.lower() in lex["member_nouns"] else 0)
        if j < len(doc) and doc[j].lower_ in ("in", "of") and entry.type == "ARMED_GROUP":
            place = _place_after(doc, j + 1)
            child = index.affiliate_in(entry, place.text) if place is not None else None
            if child is not None:
                out.append(_kb_found(f.start, f.end, child, "description:in-place"))
                continue
        out.append(f)
    return out


def _unit_after(doc: Doc, i: int, lex: dict) -> int | None:
    """End of "<'s> (security|secret|...)? apparatus/service/police" after a group name, if there."""
    j = i + 1  # past the possessive
    while j < len(doc) and j - i <= 3 and doc[j].lower_ in lex["unit_modifiers"]:
        j += 1
    return j + 1 if j < len(doc) and doc[j].lemma_.lower() in lex["unit_nouns"] else None


def rewrite_by_salient_affiliate(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """Local reporting on a province often calls it by its parent's name ("the Islamic State
    threatened Hamas" in an article about Wilayat Sinai). When a document names one affiliate
    of a parent at least twice and at least as often as the parent, or names one whose theatre
    is the state the document is about ("al Qaeda" in a report on Iraq that names al-Qaeda in
    Iraq), the parent's mentions in sentences that do not also name the affiliate are read as
    the affiliate; sentences naming both keep them apart ("pledged allegiance to the Islamic
    State")."""
    counts = Counter(f.key for f in found)
    named = _named_affiliates(found, index)
    home = _main_country(found, index)
    salient = {p: [c for c in kids if counts[kb_key(c)] >= max(2, counts[p]) or home in c.country]
               for p, kids in named.items()}
    for p in {f.key for f in found if f.kb_id and f.type == "ARMED_GROUP"} - set(salient):
        parent = index.kb.get(p.removeprefix("kb:"))
        if home and parent is not None and home not in parent.country:
            salient[p] = _home_affiliates(parent, home, index)
    chosen = {p: kids[0] for p, kids in salient.items() if len(kids) == 1}
    by_sent: dict[int, set[str]] = {}  # the groups each sentence names (a unit names its group)
    led: dict[int, set[str]] = {}  # the groups whose own leader it names ("ISIS leader Abu Bakr al-Baghdadi")
    for f in found:
        sent = doc[f.start].sent.start
        by_sent.setdefault(sent, set()).update({f.key, f.part_of} - {None})
        person = index.kb.get(f.kb_id) if f.kb_id and f.type == "PERSON" else None
        led.setdefault(sent, set()).update(f"kb:{e.target}" for e in (person.structure if person else ())
                                           if e.type == "LEADER_OF")
    nouns = set(lexicon("actors")["affiliate_nouns"])
    out = []
    for f in found:
        child = chosen.get(f.key)
        only = next(iter(named[f.key])) if len(named.get(f.key, ())) == 1 else None
        if f.cue == "kb" and f.end < len(doc) and doc[f.end].lemma_.lower() in nouns and (child or only):
            # "the Islamic State affiliate": the parent's salient affiliate, or the one the text names
            f = _kb_found(f.start, f.end + 1, child or only, "description:affiliate")
        elif child is not None and f.cue == "kb" and kb_key(child) not in by_sent[doc[f.start].sent.start] \
                and f.key not in led[doc[f.start].sent.start]:
            f = _kb_found(f.start, f.end, child, "description:salient-affiliate")
        out.append(f)
    return out


def _home_affiliates(parent: KBEntry, home: str, index: KBIndex) -> list[KBEntry]:
    """The parent's current affiliates whose theatre is the state ``home`` (ISO code)."""
    return [c for c in index.children.get((parent.id, "AFFILIATE_OF"), []) if home in c.country
            and any(e.type == "AFFILIATE_OF" and e.target == parent.id and not e.end for e in c.structure)]


def _named_affiliates(found: list[Found], index: KBIndex) -> dict[str, set[KBEntry]]:
    """Parent key -> the affiliates of that parent a text names."""
    out: dict[str, set[KBEntry]] = {}
    for f in found:
        entry = index.kb.get(f.kb_id) if f.kb_id else None
        for edge in entry.structure if entry is not None else ():
            if edge.type == "AFFILIATE_OF":
                out.setdefault(f"kb:{edge.target}", set()).add(entry)
    return out


def resolve_by_country(found: list[Found], index: KBIndex) -> list[Found]:
    """A name several KB entries share ("PLA": China's army, Manipur's insurgents) is the
    one entry whose country the document names."""
    countries = {e.iso2 for f in found if f.type == "STATE" and f.kb_id and (e := index.kb.get(f.kb_id)) and e.iso2}
    out = []
    for f in found:
        hits = index.kb.lookup(f.name) if f.key.startswith("x:") and countries else []
        fitting = [e for e in hits if set(e.country) & countries]
        out.append(_kb_found(f.start, f.end, fitting[0], "kb-country") if len(hits) > 1 and len(fitting) == 1 else f)
    return out


def _follow_parentheses(doc: Doc, found: list[Found]) -> list[Found]:
    """"dissidents of the FARC (FARC)": a name in brackets right after a rewritten
    description is the same actor as the description."""
    out = list(found)
    for k in range(1, len(out)):
        prev, cur = out[k - 1], out[k]
        if (prev.cue.startswith("description") and cur.cue == "kb" and cur.start == prev.end + 1
                and doc[prev.end].text == "(" and cur.end < len(doc) and doc[cur.end].text == ")"):
            out[k] = Found(cur.start, cur.end, prev.key, prev.name, prev.type, prev.cue, prev.kb_id, prev.part_of)
    return out


def rewrite_by_sentence_place(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """A parent group named in a sentence about one of its provinces' places ("Islamic State
    ... in northern Sinai") stands for that province, when exactly one province fits."""
    covered = {i for f in found for i in range(f.start, f.end)}
    places = _SentencePlaces(doc, covered, index)
    out = []
    for f in found:
        entry = index.kb.get(f.kb_id) if f.kb_id and f.cue == "kb" else None
        child = _affiliate_by_place(places.around(f.start), entry, index, ("AFFILIATE_OF",)) \
            if entry is not None else None
        out.append(_kb_found(f.start, f.end, child, "description:place-in-sentence") if child is not None else f)
    return out


class _SentencePlaces:
    """The places each sentence of a document names (not states, not actor names), read
    once per sentence."""

    def __init__(self, doc: Doc, covered: set[int], index: KBIndex):
        self.sents = list(doc.sents)
        self.starts = [s.start for s in self.sents]
        self.covered, self.index, self.cache = covered, index, {}

    def around(self, i: int) -> set[str]:
        k = bisect_right(self.starts, i) - 1
        if k not in self.cache:
            self.cache[k] = {e.text for e in self.sents[k].ents if e.start not in self.covered and (
                e.label_ in ("GPE", "LOC") or lookup_place(e.text, own_names_only=True) is not None)  # "Sinai"/ORG
                and not any(s.type == "STATE" for s in self.index.kb.lookup(e.text))}
        return self.cache[k]


def _affiliate_by_place(places: set[str], entry: KBEntry, index: KBIndex,
                        edges: tuple[str, ...] = ("AFFILIATE_OF", "PART_OF")) -> KBEntry | None:
    """The one province or affiliate (or unit) of a group whose name carries one of the places."""
    if entry.type != "ARMED_GROUP" or not any(index.children.get((entry.id, e)) for e in edges):
        return None
    children = {c.id: c for c in (index.affiliate_in(entry, p, edges) for p in places) if c is not None}
    return next(iter(children.values())) if len(children) == 1 else None


def _place_after(doc: Doc, i: int) -> Span | None:
    """The proper-noun place starting at token i, skipping 'the' and compass adjectives."""
    while i < len(doc) and (doc[i].lower_ in ("in", "of", "the", "northern", "southern", "eastern", "western", "central",
                                              "north", "south", "east", "west") or doc[i].pos_ == "ADJ"):
        i += 1
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN":
        j += 1
    return doc[i:j] if j > i else None


def collective_mentions(doc: Doc, found: list[Found], index: KBIndex) -> tuple[list[Found], set[int]]:
    """Groups named by description: "Palestinian factions", "pro-ISIS militants", "Islamic
    State-affiliated fighters in Gaza". Returns the new mentions and the starts of KB mentions
    they swallow (a group named only as a modifier: "pro-ISIS" is not ISIS). Followers of a
    group in a sentence naming the place of one of its provinces ("Islamic State-affiliated
    gunmen" in northern Sinai) are that province."""
    lex = lexicon("actors")
    nouns, affixes = set(lex["collective_nouns"]), set(lex["affiliation_affixes"])
    by_token = {i: f for f in found for i in range(f.start, f.end)}
    places = _SentencePlaces(doc, set(by_token), index)
    out, swallowed = [], set()
    for chunk in doc.noun_chunks:
        root = chunk.root
        led = _led_group(root, by_token, lex, index)
        if led is not None:
            out.append(led)
            continue
        lemma = root.lemma_.lower()
        plural = root.tag_ in ("NNS", "NNPS") or (lemma.endswith("s") and lemma[:-1] in nouns)  # "Salafis"/NNP
        lemma = lemma[:-1] if lemma not in nouns and lemma.endswith("s") else lemma
        weak = by_token.get(root.i)  # NER alone took "Salafis" for an organisation: the phrase says more
        if lemma not in nouns or (weak is not None and weak.cue != "ner") or not (
                plural or lemma in lex["collective_singulars"]):
            continue
        start = chunk.start
        while start < root.i and (doc[start].pos_ in ("DET", "NUM", "PRON") or doc[start].lower_ in _QUANTIFIERS):
            start += 1
        mods = doc[start:root.i]
        inner = {by_token[t.i].start for t in mods if t.i in by_token}
        inner_groups = {by_token[t.i].start for t in mods if t.i in by_token
                        and by_token[t.i].type not in ("STATE", "OTHER_ORG")}  # "Gaza's Salafis": a place
        hyphen_cue = any(t.lower_ in affixes and t.i > 0 and doc[t.i - 1].text == "-" for t in mods) or any(
            t.lower_ == "pro" for t in mods)
        proper_cue = any(t.text[:1].isupper() and t.pos_ in ("PROPN", "ADJ") and not _kind_word_at_start(t)
                         for t in mods)
        if not mods or (inner_groups and not hyphen_cue) or not (hyphen_cue or proper_cue):
            continue
        if root.i - 1 in by_token and by_token[root.i - 1].start > start and not any(
                t.lower_ == "pro" for t in mods):  # "Al-Qaeda-affiliated Ansaru terrorists" are Ansaru
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" and any(
                g.dep_ == "pobj" and g.i in by_token and by_token[g.i].type not in ("STATE", "OTHER_ORG")
                for g in c.children) for c in root.children):
            continue  # "IS-trained militants of the RHM" are the RHM's
        end = root.i + 1
        prep = next((c for c in root.children if c.dep_ == "prep" and c.lower_ in ("in", "from")), None)
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        place = by_token.get(pobj.i) if pobj is not None else None
        named_place = pobj is not None and (pobj.pos_ == "PROPN" or pobj.lower_ in _PLACE_NOUNS)  # "in the country"
        if named_place and (place is None or place.type in ("OTHER_ORG", "STATE")):
            end = max(t.i for t in pobj.subtree) + 1
            if place is not None:
                inner.add(place.start)
        if len(mods) == 1 and mods[0].is_upper and len(mods[0]) > 1 and end == root.i + 1:
            name = mods[0].text  # "RHB fighters" are the RHB: an acronym names the group itself
        else:
            name = doc[start:end].text
        swallowed |= inner | ({weak.start} if weak is not None else set())
        backed = next((by_token[t.i] for t in mods if t.i in by_token and by_token[t.i].start in inner_groups), None)
        entry = index.kb.get(backed.kb_id) if backed is not None and backed.kb_id and hyphen_cue else None
        province = None if entry is None else entry if backed.cue == "description:place-in-sentence" else \
            _affiliate_by_place(places.around(root.i), entry, index)
        if province is not None:
            out.append(_kb_found(start, end, province, "description:place-in-sentence"))
            continue
        key = text_key(name)
        if hyphen_cue and backed is not None:
            # "IS-affiliated fighters in Gaza", "an IS-affiliated insurrection in Gaza": one
            # actor, named by whom they follow and where, whatever the noun
            where = doc[root.i + 1:end].text
            key = text_key(f"followers of {backed.name} {where}".strip())
        out.append(Found(start, end, key, name, "ARMED_GROUP", "collective"))
    return out, swallowed


def rewrite_place_based(found: list[Found], index: KBIndex) -> list[Found]:
    """"Sinai-based militants" in a text that names one group called after Sinai (Wilayat
    Sinai) are that group; otherwise they stay a collective of their own."""
    groups = {f.kb_id: index.kb.get(f.kb_id) for f in found if f.kb_id and f.type == "ARMED_GROUP"}
    out = []
    for f in found:
        words = f.name.split()
        place = words[0][:-len("-based")] if f.cue == "collective" and words[0].endswith("-based") else ""
        key = set(fold(place).split()) - _GENERIC_PLACE_WORDS
        named = [e for e in groups.values() if e is not None and key
                 and any(key <= set(fold(n).split()) for n in (e.name, *e.aliases))]
        out.append(_kb_found(f.start, f.end, named[0], "description:place-based") if len(named) == 1 else f)
    return out


def _collective_core(f: Found, doc: Doc) -> str:
    """What names a collective across its wordings: its capitalised words and head noun
    ("Three main Chadian groups" and "Chadian groups in Libya" are both "chadian group")."""
    span = doc[f.start:f.end]
    head = span.root
    words = [t.lower_ for t in span if t.i < head.i and t.text[:1].isupper()]
    return " ".join(words + [head.lemma_.lower()])


def expand_enumerated(doc: Doc, found: list[Found]) -> list[Found]:
    """"Four rebel movements are active in the north: the A, the B, the C and the D": a
    collective the text enumerates stands, wherever it recurs, for the groups it lists."""
    members: dict[str, list[Found]] = {}
    for f in found:
        if f.cue != "collective":
            continue
        sent = doc[f.start].sent
        colon = next((t.i for t in sent if t.i >= f.end and t.text == ":"), None)
        listed = [g for g in found if colon is not None and colon < g.start < sent.end
                  and g.type in ("ARMED_GROUP", "POLITICAL_ORG") and g.cue != "collective"]
        if len({g.key for g in listed}) >= 2:
            members.setdefault(_collective_core(f, doc), list({g.key: g for g in listed}.values()))
    out = []
    for f in found:
        listed = members.get(_collective_core(f, doc)) if f.cue == "collective" else None
        out += [Found(f.start, f.end, g.key, g.name, g.type, "collective:enumerated", g.kb_id, g.part_of)
                for g in listed] if listed else [f]
    return out


def collective_variants(span: Span) -> list[str]:
    """Shorter names for a collective description, so that other writers' wording matches:
    without its leading lower-case modifiers ("home-grown"), without its place phrase ("in
    the Gaza Strip"), and without both. Each keeps the words that make it a name."""
    toks = list(span)
    lead = 0
    while lead < len(toks) - 1 and (toks[lead].is_lower or toks[lead].is_punct) and toks[lead].lower_ != "pro":
        lead += 1
    cut = next((k for k, t in enumerate(toks) if t.dep_ == "prep" and k > lead), len(toks))
    out = []
    for a, b in ((lead, len(toks)), (0, cut), (lead, cut)):
        text = span.doc[span.start + a:span.start + b].text
        if (a, b) != (0, len(toks)) and b - a >= 2 and text != span.text and text not in out:
            out.append(text)
    return out


def _led_group(root: Token, by_token: dict[int, Found], lex: dict, index: KBIndex) -> Found | None:
    """"Mr Gide's group", "Dogo Gide's terror group": a band known by its leader's name. Named
    "<surname>'s <noun>" so every way of writing the leader names one actor."""
    if root.lemma_.lower() not in lex["led_group_nouns"] or root.i in by_token:
        return None
    owner = next((c for c in root.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if owner is None or (owner.i in by_token and by_token[owner.i].type != "PERSON"):
        return None
    start = min(t.i for t in owner.subtree)
    place = root.doc[start:owner.i + 1].text
    if owner.ent_type_ in ("GPE", "LOC", "NORP", "FAC", "ORG") or lookup_place(owner.text, own_names_only=True) \
            or fold(place) in index.holders:
        return None  # "Gaza's ruling group" is a place's group, not a leader's band
    name = f"{owner.text}’s {root.text}"
    return Found(start, root.i + 1, text_key(name), name, "ARMED_GROUP", "collective:led-by")


_PLACE_NOUNS = {"country", "region", "area", "territory", "province", "north", "south", "east", "west", "city"}
_QUANTIFIERS = {"some", "several", "many", "most", "other", "few", "dozens", "hundreds", "both", "all", "such", "own"}


def _non_overlapping(found: list[Found]) -> list[Found]:
    """Keep the first-listed (strongest) mention where mentions overlap; sort by position."""
    taken: set[int] = set()
    out = []
    for f in found:
        toks = set(range(f.start, f.end))
        if toks & taken:
            continue
        taken |= toks
        out.append(f)
    return sorted(out, key=lambda f: f.start)


def _join_parent_child(found: list[Found], index: KBIndex) -> list[Found]:
    """"Islamic State" + "West African Province" side by side are one name: the province."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        entry = index.kb.get(f.kb_id) if f.kb_id else None
        if prev is not None and entry is not None and prev.end == f.start and prev.kb_id and any(
                e.target == prev.kb_id for e in entry.structure):
            out[-1] = Found(prev.start, f.end, f.key, f.name, f.type, f.cue, f.kb_id, f.part_of)
            continue
        out.append(f)
    return out


def _join_dangling_names(doc: Doc, found: list[Found]) -> list[Found]:
    """A name cut before the place it ends with ("Popular Front for the Liberation of" +
    "Arcadia") is one name: a name never ends on "of" or "of the", so the mention right
    after it completes it, and the whole keeps the first mention's type."""
    out: list[Found] = []
    for f in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.end == f.start and prev.key.startswith("x:")
                and doc[prev.end - 1].lower_ in ("of", "the", "for") and not f.cue.startswith("coref")):
            name = doc[prev.start:f.end].text
            out[-1] = Found(prev.start, f.end, text_key(name), name, prev.type, prev.cue)
            continue
        out.append(f)
    return out


def resolve_short_names(found: list[Found]) -> list[Found]:
    """"the Brigades", "the Front": a name that is only a group word is the nearest earlier
    group whose name ends with that word."""
    words = set(lexicon("actors")["armed_group_words"])
    out: list[Found] = []
    for f in found:
        folded = fold(f.name).split()
        if f.key.startswith("x:") and folded and all(w in words for w in folded):
            prior = next((p for p in reversed(out) if p.type == "ARMED_GROUP" and fold(p.name).split()[-1:] == folded[-1:]
                          and p.key != f.key), None)
            if prior is None:
                continue
            f = Found(f.start, f.end, prior.key, prior.name, prior.type, "coref:short-name", prior.kb_id, prior.part_of)
        out.append(f)
    return out


def mark_modifiers(doc: Doc, found: list[Found]) -> list[Found]:
    """A group named only to qualify another ("Al-Qaeda-affiliated Ansaru") is no party to
    what the sentence says; its mention is kept (structure reads it) with cue 'modifier'."""
    lex = lexicon("actors")
    affixes, state_affixes = set(lex["affiliation_affixes"]), set(lex["state_affixes"])
    out = []
    for f in found:
        nxt = doc[f.end:f.end + 2]
        if len(nxt) == 2 and nxt[0].text == "-" and (
                nxt[1].lower_ in affixes or f.type == "STATE" and nxt[1].lower_ in state_affixes):
            f = Found(f.start, f.end, f.key, f.name, f.type, "modifier", f.kb_id, f.part_of)
        out.append(f)
    return out


def find_mentions(doc: Doc, index: KBIndex, disabled: frozenset[str] = frozenset(), linker=None) -> list[Found]:
    """All actor mentions in a parsed document, non-overlapping, in text order.
    ``disabled`` switches cues off by name (see ``dyad.nlp.extract.COMPONENTS``) for ablations;
    ``linker`` places generic references ("the army") in a state (default: the shipped one)."""
    strong = _with_state_titles(doc, split_sponsors(doc, kb_mentions(doc, index), index))
    if "ner" not in disabled:
        strong = state_led_names(doc, strong, index)
    if "descriptions" not in disabled:
        strong = _follow_parentheses(doc, rewrite_by_sentence_place(
            doc, rewrite_descriptions(doc, strong, index), index))
    found = _non_overlapping(strong + (demonym_mentions(doc, index) if "demonyms" not in disabled else [])
                             + (ner_mentions(doc, index) if "ner" not in disabled else []))
    linker = linker or default_linker()
    if "demonyms" not in disabled and linker is not None:
        found = sorted(found + generic_force_mentions(doc, found, index, linker), key=lambda f: f.start)
    if "collective" not in disabled:
        collective, swallowed = collective_mentions(doc, found, index)
        found = _non_overlapping(collective + [f for f in found if f.start not in swallowed])
        if "descriptions" not in disabled:
            found = expand_enumerated(doc, rewrite_place_based(found, index))
    taken = {i for f in found for i in range(f.start, f.end)}
    found = sorted(found + pair_mentions(doc, index, taken) + (capital_mentions(doc, index, taken)
                   if "demonyms" not in disabled else []), key=lambda f: f.start)
    found = mark_modifiers(doc, _join_parent_child(_join_dangling_names(doc, resolve_by_country(found, index)), index))
    if "coref" not in disabled:
        found = resolve_short_names(found)
    return rewrite_by_salient_affiliate(doc, found, index) if "descriptions" not in disabled else found
