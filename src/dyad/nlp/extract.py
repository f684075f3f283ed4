"""Document -> Extraction: the whole reading of one article.

Stages, each a function of plain inputs: mentions (KB ruler, descriptions, demonyms,
NER shape) -> anaphors -> one actor per identity -> aliases and structure -> sentence
interactions, each with certainty, attribution, time, place and the sentence as
evidence.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc, Span

from dyad.kb import KnowledgeBase, load_kb
from dyad.model import (
    UNDATED_CUE,
    Actor,
    Document,
    Evidence,
    Extraction,
    Interaction,
    Mention,
    SameAs,
    StructureClaim,
)
from dyad.nlp.anchoring import DiscourseClock
from dyad.nlp.certainty import CertaintyAssessment, assess
from dyad.nlp.coref import resolve_anaphors, resolve_pronouns
from dyad.nlp.interactions import Candidate, sentence_candidates
from dyad.nlp.mentions import (
    Found,
    KBIndex,
    collective_variants,
    find_mentions,
    kb_key,
    with_holders,
)
from dyad.nlp.names import same_name
from dyad.nlp.pipeline import build_pipeline
from dyad.nlp.places import find_places
from dyad.nlp.structure import (
    aliases_in,
    appositive_role_edges,
    between_edges,
    description_edges,
    membership_edges,
    rename_edges,
)
from dyad.ontology import GROUP_TYPES, SYMMETRIC, happened

# Parts of the reading that can be switched off to measure what each adds (an ablation).
COMPONENTS = ("descriptions", "demonyms", "ner", "collective", "coref", "fallback", "kb_structure", "certainty")


class Extractor:
    """Reads documents into extractions. Build once: it loads the model and the KB.
    ``disabled`` names parts of ``COMPONENTS`` to leave out (for ablations)."""

    def __init__(self, kb: KnowledgeBase | None = None, disabled: Iterable[str] = ()):
        self.kb = kb or load_kb()
        self.index = KBIndex(self.kb)
        self.nlp = build_pipeline(self.kb)
        self.disabled = frozenset(disabled)
        unknown = self.disabled - set(COMPONENTS)
        if unknown:
            raise ValueError(f"E601 unknown component(s) {sorted(unknown)}; known: {', '.join(COMPONENTS)}")

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        pairs = ((d.text, d) for d in documents)
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield read_document(sdoc, document, self.index, self.disabled)


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


def _interaction(c: Candidate, sent: Span, doc_id: str, clock: DiscourseClock, judge: bool = True) -> Interaction:
    # a light verb carries the certainty of the act it names: "could ramp up attacks"
    verdict = assess(sent, c.anchor or c.trigger) if judge else CertaintyAssessment("ASSERTED", None, "")
    places = find_places(sent.text, [(e.start_char - sent.start_char, e.end_char - sent.start_char, e.text)
                                     for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")])
    return Interaction(
        source=c.source.key, target=c.target.key, type=c.type, certainty=verdict.certainty,
        evidence=Evidence(doc_id, sent.start_char, sent.end_char, sent.text),
        time=clock.time_for(c.trigger),
        place=places[0][2] if places else None,
        attributed_to=verdict.attributed_to,
        cue=f"{c.cue}; {verdict.cue}" if verdict.cue else c.cue,
        trigger=c.trigger.text,
    )


def _acting_for(interactions: list[Interaction], structure: list[StructureClaim],
                actors: dict[str, Actor], same: dict[str, str],
                index: KBIndex) -> list[tuple[Interaction, Interaction]]:
    """A person's act counts for the group they belong to (never a FORMER one), and an act on
    a group's member counts against the group. The text's own statement wins; else the KB's
    current tie of a known person (its group joins the actors). Returns pairs of a person's
    claim and the group's claim that replaces it, which names the person in ``via``."""
    def canon(key: str) -> str:
        return same.get(key, key)

    groups: dict[str, str] = {}
    left: dict[str, str] = {}  # a person's former group, for a pledge elsewhere: a defection
    for s in sorted(structure, key=lambda s: (s.origin != "text", s.former)):
        if s.type in ("MEMBER_OF", "LEADER_OF") and s.source in actors and actors[s.source].type == "PERSON":
            groups.setdefault(canon(s.source), "" if s.former else s.target)
            if s.former:
                left.setdefault(canon(s.source), s.target)
    for a in list(actors.values()):
        entry = index.kb.get(a.kb_id) if a.kb_id and a.type == "PERSON" else None
        ties = [e for e in entry.structure if e.type in ("LEADER_OF", "MEMBER_OF") and not e.end] if entry else []
        group = index.kb.get(ties[0].target) if len(ties) == 1 else None
        if group is not None and canon(a.key) not in groups:
            groups[canon(a.key)] = kb_key(group)
            actors.setdefault(kb_key(group), Actor(kb_key(group), group.name, group.type, list(group.aliases), group.id))
    # a leader of a province pledging to its parent pledges the province, not a defection
    under = {(canon(s.source), canon(s.target)) for s in structure if s.type in ("AFFILIATE_OF", "PART_OF")}
    out = []
    for x in interactions:
        src, tgt = groups.get(canon(x.source)) or x.source, groups.get(canon(x.target)) or x.target
        kind = x.type
        if x.type == "ALLEGIANCE" and src == x.source and left.get(canon(x.source)):
            src = left[canon(x.source)]  # "a former X commander joined Y": X lost him to Y
        if x.type == "ALLEGIANCE" and src != x.source and (src, tgt) not in under:
            kind = "DEFECTION"  # a member pledging to another group leaves his own for it
        if (src, tgt) != (x.source, x.target) and src != tgt:
            via = x.source if src != x.source else x.target
            out.append((x, Interaction(src, tgt, kind, x.certainty, x.evidence, x.time, x.place,
                                       x.attributed_to, x.cue + "; via-member", x.trigger, via=via)))
    return out


def _headline_as_body(interactions: list[Interaction], document: Document) -> None:
    """A headline drops the attribution its story gives ("X and Y coordinated" over "...,
    according to Z"): a headline claim the body repeats takes the body's certainty and
    source, from the same claim or else the first body claim of its type."""
    title = document.title or ""
    if not title or not document.text.startswith(title):
        return
    def key(x: Interaction) -> tuple:
        return (x.type, *sorted((x.source, x.target))) if x.type in SYMMETRIC else (x.type, x.source, x.target)

    body: dict[tuple, Interaction] = {}
    for x in interactions:
        if x.evidence.start >= len(title):
            body.setdefault(key(x), x)
            body.setdefault((x.type,), x)
    for x in interactions:
        told = body.get(key(x)) or body.get((x.type,)) if x.evidence.start < len(title) else None
        if told is not None and x.certainty == "ASSERTED":
            x.certainty, x.attributed_to = told.certainty, told.attributed_to
            x.cue += "; as-body"


def _pledges(interactions: list[Interaction], actors: dict[str, Actor]) -> list[StructureClaim]:
    """A group's pledge of allegiance that happened makes it an affiliate (ontology:
    AFFILIATE_OF is a province or franchise that pledged to its parent), from then on."""
    out = []
    for x in interactions:
        kinds = {actors[k].type for k in (x.source, x.target) if k in actors}
        if (x.type == "ALLEGIANCE" and happened(x.certainty) and kinds <= GROUP_TYPES and not x.via
                and "fallback" not in x.cue):
            start = (x.time.start or x.time.end) if x.time and x.time.cue != UNDATED_CUE else None
            out.append(StructureClaim(x.source, x.target, "AFFILIATE_OF", start=start, origin="text",
                                      cue="pledge:" + x.cue.split(";")[0], evidence=x.evidence))
    return out


def read_document(sdoc: Doc, document: Document, index: KBIndex,
                  disabled: frozenset[str] = frozenset()) -> Extraction:
    """Everything dyad reads from one parsed document."""
    found = find_mentions(sdoc, index, disabled)
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
    interactions: list[Interaction] = []
    clock = DiscourseClock(document.published)
    for sent in sents:
        clock.enter(sent)
        in_sent = [f for f in found if sent.start <= f.start < sent.end]
        plain = [f for f in in_sent if not f.cue.startswith("coref")]
        structure += (between_edges(document.id, sent, plain) + rename_edges(document.id, sent, plain)
                      + membership_edges(document.id, sent, plain) + appositive_role_edges(document.id, sent, in_sent))
        for c in sentence_candidates(sent, in_sent, fallback="fallback" not in disabled):
            interactions.append(_interaction(c, sent, document.id, clock, "certainty" not in disabled))
    if "kb_structure" not in disabled:
        structure += _kb_structure(actors, index)
    credited = _acting_for(interactions, structure, actors, {p.drop: p.keep for p in same_as}, index)
    replaced = {id(person_claim) for person_claim, _ in credited}
    interactions = [x for x in interactions if id(x) not in replaced] + [group_claim for _, group_claim in credited]
    _headline_as_body(interactions, document)
    structure += _pledges(interactions, actors)
    mentions = [Mention(document.id, sdoc[f.start].idx, sdoc[f.end - 1].idx + len(sdoc[f.end - 1]),
                        f.span(sdoc).text, f.key, f.cue) for f in found]
    return Extraction(document, list(actors.values()), mentions, structure, interactions, same_as)
