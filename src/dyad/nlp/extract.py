"""Document -> Extraction: the whole reading of one article.

Stages, each a function of plain inputs: :func:`dyad.nlp.reading.read_parts` finds the
actors, their structure and the rules' candidates; the relation model
(:mod:`dyad.learn`) decides which interactions the text states, each with certainty,
attribution, time, place, the sentence as evidence and the model's confidence; last,
members' acts are credited to their groups and pledges become affiliation.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.tokens import Doc

from dyad.kb import KnowledgeBase, load_kb
from dyad.learn.claims import ON_PATH, model_claims
from dyad.learn.model import RelationModel, load_model
from dyad.model import UNDATED_CUE, Actor, Document, Extraction, Interaction, Mention, StructureClaim
from dyad.nlp.mentions import KBIndex, kb_key
from dyad.nlp.pipeline import build_pipeline
from dyad.nlp.reading import Reading, read_parts, rule_claims
from dyad.nlp.state_reference import StateLinker, default_linker
from dyad.ontology import GROUP_TYPES, SYMMETRIC, happened

# Parts of the reading that can be switched off to measure what each adds (an ablation);
# "model" leaves the decisions to the role rules alone.
COMPONENTS = ("descriptions", "demonyms", "ner", "abbreviations", "kb_context", "group_names",
              "collective", "coref", "fallback", "kb_structure",
              "certainty",
              "model")


class Extractor:
    """Reads documents into extractions. Build once: it loads the spaCy pipeline, the KB and
    the relation model (``model``: a trained model file; default the one dyad ships).
    ``disabled`` names parts of ``COMPONENTS`` to leave out (for ablations); ``linker``
    places generic references in a state (default: the model's own, else the shipped one)."""

    def __init__(self, kb: KnowledgeBase | None = None, disabled: Iterable[str] = (),
                 model: RelationModel | str | Path | None = None, linker: StateLinker | None = None):
        self.kb = kb or load_kb()
        self.index = KBIndex(self.kb)
        self.nlp = build_pipeline(self.kb)
        self.disabled = frozenset(disabled)
        unknown = self.disabled - set(COMPONENTS)
        if unknown:
            raise ValueError(f"E601 unknown component(s) {sorted(unknown)}; known: {', '.join(COMPONENTS)}")
        if "model" in self.disabled:
            self.relations = None
        else:
            self.relations = model if isinstance(model, RelationModel) else load_model(model)
        # resolved once here, not per document
        self.linker = linker or (self.relations.linker if self.relations is not None else None) or default_linker()

    def extract(self, document: Document) -> Extraction:
        return next(self.extract_many([document]))

    def readings(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Reading]:
        """Documents read up to their interactions (what training and the model start from)."""
        pairs = ((d.text, d) for d in documents)
        for sdoc, document in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield read_parts(sdoc, document, self.index, self.disabled, self.linker)

    def extract_many(self, documents: Iterable[Document], batch_size: int = 16) -> Iterator[Extraction]:
        for reading in self.readings(documents, batch_size):
            yield self.finish(reading)

    def finish(self, reading: Reading) -> Extraction:
        claims = model_claims(reading, self.relations) if self.relations is not None else rule_claims(reading)
        return finish(reading, claims, self.index)


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
                                       x.attributed_to, x.cue + "; via-member", x.trigger, via=via,
                                       confidence=x.confidence)))
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


def _read_as_pledge(x: Interaction) -> bool:
    """Whether the text itself says the pledge: the rules read it from the parse, or the
    model's claim joins the two by a pledge word (structure is a stronger statement than
    an event, so a guess from context alone does not make an affiliate)."""
    head = x.cue.split(";")[0]
    return "fallback" not in head and (not head.startswith("model:") or ON_PATH in head)


def _pledges(interactions: list[Interaction], actors: dict[str, Actor]) -> list[StructureClaim]:
    """A group's pledge of allegiance that happened makes it an affiliate (ontology:
    AFFILIATE_OF is a province or franchise that pledged to its parent), from then on."""
    out = []
    for x in interactions:
        kinds = {actors[k].type for k in (x.source, x.target) if k in actors}
        if (x.type == "ALLEGIANCE" and happened(x.certainty) and kinds <= GROUP_TYPES and not x.via
                and _read_as_pledge(x)):
            start = (x.time.start or x.time.end) if x.time and x.time.cue != UNDATED_CUE else None
            out.append(StructureClaim(x.source, x.target, "AFFILIATE_OF", start=start, origin="text",
                                      cue="pledge:" + x.cue.split(";")[0], evidence=x.evidence))
    return out


def finish(reading: Reading, interactions: list[Interaction], index: KBIndex) -> Extraction:
    """Credit members' acts to their groups, align headlines with their story, turn pledges
    into affiliation, and package the document's extraction."""
    actors, structure, sdoc, document = reading.actors, list(reading.structure), reading.sdoc, reading.document
    credited = _acting_for(interactions, structure, actors, {p.drop: p.keep for p in reading.same_as}, index)
    replaced = {id(person_claim) for person_claim, _ in credited}
    interactions = [x for x in interactions if id(x) not in replaced] + [group_claim for _, group_claim in credited]
    _headline_as_body(interactions, document)
    structure += _pledges(interactions, actors)
    mentions = [Mention(document.id, sdoc[f.start].idx, sdoc[f.end - 1].idx + len(sdoc[f.end - 1]),
                        f.span(sdoc).text, f.key, f.cue) for f in reading.found]
    return Extraction(document, list(actors.values()), mentions, structure, interactions, reading.same_as)

