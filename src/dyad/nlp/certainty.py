"""Certainty and attribution of an extracted interaction: how sure the text is, and who says so.

A trigger ("trained", "attack", "met") sits in a sentence that may deny it, make it
conditional, hedge it or attribute it to someone. A cue word from
``lexicons/certainty.yaml`` counts only when it governs the trigger, so that in "X
attacked Y, but Z did not respond" the negation stays with "respond". Governing is read
off the dependency tree, walking up from the trigger:

* the trigger's own modifiers always count ("did not attack", "the alleged training");
* through a to-infinitive every cue of the governing verb counts ("did not try to
  attack" is negated, "threatened to attack" hypothetical);
* through a that-clause the governing verb itself and its hedges count, not its
  negation or modals ("officials did not say that ..." negates nothing);
* a nominal trigger takes the cues of a light verb that carries it ("did not carry out
  the attack"), of a copula ("is not an attack") or of a governing word ("denied the
  attack", "called for attacks"), not those of any other verb ("did not condemn the attack");
* a coordinated verb with no subject of its own shares its partner's modifiers, a
  finite one only its hedges ("did not attack the base and fled": "fled" is asserted);
* relative and adverbial clauses end the reach of everything but attribution:
  "officials said" still covers "Hamas fled after it attacked".

``attributed_to`` names the source whenever one governs the trigger, even when a
stronger certainty wins ("Hamas did not attack, the army said": NEGATED, "the army").

Parses of the small model are imperfect, so a hedge word just before the trigger counts
even when the parser attached it elsewhere.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from dyad.ontology import CERTAINTIES, check

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

ASSERTED = check("certainty", "ASSERTED")
REPORTED = check("certainty", "REPORTED")
ALLEGED = check("certainty", "ALLEGED")
NEGATED = check("certainty", "NEGATED")
HYPOTHETICAL = check("certainty", "HYPOTHETICAL")

_WORD_SLOTS = ("adverbs", "determiners", "subjects", "adjectives", "modals", "perfect_modals", "progressive_modals",
               "conjunctions", "governors")
_SLOTS = ("label", *_WORD_SLOTS)
_REPORTING_LISTS = ("speech_verbs", "hedge_verbs", "passive_hedges", "according", "document_nouns", "source_prepositions",
                    "unnamed_sources")
_SUPPORT_LISTS = ("light_words", "occurrence_words", "resolutions", "stances")
# Which lexicon slot a modifier of a governing word is looked up in, by its dependency.
_SLOT_OF_DEP = {"neg": "adverbs", "advmod": "adverbs", "npadvmod": "adverbs", "preconj": "determiners",
                "det": "determiners", "amod": "adjectives", "acomp": "adjectives", "mark": "conjunctions"}
# Links through which a trigger is an object of its head: they carry cues only when the
# head is a light word or a governing word.
_OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "oprd", "prep", "acl", "pobj", "pcomp"})
_MODAL_LABEL = "modal"
# Punctuation that ends a source's name ("a spokesman, Siddiqui, the Taliban" is a parse slip).
_NAME_BOUNDARIES = frozenset({",", ";", ":", "(", ")", "[", "]", '"', "“", "”", "—", "–"})


@dataclass(frozen=True)
class CertaintyAssessment:
    """How sure the text is about one interaction, who says so, and the cue that decided."""

    certainty: str  # a code of dyad.ontology.CERTAINTIES
    attributed_to: str | None  # the named source, as written ("Israeli intelligence")
    cue: str  # "neg:not", "modal:could", "hedge:reportedly", "report:according to"; "" when asserted


@dataclass(frozen=True)
class CertaintyCues:
    """The cue lexicon: words per certainty and slot, reporting words, and precedence."""

    precedence: tuple[str, ...]
    outer_wins: tuple[str, str]
    words: dict[tuple[str, str], frozenset[str]]  # (certainty, slot) -> words
    labels: dict[str, str]
    reporting: dict[str, frozenset[str]]
    support: dict[str, frozenset[str]]  # light_words, occurrence_words, resolutions, stances

    def match(self, certainty: str, slot: str, forms: Iterable[str]) -> str | None:
        """The first of ``forms`` listed under ``certainty``/``slot``, if any."""
        words = self.words.get((certainty, slot), frozenset())
        return next((f for f in forms if f in words), None)

    def any_governor(self, keys: Iterable[str]) -> bool:
        return any(self.match(c, "governors", keys) for c in self.precedence)


def load_cues(*extra: str | Path) -> CertaintyCues:
    """The built-in lexicon, with the lists of each ``extra`` YAML file added to it.

    An extra file has the layout of ``lexicons/certainty.yaml``; its lists extend the
    built-in ones and its ``precedence``/``outer_wins``/``label`` values replace them.
    """
    builtin = resources.files("dyad.nlp").joinpath("lexicons/certainty.yaml")
    raw = _read_yaml(builtin.read_text(encoding="utf-8"), str(builtin))
    for path in extra:
        _merge(raw, _read_yaml(Path(path).read_text(encoding="utf-8"), str(path)))
    return _build(raw)


@lru_cache(maxsize=1)
def default_cues() -> CertaintyCues:
    """The built-in lexicon, read once."""
    return load_cues()


def assess(sentence: Span, trigger: Token, context: Span | None = None, *,
           cues: CertaintyCues | None = None) -> CertaintyAssessment:
    """Certainty, source and deciding cue of the interaction that ``trigger`` names.

    ``context`` (the previous sentences of the paragraph) is read only to name the source
    when the sentence attributes to a pronoun: "They said ...".
    """
    if trigger.doc is not sentence.doc or not sentence.start <= trigger.i < sentence.end:
        raise ValueError(f"E470 trigger {trigger.text!r} (token {trigger.i}) is not inside the sentence "
                         f"{sentence.text!r}; pass the sentence that contains the trigger")
    cues = cues or default_cues()
    scopes = _scopes(sentence, trigger, cues)
    found = [*_cues_of_scopes(scopes, cues, context), *_according_to(sentence, scopes, cues, context),
             *_hedges_before(sentence, trigger, cues), *_question(sentence, scopes, cues)]
    certainty, cue = _decide(found, cues)
    source = next((f.source for f in sorted(found, key=lambda f: f.depth) if f.source), None)
    return CertaintyAssessment(certainty, source, cue)


# ----------------------------------------------------------------------------- lexicon


def _read_yaml(text: str, where: str) -> dict:
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"E471 {where}: not valid YAML ({exc}); fix the syntax") from exc
    if not isinstance(raw, dict):
        raise ValueError(f"E471 {where}: expected a mapping of certainty codes to cue lists")
    unknown = set(raw) - {*CERTAINTIES, "precedence", "outer_wins", "support"}
    if unknown:
        raise ValueError(f"E472 {where}: unknown key(s) {sorted(unknown)}; use certainty codes "
                         f"({', '.join(CERTAINTIES)}), precedence, outer_wins or support")
    for code in CERTAINTIES:
        slots = set(raw.get(code) or {}) - {*_SLOTS, *(_REPORTING_LISTS if code == REPORTED else ())}
        if slots:
            raise ValueError(f"E472 {where}: unknown slot(s) {sorted(slots)} under {code}; "
                             f"known slots are {', '.join(_SLOTS)}")
    return raw


def _merge(into: dict, extra: dict) -> None:
    for key, value in extra.items():
        if isinstance(value, dict):
            section = into.setdefault(key, {})
            for slot, words in value.items():
                section[slot] = [*section.get(slot, []), *words] if isinstance(words, list) else words
        else:
            into[key] = value


def _words(values: list, where: str) -> frozenset[str]:
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        raise ValueError(f"E472 {where}: entries {bad} are not words; quote them (YAML reads bare no/yes/on/off "
                         "as booleans)")
    return frozenset(v.lower() for v in values)


def _build(raw: dict) -> CertaintyCues:
    precedence = tuple(raw["precedence"])
    if sorted(precedence) != sorted(CERTAINTIES):
        raise ValueError(f"E473 precedence {list(precedence)} must list each certainty once: {', '.join(CERTAINTIES)}")
    outer_wins = tuple(raw["outer_wins"])
    if len(outer_wins) != 2 or not set(outer_wins) <= set(CERTAINTIES):
        raise ValueError(f"E473 outer_wins {list(outer_wins)} must name two certainties")
    words, labels = {}, {}
    for code in CERTAINTIES:
        section = raw.get(code) or {}
        labels[code] = section.get("label", code.lower())
        for slot in _WORD_SLOTS:
            words[(code, slot)] = _words(section.get(slot, []), f"{code}.{slot}")
    reporting = {name: _words((raw.get(REPORTED) or {}).get(name, []), f"{REPORTED}.{name}")
                 for name in _REPORTING_LISTS}
    support = {name: _words((raw.get("support") or {}).get(name, []), f"support.{name}") for name in _SUPPORT_LISTS}
    return CertaintyCues(precedence, outer_wins, words, labels, reporting, support)


# ----------------------------------------------------------------------------- scopes


@dataclass(frozen=True)
class _Scope:
    """A word on the trigger's head chain, and how far its cues reach the trigger."""

    token: Token
    depth: int  # links above the trigger
    reach: str  # "all" modifiers count | "hedges" only | "attribution" only
    keys: tuple[str, ...]  # lexicon forms of the word as a governor; () when it does not govern


@dataclass(frozen=True)
class _Found:
    certainty: str
    cue: str
    depth: float  # how high above the trigger the cue sits: the outermost one scopes over the rest
    source: str | None = None


def _scopes(sentence: Span, trigger: Token, cues: CertaintyCues) -> list[_Scope]:
    """The trigger and every word above it, each with the reach of its cues."""
    scopes = [_Scope(trigger, 0, "all", ())]
    node, loose = trigger, False
    while node.head.i != node.i and sentence.start <= node.head.i < sentence.end:
        head, via = node.head, node.dep_
        keys = _keys(head, node)
        if loose:
            reach = "attribution"
        elif via == "conj":
            reach, keys = _shared_reach(node), ()
        elif via in ("xcomp", "acomp") or via == "attr" and head.lemma_ == "be":
            reach = "all"  # "is not an attack on X" denies the attack
        elif via == "ccomp":
            reach = "hedges"
        elif via == "nsubj" and any(k in cues.support["occurrence_words"] for k in keys):
            reach = "all"
        elif via in _OBJECT_DEPS and (cues.any_governor(keys) or any(k in cues.support["light_words"] for k in keys)
                                     or head.pos_ == "ADP"):
            reach = "all"
        else:
            reach, loose = "attribution", True
        scopes.append(_Scope(head, scopes[-1].depth + 1, reach, keys))
        node = head
    return scopes


def _shared_reach(conjunct: Token) -> str:
    """How much of its partner's modifiers a coordinated word shares.

    Nouns share all ("no training or funding"). A verb with a subject of its own shares
    none; a finite verb keeps its own tense, so it shares hedges but not auxiliaries or
    negation ("did not attack and fled"), unless "neither ... nor" joins the two.
    """
    if conjunct.pos_ not in ("VERB", "AUX"):
        return "all"
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in conjunct.children):
        return "attribution"
    nor = any(c.dep_ == "cc" and c.lower_ == "nor" for c in conjunct.head.children)
    return "hedges" if conjunct.tag_ in ("VBD", "VBZ", "VBP") and not nor else "all"


def _keys(head: Token, child: Token) -> tuple[str, ...]:
    """Forms under which ``head`` may be listed as governing ``child``: "call for", "fail to", "rule out"."""
    suffixes = [c.lower_ for c in head.children if c.dep_ == "prt"]
    if child.dep_ == "prep":
        suffixes.append(child.lower_)
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in child.children):
        suffixes.append("to")
    bases = dict.fromkeys((head.lemma_.lower(), head.lower_))
    return tuple(f"{b} {s}" for b in bases for s in suffixes) + tuple(bases)


def _cues_of_scopes(scopes: list[_Scope], cues: CertaintyCues, context: Span | None) -> Iterator[_Found]:
    for scope in scopes:
        if scope.reach != "attribution":
            yield from _modifier_cues(scope, cues)
            yield from _governor_cues(scope, cues, scopes[0].token)
        if scope.keys:
            yield from _speech(scope.token, scope.depth, cues, context)
        for child in scope.token.children:
            if child.dep_ == "parataxis":  # "Hamas attacked the base, officials said"
                yield from _speech(child, scope.depth, cues, context)


def _modifier_cues(scope: _Scope, cues: CertaintyCues) -> Iterator[_Found]:
    """Cues among the modifiers of a word on the chain: "not", "could", "alleged", "if", "no"."""
    certainties = (ALLEGED,) if scope.reach == "hedges" else cues.precedence
    for child in scope.token.children:
        slot = _SLOT_OF_DEP.get(child.dep_)
        if slot:
            forms = (child.lower_, child.lemma_.lower(), _text(child.subtree).lower())
            for code in certainties:
                word = cues.match(code, slot, forms)
                if word:
                    yield _Found(code, f"{cues.labels[code]}:{word}", scope.depth)
        elif child.dep_ == "aux" and child.tag_ == "MD" and scope.reach == "all":
            yield from _modal(scope, child, cues)
        elif child.dep_ in ("nsubj", "nsubjpass") and scope.reach == "all":
            yield from _negative_subject(scope, child, cues)


def _modal(scope: _Scope, modal: Token, cues: CertaintyCues) -> Iterator[_Found]:
    """"could attack" is hypothetical; "may have provided" hedges a past event, and "would
    be hiring" (the reportative conditional of translated news) an ongoing one."""
    forms = (modal.lower_, modal.lemma_.lower())
    perfect = scope.token.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" and c.i > modal.i for c in scope.token.children)
    progressive = scope.token.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.lemma_ == "be" and c.i > modal.i for c in scope.token.children) and not _on_condition(
        scope.token, cues)
    hedge = perfect and cues.match(ALLEGED, "perfect_modals", forms)
    ongoing = progressive and cues.match(ALLEGED, "progressive_modals", forms)
    if hedge:
        yield _Found(ALLEGED, f"{_MODAL_LABEL}:{hedge} have", scope.depth)
    elif ongoing:
        yield _Found(ALLEGED, f"{_MODAL_LABEL}:{ongoing} be", scope.depth)
    elif word := cues.match(HYPOTHETICAL, "modals", forms):
        yield _Found(HYPOTHETICAL, f"{_MODAL_LABEL}:{word}", scope.depth)


def _on_condition(verb: Token, cues: CertaintyCues) -> bool:
    """Whether an if-clause hangs on the verb: "if the talks fail, X would be attacking"."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and cues.match(HYPOTHETICAL, "conjunctions", (m.lower_,))
                                         for m in c.children) for c in verb.children)


def _negative_subject(scope: _Scope, subject: Token, cues: CertaintyCues) -> Iterator[_Found]:
    """"Nobody attacked", "neither Hamas nor Fatah attacked", "no group attacked"."""
    word = cues.match(NEGATED, "subjects", (subject.lower_, _text(subject.subtree).lower())) or next(
        (w for c in subject.children if c.dep_ in ("det", "preconj")
         for w in [cues.match(NEGATED, "determiners", (c.lower_,))] if w), None)
    if word:
        yield _Found(NEGATED, f"{cues.labels[NEGATED]}:{word}", scope.depth)


def _governor_cues(scope: _Scope, cues: CertaintyCues, trigger: Token) -> Iterator[_Found]:
    """"refused to", "threatened to", "called for", "seem to": the word the trigger completes.

    Inside its own modifiers (depth - 0.5): "did not threaten to attack" negates the threat.
    A passive hedge verb judges rather than intends: "are considered supporters" is ALLEGED
    (see ``_speech``), "considered attacking" hypothetical.
    """
    verb = scope.token
    if verb.lemma_.lower() in cues.reporting["passive_hedges"] and any(c.dep_ == "auxpass" for c in verb.children):
        return
    stance = trigger.lemma_.lower() in cues.support["stances"]
    for code in cues.precedence:
        word = cues.match(code, "governors", scope.keys)
        if word and not (stance and word in cues.support["resolutions"]):
            yield _Found(code, f"{cues.labels[code]}:{word}", scope.depth - 0.5)


# ----------------------------------------------------------------------------- attribution


def _speech(verb: Token, depth: float, cues: CertaintyCues, context: Span | None) -> Iterator[_Found]:
    """"X said/suggests that ...": REPORTED by X; ALLEGED when no one is named for a hedge,
    or when a passive leaves the speaker out ("is said to", "was accused of")."""
    lemma = verb.lemma_.lower()
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    speech = lemma in cues.reporting["speech_verbs"]
    hedge = lemma in cues.reporting["hedge_verbs"] or passive and lemma in cues.reporting["passive_hedges"]
    if not (speech or hedge):
        return
    if passive:
        who = next((g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
    else:
        who = _subject(verb)
    name, named = _source_name(who, cues, context) if who is not None else (None, False)
    if who is not None and (speech or named):
        yield _Found(REPORTED, f"{cues.labels[REPORTED]}:{verb.lower_}", depth, name)
    else:
        yield _Found(ALLEGED, f"{cues.labels[ALLEGED]}:{verb.lower_}", depth)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it continues ("said ... and added", "said ..., adding")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None or not (verb.dep_ == "conj" or verb.dep_ == "advcl" and verb.tag_ == "VBG"):
            return subject
        verb = verb.head


def _source_name(who: Token, cues: CertaintyCues, context: Span | None) -> tuple[str | None, bool]:
    """The source as written, and whether it names anyone ("reports" and "evidence" do not).

    A document stands for its author ("Israeli intelligence reports" -> "Israeli
    intelligence", "a report by the UN" -> "the UN"); documents with no author ("recent
    reports") name no one, except a single one the text points at ("the report said").
    A pronoun is named from ``context``.
    """
    if who.tag_ == "PRP":
        return (_last_source(context, cues) if context is not None else None), True
    words = _noun_phrase(who, cues)
    if who.lemma_.lower() in cues.reporting["document_nouns"] or who.lower_ in cues.reporting["document_nouns"]:
        author = next((g for p in who.children if p.dep_ == "prep" and p.lower_ in ("by", "from")
                       for g in p.children if g.dep_ == "pobj"), None)
        if author is not None:
            return _source_name(author, cues, context)
        naming = [t for t in words if t.i < who.i and (t.pos_ in ("PROPN", "NOUN") or t.ent_type_)]
        if naming:
            words = [t for t in words if naming[0].left_edge.i <= t.i <= naming[-1].i]
        elif who.tag_ == "NNS":
            return None, False
    text = _text(words)
    bare = _text(words[1:] if words[0].dep_ == "det" else words).lower()
    if bare in cues.reporting["unnamed_sources"]:
        return None, False
    return text, True


def _noun_phrase(head: Token, cues: CertaintyCues) -> list[Token]:
    """``head`` and the contiguous modifiers that belong to its name.

    Appositions, relative clauses and most prepositional phrases are left out: "Iván
    Duque, the president, said" -> "Iván Duque"; "officials in the past" -> "officials".
    """
    def belongs(child: Token) -> bool:
        if child.dep_ == "prep":
            return child.lower_ in cues.reporting["source_prepositions"]
        return child.dep_ not in ("appos", "relcl", "acl", "advcl")

    doc = head.doc
    dropped = {t.i for c in head.children if not belongs(c) for t in c.subtree}
    dropped |= {t.i for t in head.subtree if t.text in _NAME_BOUNDARIES}
    start, end = head.i, head.i
    while start > head.left_edge.i and start - 1 not in dropped:
        start -= 1
    while end < head.right_edge.i and end + 1 not in dropped:
        end += 1
    return list(doc[start:end + 1])


def _last_source(context: Span, cues: CertaintyCues) -> str | None:
    """The last source named in ``context``, for "They said ..." in the next sentence."""
    found = [(verb.i, f.source) for verb in context for f in _speech(verb, 0, cues, None) if f.source]
    found += [(who.i, name) for _, who, _ in _according_phrases(context, cues)
              for name in [_source_name(who, cues, None)[0]] if name]
    return max(found)[1] if found else None


def _according_phrases(span: Span, cues: CertaintyCues) -> Iterator[tuple[Token, Token, str]]:
    """(the word the phrase attaches to, its source, the phrase) for each "according to X" in ``span``."""
    lowered = {t.lower_ for t in span}
    for phrase in cues.reporting["according"]:
        size = len(phrase.split())
        if phrase.split()[0] not in lowered:
            continue  # most sentences hold no such phrase: skip the scan
        for start in range(span.start, span.end - size + 1):
            words = span.doc[start:start + size]
            who = next((c for c in words[-1].children if c.dep_ == "pobj"), None)
            if words.text.lower() != phrase or who is None:
                continue
            attached = words[0]
            while words.start <= attached.i < words.end and attached.head.i != attached.i:
                attached = attached.head
            yield attached, who, phrase


def _according_to(sentence: Span, scopes: list[_Scope], cues: CertaintyCues, context: Span | None) -> Iterator[_Found]:
    """"According to X, ..." attributes the clause it attaches to, and everything below it."""
    depth_of = {s.token.i: s.depth for s in scopes}
    for attached, who, phrase in _according_phrases(sentence, cues):
        if attached.i in depth_of:
            name, _ = _source_name(who, cues, context)
            yield _Found(REPORTED, f"{cues.labels[REPORTED]}:{phrase}", depth_of[attached.i], name)


# ----------------------------------------------------------------------------- fallbacks


def _hedges_before(sentence: Span, trigger: Token, cues: CertaintyCues) -> Iterator[_Found]:
    """A hedge adverb or adjective right before the trigger, wherever the parser attached it."""
    for token in sentence.doc[max(sentence.start, trigger.i - 2):trigger.i]:
        if token.pos_ not in ("ADV", "ADJ"):
            continue  # "the army reported attacks": a verb, not a hedge
        for slot in ("adverbs", "adjectives"):
            word = cues.match(ALLEGED, slot, (token.lower_,))
            if word:
                yield _Found(ALLEGED, f"{cues.labels[ALLEGED]}:{word}", 0)


def _question(sentence: Span, scopes: list[_Scope], cues: CertaintyCues) -> Iterator[_Found]:
    """A question asks whether the act happened; it scopes over everything in the sentence."""
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    if last is not None and last.text == "?":
        yield _Found(HYPOTHETICAL, f"{cues.labels[HYPOTHETICAL]}:?", scopes[-1].depth + 1)


def _decide(found: list[_Found], cues: CertaintyCues) -> tuple[str, str]:
    """The certainty by precedence, except that the outer of the ``outer_wins`` pair wins."""
    by_code = {code: sorted((f for f in found if f.certainty == code), key=lambda f: f.depth)
               for code in cues.precedence}
    first, second = cues.outer_wins
    if by_code[first] and by_code[second]:
        winner = first if by_code[first][-1].depth >= by_code[second][-1].depth else second
        return winner, by_code[winner][-1].cue
    for code in cues.precedence:
        if by_code[code]:
            return code, by_code[code][0].cue
    return ASSERTED, ""


def _text(tokens: Iterable[Token]) -> str:
    """The text of ``tokens`` with their original spacing."""
    return "".join(t.text_with_ws for t in tokens).strip()
