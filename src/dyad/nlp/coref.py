"""Resolve descriptions that refer back to a group: "the group", "the Palestinian
organization", "the Islamic State affiliate", "both militant organizations", and the
pronouns "it", "its", "they", "them", "their".

Resolution is by recency and compatibility: the nearest earlier group mention (within a
few sentences) whose knowledge-base facts agree with the description's modifiers — a
nationality adjective must match the group's country, a named parent ("Islamic State
affiliate") must be one of its structure targets. A pronoun takes the nearest group
named in its own or the previous sentence, never one of its own clause unless it is a
possessive ("Hamas ... its members").
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span

from dyad.nlp.anchoring import speech_verbs
from dyad.nlp.interactions import clause_of, controlled_by_object, is_place_use
from dyad.nlp.mentions import Found, KBIndex
from dyad.nlp.pipeline import lexicon

_WINDOW_SENTENCES = 3
_ALL = 0  # count of a plural description that names every group of the last sentence naming several
_GROUPISH = ("ARMED_GROUP", "POLITICAL_ORG")


def _refer(start: int, end: int, to: Found, cue: str) -> Found:
    """A mention at start..end that refers to the actor of ``to``."""
    return Found(start, end, to.key, to.name, to.type, cue, to.kb_id)


def _compatible(found: Found, modifiers: list[str], index: KBIndex) -> bool:
    """Whether a group mention agrees with the description's modifiers."""
    entry = index.kb.get(found.kb_id) if found.kb_id else None
    for word in modifiers:
        state = index.demonyms.get(word.lower())
        if state is not None:
            if entry is None or (state.iso2 and state.iso2 not in entry.country):
                return False
            continue
        parents = index.kb.lookup(word)
        if parents and entry is not None:
            targets = {e.target for e in entry.structure}
            if not any(p.id in targets or p.id == entry.id for p in parents):
                return False
    return True


def _one_family(a: Found, b: Found, index: KBIndex) -> bool:
    """Whether one mention is a part (wing, unit) of the other, by the text or the KB."""
    if a.part_of == b.key or b.part_of == a.key:
        return True
    if not (a.kb_id and b.kb_id):
        return False
    return any(c.id == a.kb_id for c in index.children.get((b.kb_id, "PART_OF"), [])) or any(
        c.id == b.kb_id for c in index.children.get((a.kb_id, "PART_OF"), []))


def _possessive_phrases(doc: Doc, nouns: set[str]) -> list[Span]:
    """"the terror group's stronghold": a description standing as a possessor inside a larger phrase."""
    out = []
    for tok in doc:
        if tok.dep_ == "poss" and tok.lemma_.lower() in nouns:
            start = min(t.i for t in tok.subtree)
            end = tok.i + 1
            if doc[start].lower_ in ("the", "this", "that"):
                out.append(doc[start:end])
    return out


def _anaphors(doc: Doc, covered: set[int]) -> list[tuple[Span, list[str], int]]:
    """Noun phrases like "the (Palestinian) group": (span, modifier words, how many groups)."""
    nouns = set(lexicon("actors")["group_anaphors"])
    set_nouns = set(lexicon("actors")["group_set_nouns"])
    out = []
    for chunk in [*doc.noun_chunks, *_possessive_phrases(doc, nouns)]:
        root = chunk.root
        if root.lemma_.lower() not in nouns or any(t.i in covered for t in chunk):
            continue
        if any(t.i in covered for c in root.children if c.dep_ in ("prep", "appos", "acl") for t in c.subtree):
            continue  # "the guerrillas of the ELN" names its group: no anaphor
        first = chunk[0].lower_
        if first in ("the", "this", "that", "both", "these", "those"):
            count = 2 if first == "both" or any(t.lower_ in ("both", "two") for t in chunk) else 1
            if count == 1 and root.tag_ == "NNS" and root.lemma_.lower() in set_nouns:
                count = _ALL  # "the fighting between the groups": every group of the last event
        else:
            continue
        pre = [t for t in chunk if t.i < root.i and t.lower_ not in ("the", "this", "that", "these", "those", "both",
                                                                     "two")]
        proper = " ".join(t.text for t in pre if t.pos_ == "PROPN")
        mods = [t.lower_ for t in pre if t.pos_ != "PROPN"] + ([proper] if proper else [])
        out.append((chunk, mods, count))
    return out


def _owns_core(span: Span) -> bool:
    """"the group's core (central leadership, headquarters)": the description owns its parent."""
    head = span.root.head
    return span.root.dep_ == "poss" and head.lemma_.lower() in lexicon("actors")["core_nouns"]


def _role_rank(f: Found, doc: Doc) -> int:
    tok = f.span(doc).root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return 0 if tok.dep_ in ("nsubj", "nsubjpass") else 1


def _apposed_name(span: Span, found: list[Found]) -> Found | None:
    """The mention a description stands in apposition to, either way round."""
    root = span.root
    heads = [root.head] if root.dep_ == "appos" else []
    heads += [c for c in root.children if c.dep_ == "appos"]
    for h in heads:
        for f in found:
            if f.start <= h.i < f.end and f.type in _GROUPISH:
                return f
    return None


def resolve_anaphors(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """New mentions for group descriptions, each pointing at the actor it refers to."""
    covered = {i for f in found for i in range(f.start, f.end)}
    sent_of = {s.start: k for k, s in enumerate(doc.sents)}
    sent_index = [0] * len(doc)
    for s in doc.sents:
        for t in s:
            sent_index[t.i] = sent_of[s.start]
    groups = [f for f in found if f.type in _GROUPISH]
    out = []
    for span, mods, count in _anaphors(doc, covered):
        named = _apposed_name(span, found)
        if named is not None:  # "the IAI, the largest Sunni insurgent group, ...": the name it describes
            out.append(_refer(span.start, span.end, named, "coref"))
            continue
        here = sent_index[span.start]
        clause = clause_of(span.root)
        earlier = [f for f in groups if f.end <= span.start and here - sent_index[f.start] <= _WINDOW_SENTENCES
                   and clause_of(f.span(doc).root) != clause]  # a description never repeats its own clause
        if count == _ALL:  # never a group of its own clause ("X gives these groups a haven")
            own = {f.key for f in groups if clause_of(f.span(doc).root) == clause}
            out.extend(_refer(span.start, span.end, p, "coref")
                       for p in _last_several(earlier, sent_index, mods, index) if p.key not in own)
            continue
        # the most recent subjects first (the topic is usually the subject), then the rest
        ranked = sorted(reversed(earlier), key=lambda f: _role_rank(f, doc))
        if _owns_core(span):  # "the group's core": the parent of a group in view, before that group
            nearby = [f for f in groups if here - sent_index[f.start] <= _WINDOW_SENTENCES and f.start < span.start]
            parents = {e.target for f in nearby if f.kb_id and (entry := index.kb.get(f.kb_id))
                       for e in entry.structure if e.type in ("AFFILIATE_OF", "PART_OF")}
            ranked = sorted(ranked, key=lambda f: f.kb_id not in parents)
        picked: list[Found] = []
        for f in ranked:
            if f.key in {p.key for p in picked} or not _compatible(f, mods, index) or any(
                    _one_family(f, p, index) for p in picked):
                continue  # "the two groups" are two groups, not a group and its own wing
            picked.append(f)
            if len(picked) == count:
                break
        if len(picked) == count:
            out.extend(_refer(span.start, span.end, p, "coref") for p in picked)
    return out + _state_anaphors(doc, found, covered, sent_index)


def _state_anaphors(doc: Doc, found: list[Found], covered: set[int], sent_index: list[int]) -> list[Found]:
    """"a war against the nation", "the country's army": the state last named within a few
    sentences, else the one the document names most (at least twice)."""
    nouns = set(lexicon("actors")["state_anaphors"])
    states = [f for f in found if f.type == "STATE" and f.cue != "modifier"]
    top = Counter(f.key for f in states).most_common(1)
    main = top[0][0] if top and top[0][1] >= 2 else None
    out = []
    for tok in doc:
        if tok.lemma_.lower() not in nouns or tok.i in covered or tok.i == 0 or doc[tok.i - 1].lower_ != "the" \
                or tok.tag_ != "NN" or any(c.dep_ in ("amod", "compound") for c in tok.children):
            continue
        recent = [f for f in states if f.end <= tok.i and sent_index[tok.i] - sent_index[f.start] <= _WINDOW_SENTENCES]
        pick = recent[-1] if recent else next((f for f in states if f.key == main), None)
        if pick is not None:
            out.append(_refer(tok.i - 1, tok.i + 1, pick, "coref"))
    return out


def _last_several(earlier: list[Found], sent_index: list[int], mods: list[str], index: KBIndex) -> list[Found]:
    """The distinct compatible groups of the latest sentence that names two or more (none of
    them a wing of another), for "the groups" after a sentence setting several against each other."""
    by_sent: dict[int, list[Found]] = {}
    for f in earlier:
        by_sent.setdefault(sent_index[f.start], []).append(f)
    for k in sorted(by_sent, reverse=True):
        picked: list[Found] = []
        for f in by_sent[k]:
            if f.cue != "modifier" and f.key not in {p.key for p in picked} and _compatible(f, mods, index) and not any(
                    _one_family(f, p, index) for p in picked):
                picked.append(f)
        if len(picked) >= 2:
            return picked
    return []


_SUBJECT_PRONOUNS = {"it", "they"}
_FIRST_PLURAL = {"we", "us", "our", "ours"}


class _Speakers:
    """Who is speaking, sentence by sentence: the group of the last subject of a speech
    verb ("X's spokesman told ...", "Al-Shammari explained"), for "we", "us" and "our",
    which in news prose are a quoted speaker's, not the reporter's."""

    def __init__(self, doc: Doc, found: list[Found]):
        self.doc, self.found = doc, found
        self.of_person: dict[str, Found] = {}  # a person's surname -> the group they speak for
        self.last: tuple[int, Found] | None = None

    def enter(self, sent: Span, k: int) -> None:
        verbs = speech_verbs()
        here = [f for f in self.found if sent.start <= f.start < sent.end]
        for f in here:
            if f.type == "PERSON":
                group = self._apposed_group(f, here)
                if group is not None:
                    self.of_person[f.name.split()[-1].lower()] = group
        for tok in sent:
            if tok.lemma_.lower() not in verbs or tok.pos_ not in ("VERB", "AUX"):
                continue
            for subj in (c for c in tok.children if c.dep_ == "nsubj"):
                f = next((f for f in here if f.start <= subj.i < f.end), None)
                surname = (f.name if f is not None else subj.text).split()[-1].lower()  # a bare surname too
                group = f if f is not None and f.type in _GROUPISH else \
                    self.of_person.get(surname) if f is None or f.type == "PERSON" else None
                if group is not None:
                    self.last = (k, group)

    def _apposed_group(self, person: Found, here: list[Found]) -> Found | None:
        """"Ibrahim al-Shammari, an Islamic Army in Iraq spokesman": the group in the apposition."""
        root = person.span(self.doc).root
        for appos in (c for c in root.children if c.dep_ == "appos"):
            inside = {t.i for t in appos.subtree}
            group = next((f for f in here if f.type in _GROUPISH and f.start in inside), None)
            if group is not None:
                return group
        return None

    def group(self, k: int) -> Found | None:
        return self.last[1] if self.last is not None and k - self.last[0] <= _WINDOW_SENTENCES else None


_POSSESSIVES = {"its", "their"}


def _subjects(sent: Span, mentions: list[Found]) -> list[Found]:
    """Group mentions that are (or are coordinated in) the subject of a sentence's main verb."""
    out = []
    for f in mentions:
        tok = f.span(sent.doc).root
        # small parsers read lists of names as appositions; "Hamas drones", "Hamas's
        # fighters": the group owns the subject
        while tok.dep_ in ("conj", "appos", "compound", "poss") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ROOT":
            out.append(f)
    return out


def _cataphor_subjects(tok, acting: list[Found]) -> list[Found]:
    """"Though they condemned each other, X and Y kept ties": the subject pronoun of a
    fronted subordinate clause names the main clause's subject, which follows it."""
    clause = tok.head
    if clause.dep_ != "advcl" or clause.head.i < tok.i or not any(c.dep_ == "mark" for c in clause.children):
        return []
    out = []
    for f in acting:
        root = f.span(tok.doc).root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        if f.start > tok.i and root.dep_ in ("nsubj", "nsubjpass") and root.head.i == clause.head.i:
            out.append(f)
    return out


def _first_conjunct_subjects(tok, earlier: list[Found]) -> list[Found]:
    """"X was once an ally of Y, but in 2012 it endorsed ...": the subject pronoun of a
    coordinated clause is the subject of the clause it is coordinated with."""
    verb = tok.head
    if verb.dep_ != "conj" or verb.head.i == verb.i:
        return []
    subjects = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [f for f in earlier for c in subjects if f.start <= c.i < f.end]


def _governing_subject(tok, prior: list[Found]) -> Found | None:
    """"X decided to leave Y after its members were threatened": a possessive in a
    subordinate clause refers to the subject of the clause it depends on, before a nearer name."""
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ not in ("advcl", "ccomp", "xcomp", "conj") or verb.head.i == verb.i:
        return None
    controller = controlled_by_object(verb)  # "urged X to withdraw its forces": X's
    if controller is not None:
        return next((f for f in prior if f.start <= controller.i < f.end), None)
    head = verb.head
    while head.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head  # "decided to disunite ... after": the subject is the deciding one's
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    found = [f for f in prior for c in subjects if f.start <= c.i < f.end]
    return found[-1] if found else None


def _owners_of_plural(tok, sent: Span, mentions: list[Found], parts: set[str]) -> list[Found]:
    """"X withdrew its forces from Y, where they fight for Z": a subject "they" after a
    group's plural members in its own sentence is that group."""
    out = []
    for t in sent.doc[sent.start:tok.i]:
        if t.tag_ == "NNS" and t.lemma_.lower() in parts:
            out += [f for c in t.children if c.dep_ in ("poss", "compound")
                    for f in mentions if f.start <= c.i < f.end]
    return out


def _person_antecedent(tok, sent: Span, prev: Span | None, people: list[Found]) -> Found | None:
    """A subject "he"/"she": the person last named before it in its sentence, else the one
    person the previous sentence has as its subject."""
    here = [f for f in people if sent.start <= f.start and f.end <= tok.i]
    if here:
        return here[-1]
    before = _subjects(prev, [f for f in people if prev.start <= f.start < prev.end]) if prev is not None else []
    return before[0] if len({f.key for f in before}) == 1 else None


def resolve_pronouns(doc: Doc, found: list[Found], index: KBIndex) -> list[Found]:
    """Narrow pronoun rules that hold up in news prose:
    - a subject "it"/"they" of a fronted subordinate clause is the main clause's subject
      ("Though they ..., X and Y ...");
    - one of a coordinated clause is the subject of the clause before ("X ..., but it ...");
    - otherwise it continues the previous sentence's subject group(s);
    - a subject "he"/"she" (an object "him"/"her") is the person last named in its
      sentence, else the previous sentence's subject person;
    - "from (with, against) it" is the group last named in its sentence;
    - "we", "us", "our" are the group of the last quoted speaker;
    - "its"/"their" before a member or wing noun ("its fighters", "its military wing")
      is the nearest group named in the same or previous sentence."""
    lex = lexicon("actors")
    parts = set(lex["member_nouns"]) | set(lex["wing_words"]) | {"leader", "leadership", "rank", "personnel", "force"}
    acting = [f for f in found if f.type in _GROUPISH + ("STATE", "STATE_FORCE", "TRIBE") and f.cue != "modifier"
              and not is_place_use(f, doc)]  # "arrested in Niamey, including its leader": not Niger's
    people = [f for f in found if f.type == "PERSON"]
    speakers = _Speakers(doc, found)
    sents = list(doc.sents)
    out = []
    for k, sent in enumerate(sents):
        prev = sents[k - 1] if k else None
        speakers.enter(sent, k)
        for tok in sent:
            if tok.pos_ != "PRON":
                continue
            if tok.lower_ in _FIRST_PLURAL:
                group = speakers.group(k)
                if group is not None:
                    out.append(_refer(tok.i, tok.i + 1, group, "coref:speaker"))
                continue
            subject = tok.lower_ in _SUBJECT_PRONOUNS and tok.dep_ in ("nsubj", "nsubjpass")
            ahead = _cataphor_subjects(tok, [f for f in acting if f.start < sent.end]) if subject else []
            first = _first_conjunct_subjects(tok, [f for f in acting if sent.start <= f.start < tok.i]) \
                if subject else []
            owners = _owners_of_plural(tok, sent, acting + out, parts) if subject and tok.lower_ == "they" else []
            if ahead:
                out.extend(_refer(tok.i, tok.i + 1, p, "coref:cataphor") for p in ahead)
            elif first:
                out.extend(_refer(tok.i, tok.i + 1, p, "coref:pronoun") for p in first)
            elif owners:
                out.append(_refer(tok.i, tok.i + 1, owners[-1], "coref:pronoun"))
            elif subject and prev is not None:
                for p in _subjects(prev, [f for f in acting if prev.start <= f.start < prev.end]):
                    out.append(_refer(tok.i, tok.i + 1, p, "coref:pronoun"))
            elif tok.lower_ == "it" and tok.dep_ == "pobj" and tok.head.lower_ in ("from", "with", "against"):
                # "a former member of X, he defected from it": the group last named in the sentence
                before = [f for f in acting if sent.start <= f.start and f.end <= tok.i and f.type in _GROUPISH]
                if before:
                    p = before[-1]
                    out.append(_refer(tok.i, tok.i + 1, p, "coref:pronoun"))
            elif tok.lower_ in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass") or \
                    tok.lower_ in ("him", "her") and tok.dep_ in ("dobj", "pobj"):
                person = _person_antecedent(tok, sent, prev, people)
                if person is not None:
                    out.append(_refer(tok.i, tok.i + 1, person, "coref:pronoun"))
            elif tok.lower_ in _POSSESSIVES and tok.dep_ == "poss" and tok.head.lemma_.lower() in parts:
                window = prev.start if prev is not None else sent.start
                prior = [f for f in acting if window <= f.start and f.end <= tok.i]
                if prior:
                    p = _governing_subject(tok, prior) or prior[-1]
                    entry = index.kb.get(p.kb_id) if p.kb_id else None
                    wing = index.wing_of(entry) if entry is not None and tok.head.lemma_.lower() in lex["wing_words"] else None
                    if wing is not None:
                        out.append(Found(tok.i, tok.head.i + 1, f"kb:{wing.id}", wing.name, wing.type,
                                         "coref:pronoun", wing.id))
                    else:
                        out.append(_refer(tok.i, tok.i + 1, p, "coref:pronoun"))
    return out
