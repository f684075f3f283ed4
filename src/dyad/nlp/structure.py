"""Structure and aliases stated in the text itself.

- roles of people: "Hezbollah leader Hassan Nasrallah", "X, a former member of Y"
- group structure: "X, a faction of Y", "Y-affiliated X", "X split from Y"
- renames: "X, formerly known as Y"; "Y ... became known as X"
- aliases: "Ansar Bayt al-Maqdis (ABM)", "X, also known as Y"
Each edge carries the sentence it was read from. Patterns live in
``lexicons/structure.yaml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span

from dyad.model import Evidence, StructureClaim
from dyad.nlp.mentions import Found
from dyad.nlp.pipeline import lexicon

_GROUPS = ("ARMED_GROUP", "POLITICAL_ORG", "TRIBE", "STATE", "STATE_FORCE")


@dataclass(frozen=True)
class AliasFinding:
    actor: str  # key of the actor that gets the alias
    alias: str
    merge_key: str | None = None  # a text-only actor that turns out to be the same one


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[str, re.Pattern, str, bool]]:
    """(edge type, regex over the text between two mentions, direction, needs person first)."""
    lex = lexicon("structure")
    out = []
    for rule in lex["between"]:
        out.append((rule["type"], re.compile(rule["pattern"], re.I), rule.get("order", "ab"), rule.get("person", False)))
    return out


_INDEFINITE = re.compile(r",?\s*(a|an|one|another)\b", re.I)
_APPOSITION = re.compile(r",\s*(a|an|the|one|another)?\s*(\w+\s+){0,3}", re.I)


def _evidence(doc_id: str, sent: Span) -> Evidence:
    return Evidence(doc_id, sent.start_char, sent.end_char, sent.text)


def _former(between: str) -> bool:
    return bool(re.search(r"\b(former|ex-|once|previously|erstwhile)\b", between, re.I))


def between_edges(doc_id: str, sent: Span, mentions: list[Found]) -> list[StructureClaim]:
    """Edges read from the words between two neighbouring mentions of a sentence."""
    doc = sent.doc
    text, offset = sent.text, sent.start_char  # doc.text is rebuilt on every access: read it once
    out = []
    roles = lexicon("structure")["role_nouns"]
    for a, b in zip(mentions, mentions[1:]):
        between = text[doc[a.end - 1].idx + len(doc[a.end - 1]) - offset:doc[b.start].idx - offset]
        if len(between) > 80 or a.key == b.key:
            continue
        after = doc[b.end].lower_ if b.end < len(doc) else ""
        if a.type == "PERSON" and b.type in _GROUPS and after in roles and _APPOSITION.fullmatch(between):
            # "Abu al-Bara, a prominent Hurras al-Din leader": one of its leaders, so a member
            etype = "MEMBER_OF" if _INDEFINITE.match(between) else roles[after]
            out.append(StructureClaim(a.key, b.key, etype, former=_former(between), origin="text",
                                      cue=f"apposition:{after}", evidence=_evidence(doc_id, sent)))
            continue
        for etype, pattern, order, person in _patterns():
            if not pattern.fullmatch(between):
                continue
            src, tgt = (a, b) if order == "ab" else (b, a)
            if person and src.type != "PERSON":
                continue
            if not person and (src.type not in _GROUPS or tgt.type not in _GROUPS):
                continue
            if etype == "LEADER_OF" and order == "ba" and any(
                    t.lower_ in ("a", "an") for t in doc[max(a.start - 3, sent.start):a.start]):
                etype = "MEMBER_OF"  # "a high-ranking al-Qaeda leader X": one of its leaders
            out.append(StructureClaim(src.key, tgt.key, etype, former=_former(between), origin="text",
                                      cue=f"between:{pattern.pattern[:40]}", evidence=_evidence(doc_id, sent)))
            break
    return out


def appositive_role_edges(doc_id: str, sent: Span, mentions: list[Found]) -> list[StructureClaim]:
    """"The commander of the Quds Force, Esmail Ghaani, ..." and "Ghaani, the commander of the
    Quds Force": a person in apposition to a role noun whose of-phrase names a group. A
    definite head role ("the commander of") is leadership; "a member of" is membership."""
    roles = lexicon("structure")["role_nouns"]
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for m in mentions:
        if m.type != "PERSON":
            continue
        root = m.span(sent.doc).root
        nouns = [root.head] if root.dep_ == "appos" else []
        nouns += [c for c in root.children if c.dep_ == "appos"]
        head = by_token.get(root.head.i) if root.dep_ == "appos" else None
        if head is not None and head.type in _GROUPS:  # "the commander of [the Quds Force], [Ghaani]"
            top = head.span(sent.doc).root
            if top.dep_ == "pobj" and top.head.lower_ == "of":
                nouns.append(top.head.head)
        for noun in nouns:
            role = roles.get(noun.lemma_.lower())
            group = next((by_token[g.i] for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in")
                          for g in c.children if g.dep_ == "pobj" and g.i in by_token), None) or next(
                (by_token[c.i] for c in noun.children if c.dep_ == "poss" and c.i in by_token), None)
            if group is not None and group.type not in _GROUPS:
                group = None
            if role is None or group is None:
                continue
            definite = any(c.lower_ in ("the", "its") for c in noun.children if c.dep_ in ("det", "poss"))
            if definite and noun.lemma_.lower() in lexicon("structure")["head_roles"]:
                role = "LEADER_OF"
            former = any(c.lower_ in ("former", "ex", "late") for c in noun.children)
            out.append(StructureClaim(m.key, group.key, role, former=former, origin="text",
                                      cue=f"appositive:{noun.lemma_.lower()}", evidence=_evidence(doc_id, sent)))
    return out


def membership_edges(doc_id: str, sent: Span, mentions: list[Found]) -> list[StructureClaim]:
    """"X joined Y" (MEMBER_OF) and "X defected from / left Y" (a FORMER MEMBER_OF), for a
    person X; "the wing from which X defected" reads the relative pronoun as the wing."""
    lex = lexicon("structure")
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for verb in sent:
        lemma = verb.lemma_.lower()
        if lemma not in lex["join_verbs"] and lemma not in lex["leave_verbs"]:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        person = _mention_at(subj, by_token) if subj is not None else None
        if person is None and verb.dep_ in ("pcomp", "advcl", "xcomp", "conj"):
            person = _mention_at(next((c for c in verb.head.head.children if c.dep_ == "nsubj"), None)
                                 or next((c for c in verb.head.children if c.dep_ == "nsubj"), None), by_token)
        if person is None or person.type != "PERSON":
            continue
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr")]
        objs += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("from", "with", "to")
                 for g in c.children if g.dep_ == "pobj"]
        for obj in objs:
            group = _mention_at(obj, by_token)
            if group is None and obj.lower_ in ("which", "whom") and obj.head.head.dep_ == "relcl":
                group = _mention_at(obj.head.head.head, by_token)
            if group is not None and group.type in _GROUPS:
                out.append(StructureClaim(person.key, group.key, "MEMBER_OF", former=lemma in lex["leave_verbs"],
                                          origin="text", cue=f"membership:{lemma}", evidence=_evidence(doc_id, sent)))
    return out


def _mention_at(tok, by_token: dict[int, Found]) -> Found | None:
    """The mention a token belongs to, looking through 'of' phrases ("members of X" is X)."""
    if tok is None:
        return None
    if tok.i in by_token:
        return by_token[tok.i]
    inner = [by_token[t.i] for t in tok.subtree if t.i in by_token]
    return inner[0] if inner else None


def description_edges(doc_id: str, doc: Doc, mentions: list[Found]) -> list[StructureClaim]:
    """A description used as a name states the edge it rests on ("Hamas' military wing")."""
    out = []
    for m in mentions:
        if m.part_of:
            out.append(StructureClaim(m.key, m.part_of, "PART_OF", origin="text", cue=m.cue,
                                      evidence=_evidence(doc_id, m.span(doc).sent)))
    return out


def rename_edges(doc_id: str, sent: Span, mentions: list[Found]) -> list[StructureClaim]:
    """"Y ... became known as X" (X RENAMED_FROM Y); "X, formerly known as Y" (X RENAMED_FROM Y)."""
    by_token = {i: m for m in mentions for i in range(m.start, m.end)}
    out = []
    for tok in sent:
        if tok.lower_ not in ("known", "renamed", "rebranded") or tok.pos_ not in ("VERB", "ADJ"):
            continue
        as_obj = [by_token[t.i] for c in tok.children if c.lower_ == "as" for t in c.children if t.i in by_token]
        if not as_obj:
            continue
        named = as_obj[0]
        former = any(c.lower_ in ("formerly", "previously", "once", "originally") for c in tok.children)
        if former and tok.head.i in by_token:  # "X, formerly known as Y"
            later, earlier = by_token[tok.head.i], named
        else:  # "Y ... became known as X": the subject of the governing verb is the earlier name
            verb = tok.head if tok.dep_ in ("acomp", "oprd", "xcomp") else tok
            while verb.dep_ == "conj" and not any(c.dep_ == "nsubj" for c in verb.children):
                verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            earlier = next((by_token[t.i] for t in subj.subtree if t.i in by_token), None) if subj else None
            later = named
        if earlier is not None and later.key != earlier.key and later.type in _GROUPS and earlier.type in _GROUPS:
            out.append(StructureClaim(later.key, earlier.key, "RENAMED_FROM", origin="text", cue="rename:known-as",
                                      evidence=_evidence(doc_id, sent)))
    return out


def aliases_in(sent: Span, mentions: list[Found]) -> list[AliasFinding]:
    """"Name (ABBR)" and "X, also known as Y" give an actor another name."""
    doc = sent.doc
    by_start = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        j = m.end
        if j + 2 < len(doc) and doc[j].text == "(":
            close = next((k for k in range(j + 1, min(j + 8, sent.end)) if doc[k].text == ")"), None)
            if close is None:
                continue
            inner = doc[j + 1:close]
            other = by_start.get(j + 1)
            if other is not None and other.key != m.key:
                if other.key.startswith("x:") and other.type not in ("PERSON",):
                    out.append(AliasFinding(m.key, inner.text, merge_key=other.key))
                continue
            if other is None and inner.text[:1].isupper() and len(inner.text) <= 60:
                out.append(AliasFinding(m.key, inner.text))
    text = sent.text
    for match in re.finditer(r"(?:also|better|commonly) (?:known as|called)|a\.k\.a\.?|aka", text):
        after = sent.start_char + match.end()
        nxt = next((m for m in mentions if doc[m.start].idx >= after and doc[m.start].idx - after <= 3), None)
        before = [m for m in mentions if doc[m.end - 1].idx < sent.start_char + match.start()]
        if nxt is not None and before and before[-1].key != nxt.key and nxt.key.startswith("x:"):
            out.append(AliasFinding(before[-1].key, nxt.span(doc).text, merge_key=nxt.key))
    return out
