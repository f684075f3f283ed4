"""Hand-made extractions of two invented reports, shared by the store and export tests (no tests here)."""
from __future__ import annotations

from dyad.model import (Actor, Document, Evidence, Extraction, Interaction, Mention, Place, StructureClaim,
                        TimeSpan, content_id)

NORTH_TEXT = (
    "The Red Hand Brigade trained fighters of the Blue Crescent Front in 2019. "
    "The Red Hand Brigade, also called RHB, is the armed wing of the Red Movement. "
    "The group later threatened the Blue Crescent Front."
)
SOUTH_TEXT = (
    "Fighters of the Blue Crescent clashed with RHB near the river in March 2020. "
    "The Blue Crescent denied it attacked the Red Hand Brigade."
)

RED_HAND = Actor("kb:red_hand", "Red Hand Brigade", "ARMED_GROUP", ["RHB", "Red Hand"], kb_id="red_hand")
RED_MOVEMENT = Actor("kb:red_movement", "Red Movement", "POLITICAL_ORG", [], kb_id="red_movement")
BLUE_FRONT = Actor("x:blue crescent front", "Blue Crescent Front", "ARMED_GROUP")
BLUE = Actor("x:blue crescent", "Blue Crescent", "ARMED_GROUP")


def document(name: str, text: str, **meta) -> Document:
    return Document(id=content_id(text), name=name, text=text, **meta)


def span(doc: Document, phrase: str, occurrence: int = 0) -> Evidence:
    """Evidence for the n-th occurrence of ``phrase`` in the document."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(phrase, start + 1)
    return Evidence(doc.id, start, start + len(phrase), phrase)


def mention(doc: Document, phrase: str, actor: Actor, cue: str = "ner", occurrence: int = 0) -> Mention:
    ev = span(doc, phrase, occurrence)
    return Mention(doc.id, ev.start, ev.end, phrase, actor.key, cue)


def kb_edge(source: Actor, target: Actor, type: str = "PART_OF") -> StructureClaim:
    return StructureClaim(source.key, target.key, type, origin="kb", cue="kb")


def north() -> Extraction:
    doc = document("north_report", NORTH_TEXT, published="2021-05", source="Invented Weekly", title="North")
    return Extraction(
        document=doc,
        actors=[RED_HAND, RED_MOVEMENT, BLUE_FRONT],
        mentions=[
            mention(doc, "Red Hand Brigade", RED_HAND, "kb"),
            mention(doc, "Blue Crescent Front", BLUE_FRONT),
            mention(doc, "Red Hand Brigade", RED_HAND, "kb", occurrence=1),
            mention(doc, "RHB", RED_HAND, "alias"),
            mention(doc, "Red Movement", RED_MOVEMENT, "kb"),
            mention(doc, "The group", RED_HAND, "coref"),
            mention(doc, "Blue Crescent Front", BLUE_FRONT, occurrence=1),
        ],
        structure=[
            StructureClaim(RED_HAND.key, RED_MOVEMENT.key, "PART_OF", cue="wing of",
                           evidence=span(doc, "The Red Hand Brigade, also called RHB, is the armed wing of the Red Movement")),
            kb_edge(RED_HAND, RED_MOVEMENT),
        ],
        interactions=[
            Interaction(RED_HAND.key, BLUE_FRONT.key, "TRAINING", "ASSERTED",
                        span(doc, "The Red Hand Brigade trained fighters of the Blue Crescent Front in 2019"),
                        time=TimeSpan("2019", "2019", "in 2019", "year"), cue="train", trigger="trained"),
            Interaction(RED_HAND.key, BLUE_FRONT.key, "THREAT", "ASSERTED",
                        span(doc, "The group later threatened the Blue Crescent Front"),
                        cue="threaten", trigger="threatened"),
        ],
    )


def south() -> Extraction:
    doc = document("south_report", SOUTH_TEXT, published="2020-04", source="Invented Daily")
    return Extraction(
        document=doc,
        actors=[RED_HAND, BLUE],
        mentions=[
            mention(doc, "Blue Crescent", BLUE),
            mention(doc, "RHB", RED_HAND, "alias"),
            mention(doc, "Blue Crescent", BLUE, occurrence=1),
            mention(doc, "Red Hand Brigade", RED_HAND, "kb"),
        ],
        structure=[kb_edge(RED_HAND, RED_MOVEMENT)],
        interactions=[
            Interaction(BLUE.key, RED_HAND.key, "CLASH", "ASSERTED",
                        span(doc, "Fighters of the Blue Crescent clashed with RHB near the river in March 2020"),
                        time=TimeSpan("2020-03", "2020-03", "in March 2020", "month"),
                        place=Place("the river"), cue="clash", trigger="clashed"),
            Interaction(BLUE.key, RED_HAND.key, "ATTACK", "NEGATED",
                        span(doc, "The Blue Crescent denied it attacked the Red Hand Brigade"),
                        cue="attack; denied", trigger="attacked"),
        ],
    )


def extraction_with_actor(key: str, name: str, published: str = "2022-02") -> Extraction:
    """A one-sentence report in which a new group (``key``, ``name``) attacks the Blue Crescent."""
    actor = Actor(key, name, "ARMED_GROUP")
    text = f"The {name} attacked the Blue Crescent in January 2022."
    doc = document(f"report on {name}", text, published=published)
    return Extraction(
        document=doc, actors=[actor, BLUE],
        mentions=[mention(doc, name, actor), mention(doc, "Blue Crescent", BLUE)],
        interactions=[Interaction(key, BLUE.key, "ATTACK", "ASSERTED", span(doc, text[:-1]),
                                  time=TimeSpan("2022-01", "2022-01", "in January 2022", "month"),
                                  cue="attack", trigger="attacked")],
    )
