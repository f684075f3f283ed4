"""Read a parsed document up to its interactions.

Mentions (KB ruler, descriptions, demonyms, NER shape) -> anaphors -> one actor per
identity -> aliases and structure; then, sentence by sentence, the discourse clock and
the candidates the role rules propose. What is read here is plain data
(:class:`Reading`): the relation model (``dyad.learn``) or the rules alone decide the
interactions from it.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyad.model import Actor, Document, Evidence, Interaction, SameAs, StructureClaim
from dyad.nlp.abbreviations import declared_abbreviations
from dyad.nlp.ambiguous import ambiguous_mentions
from dyad.nlp.anchoring import DiscourseClock
from dyad.nlp.group_names import group_name_mentions
from dyad.nlp.certainty import CertaintyAssessment, assess
from dyad.nlp.coref import resolve_anaphors, resolve_pronouns
from dyad.nlp.interactions import Candidate, sentence_candidates
from dyad.nlp.mentions import Found, KBIndex, collective_variants, find_mentions, kb_key, with_holders
from dyad.nlp.names import same_name
from dyad.nlp.places import find_places
from dyad.nlp.structure import (
    aliases_in,
    appositive_role_edges,
    between_edges,
    description_edges,
    membership_edges,
    rename_edges,
)


def same_actors(found: list[Found], declared: dict[str, str]) -> list[SameAs]:
    """Text-only names of one document that denote one actor: spellings of one another,
    a person named later by surname alone, and aliases the text declared ("X (Y)").
    Proposed, not applied: the store records each as a merge an analyst can undo."""
    out = [SameAs(keep, drop, "declared alias in the text") for drop, keep in declared.items()]
    names: dict[str, Found] = {}
    for f in sorted((f for f in found if f.key.startswith("x:")), key=lambda f: -(f.end - f.start)):
        if f.key in declared or f.key in names:
            continue
        for key, other in names.items():
            if other.type != f.type:
                continue
            if same_name(other.name, f.name):
                out.append(SameAs(key, f.key, f"same name spelled differently: {other.name!r} ~ {f.name!r}"))
                break
            if f.type == "PERSON" and len(f.name.split()) == 1 and same_name(other.name.split()[-1], f.name):
                out.append(SameAs(key, f.key, f"surname of {other.name!r} in the same document"))
                break
        else:
            names[f.key] = f
    return out


# Mentions whose words name something else: a place its holder rules ("Gaza"), a parent
# read as its affiliate ("the Islamic State" in a report on Sinai), several groups at once,
# a state's forces by their generic name ("the army"). They refer to the actor; they are no
# alias of it.
_NOT_NAMES = frozenset({"holder", "description:salient-affiliate", "description:place-in-sentence",
                        "description:in-place", "description:place-based", "collective:enumerated", "generic-force",
                        "demonym:coordinated"})


def _actors(doc: Doc, found: list[Found], index: KBIndex, extra_aliases: dict[str, set[str]]) -> dict[str, Actor]:
    actors: dict[str, Actor] = {}
    for f in found:
        surface = f.span(doc).text
        a = actors.get(f.key)
        if a is None:
            entry = index.kb.get(f.kb_id) if f.kb_id else None
            kb_names = [*entry.aliases, *entry.descriptions] if entry else []
            a = actors[f.key] = Actor(f.key, f.name, f.type, [n for n in kb_names if n != f.name], f.kb_id)
        if not f.cue.startswith("coref") and f.cue not in _NOT_NAMES and surface != a.name and surface not in a.aliases:
            a.aliases.append(surface)
        if f.cue == "collective":
            a.aliases.extend(v for v in collective_variants(f.span(doc)) if v not in a.aliases and v != a.name)
    for key, names in extra_aliases.items():
        if key in actors:
            actors[key].aliases.extend(n for n in sorted(names) if n not in actors[key].aliases and n != actors[key].name)
    return actors


def _kb_structure(actors: dict[str, Actor], index: KBIndex) -> list[StructureClaim]:
    """Knowledge-base edges of the document's actors. A group's parent (PART_OF, AFFILIATE_OF,
    RENAMED_FROM, SPLINTER_OF, MERGED_INTO) and a force's state join the actor list even when
    the text does not name them; a person's ties count only to groups the text names."""
    out = []
    named = set(actors)
    for a in list(actors.values()):
        entry = index.kb.get(a.kb_id) if a.kb_id else None
        if entry is None:
            continue
        for edge in entry.structure:
            target = index.kb.get(edge.target)
            if target is None or (edge.type in ("MEMBER_OF", "LEADER_OF") and kb_key(target) not in named):
                continue
            if kb_key(target) not in actors:
                actors[kb_key(target)] = Actor(kb_key(target), target.name, target.type, list(target.aliases), target.id)
            out.append(StructureClaim(a.key, kb_key(target), edge.type, edge.start, edge.end, origin="kb",
                                      cue=f"kb:{entry.id}"))
        state = index.state_of(entry) if entry.type == "STATE_FORCE" else None
        if state is not None and all(e.target != state.id for e in entry.structure):
            if kb_key(state) not in actors:
                actors[kb_key(state)] = Actor(kb_key(state), state.name, state.type, list(state.aliases), state.id)
            out.append(StructureClaim(a.key, kb_key(state), "PART_OF", origin="kb", cue=f"kb:{entry.id}:state"))
    return out


def claim(source: str, target: str, kind: str, sent: Span, trigger: Token, clock: DiscourseClock, cue: str,
           doc_id: str, judge: bool = True, anchor: Token | None = None, confidence: float | None = None,
           memo: dict | None = None) -> Interaction:
    """One claim read from a sentence, with its certainty, source, time and place.
    ``memo`` (one per document) keeps the certainty and places of a sentence and anchor
    for the next claim made there: the model often claims several pairs or types at once."""
    key = (sent.start, (anchor or trigger).i)
    if memo is not None and key in memo:
        verdict, places = memo[key]
    else:
        # a light verb carries the certainty of the act it names: "could ramp up attacks"
        verdict = assess(sent, anchor or trigger) if judge else CertaintyAssessment("ASSERTED", None, "")
        places = find_places(sent.text, [(e.start_char - sent.start_char, e.end_char - sent.start_char, e.text)
                                         for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")])
        if memo is not None:
            memo[key] = verdict, places
    return Interaction(
        source=source, target=target, type=kind, certainty=verdict.certainty,
        evidence=Evidence(doc_id, sent.start_char, sent.end_char, sent.text),
        time=clock.time_for(trigger),
        place=places[0][2] if places else None,
        attributed_to=verdict.attributed_to,
        cue=f"{cue}; {verdict.cue}" if verdict.cue else cue,
        trigger=trigger.text,
        confidence=confidence,
    )


@dataclass
class Reading:
    """A document read up to its interactions: who is named where, what structure the text
    and the KB give, the discourse clock at each sentence, and what the role rules
    propose in each sentence. The relation model decides from it."""

    sdoc: Doc
    document: Document
    found: list[Found]
    actors: dict[str, Actor]
    same_as: list[SameAs]
    structure: list[StructureClaim]
    sentences: list[Span]
    clocks: list[DiscourseClock]
    rules: dict[int, list[Candidate]]
    disabled: frozenset[str] = frozenset()
    countries: dict[str, frozenset[str]] = field(default_factory=dict)  # KB actors' theatres (ISO alpha-2)

    def judge(self) -> bool:
        return "certainty" not in self.disabled


def read_parts(sdoc: Doc, document: Document, index: KBIndex, disabled: frozenset[str] = frozenset(),
               linker=None) -> Reading:
    """Mentions, actors, structure and the rules' candidates of one parsed document;
    ``linker`` places generic references in a state (:mod:`dyad.nlp.state_reference`)."""
    found = find_mentions(sdoc, index, disabled, linker)
    if "abbreviations" not in disabled:
        found = declared_abbreviations(sdoc, found, index)
    if "kb_context" not in disabled:
        found = ambiguous_mentions(sdoc, found, index)
    if "group_names" not in disabled:
        found = group_name_mentions(sdoc, found, index)
    if "descriptions" not in disabled:
        found = with_holders(sdoc, found, index, document.published)
    if "coref" not in disabled:
        described = sorted(found + resolve_anaphors(sdoc, found, index), key=lambda f: (f.start, f.key))
        found = sorted(described + resolve_pronouns(sdoc, described, index), key=lambda f: (f.start, f.key))
    sents = list(sdoc.sents)
    alias_findings = [a for s in sents for a in aliases_in(s, [f for f in found if s.start <= f.start < s.end])]
    same_as = same_actors(found, {a.merge_key: a.actor for a in alias_findings if a.merge_key})
    extra: dict[str, set[str]] = {}
    for a in alias_findings:
        extra.setdefault(a.actor, set()).add(a.alias)
    actors = _actors(sdoc, found, index, extra)

    structure = description_edges(document.id, sdoc, found)
    clock = DiscourseClock(document.published)
    clocks, rules = [], {}
    for i, sent in enumerate(sents):
        clock.enter(sent)
        clocks.append(copy.copy(clock))  # time_for reads a snapshot; only enter() moves the clock
        in_sent = [f for f in found if sent.start <= f.start < sent.end]
        plain = [f for f in in_sent if not f.cue.startswith("coref")]
        structure += (between_edges(document.id, sent, plain) + rename_edges(document.id, sent, plain)
                      + membership_edges(document.id, sent, plain) + appositive_role_edges(document.id, sent, in_sent))
        rules[i] = sentence_candidates(sent, in_sent, fallback="fallback" not in disabled)
    if "kb_structure" not in disabled:
        structure += _kb_structure(actors, index)
    return Reading(sdoc, document, found, actors, same_as, structure, sents, clocks, rules, disabled,
                   actor_countries(actors, index))


def actor_countries(actors: dict[str, Actor], index: KBIndex) -> dict[str, frozenset[str]]:
    """The countries the knowledge base places each actor in; a force named after its state
    ("kb:mexico#police") is in the state's. Text-only actors have none."""
    out = {}
    for key, actor in actors.items():
        entry = index.kb.get(actor.kb_id or key.partition("#")[0].removeprefix("kb:")) if key.startswith("kb:") else None
        codes = () if entry is None else entry.country or tuple(filter(None, [entry.iso2]))
        if codes:
            out[key] = frozenset(codes)
    return out


def rule_claims(reading: Reading) -> list[Interaction]:
    """The role rules' own reading: every candidate they propose becomes a claim."""
    out = []
    for i, candidates in reading.rules.items():
        sent, clock = reading.sentences[i], reading.clocks[i]
        for c in candidates:
            out.append(claim(c.source.key, c.target.key, c.type, sent, c.trigger, clock, c.cue, reading.document.id,
                              reading.judge(), c.anchor))
    return out


