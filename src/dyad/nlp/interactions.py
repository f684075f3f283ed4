"""Find typed interactions between actor mentions in a parsed sentence.

A trigger (verb, noun, or a light verb with a telling object: "provided weapons")
comes from the lexicon ``lexicons/interactions.yaml``. Each actor mention then gets a
role relative to the trigger from the dependency path that joins them: AGENT
(subject, "by"/"from" phrase, possessor), PATIENT (object, "to"/"against" phrase) or
PARTNER ("with", "between"). Passive voice swaps subject roles; a verb without its own
subject borrows it from the verb it depends on ("helped train", "is said to have
provided"). When the parse gives only one side, the nearest mention on the other side
of the trigger fills in, and the claim's cue says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from dyad.model import ENDED_CUE
from dyad.nlp.anchoring import speech_verbs
from dyad.nlp.mentions import Found
from dyad.nlp.pipeline import lexicon
from dyad.ontology import INTERACTION_TYPES, SYMMETRIC, check

AGENT, PATIENT, PARTNER, ALLY = "AGENT", "PATIENT", "PARTNER", "ALLY"
_CLAUSE_BREAK = {"relcl", "acl", "advcl", "ccomp", "parataxis", "csubj", "pcomp", "xcomp"}
_SUBJ = {"nsubj", "csubj", "expl"}
_OBJ = {"dobj", "dative", "attr", "oprd", "obj"}
_STATE_TYPES = {"STATE", "STATE_FORCE"}
_HOSTILE_CODES = frozenset(code for code, t in INTERACTION_TYPES.items() if t.polarity == "hostile")
ACTING_TYPES = frozenset({"ARMED_GROUP", "STATE", "STATE_FORCE", "POLITICAL_ORG", "TRIBE", "PERSON"})


@dataclass(frozen=True)
class Trigger:
    token: Token  # the word that names the interaction
    type: str
    anchor: Token  # the verb whose arguments are the parties (the trigger, or its light verb)
    light: str = ""  # give | receive | do, when the anchor is a light verb
    cue: str = ""


@dataclass(frozen=True)
class Candidate:
    """One interaction read from a sentence, before certainty, time and storage."""

    source: Found
    target: Found
    type: str
    trigger: Token
    cue: str
    anchor: Token | None = None  # the light verb carrying a nominal trigger ("could launch attacks")


@lru_cache(maxsize=1)
def _reporting_verbs() -> frozenset[str]:
    """Verbs whose subject reports or judges a clause: certainty's reporting lists plus ours."""
    reported = lexicon("certainty")["REPORTED"]
    return frozenset(reported["speech_verbs"] + reported["hedge_verbs"] + _lex()["judging_verbs"])


def _labels_with(verb: Token, labels: list[str]) -> bool:
    """Whether a verb of calling or regarding gives its object one of these labels: "branded
    X traitors", "considers X an apostate group", "is viewed as apostates"."""
    slots = [c for c in verb.children if c.dep_ in ("dobj", "oprd", "attr")]
    slots += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children if g.dep_ == "pobj"]
    phrase = {"appos", "compound", "amod", "oprd", "attr"}  # the label's own noun phrase, no clause or preposition
    todo, seen = list(slots), []
    while todo:
        t = todo.pop()
        seen.append(t)
        todo += [c for c in t.children if c.dep_ in phrase]
    return any(t.lemma_.lower() in labels for t in seen)


def _is_cause(noun: Token, lex: dict) -> bool:
    """A cause or a fight one can back ("the revolt", "their activities", "the war")."""
    return noun.lemma_.lower() in lex["cause_nouns"] or lex["nouns"].get(noun.lemma_.lower()) in _HOSTILE_CODES


def _backs_a_fight_against(verb: Token, lex: dict) -> bool:
    """Whether the verb's object is a fight or cause "against" someone, by fighters it does not
    name ("the revolt against X", not "the war of Y against X")."""
    def against(tok: Token) -> bool:
        return any(c.dep_ == "prep" and c.lower_ == "against" for c in tok.children)

    return any(_is_cause(o, lex) and (against(o) or against(verb))  # the parser hangs "against" on either
               and not any(c.dep_ == "poss" or c.dep_ == "prep" and c.lower_ in ("of", "by") for c in o.children)
               for o in _objects(verb))


def _past_role(noun: Token) -> bool:
    """A role noun said of the past: "X, once a patron of Y", "a former backer"."""
    if any(c.dep_ == "amod" and c.lower_ in ("former", "erstwhile", "onetime", "one-time") for c in noun.children):
        return True
    head = noun.head
    past = head.tag_ == "VBD" or head.tag_ == "VBN" and any(c.dep_ == "aux" and c.tag_ == "VBD" for c in head.children)
    return noun.dep_ == "attr" and head.lemma_ == "be" and (past or any(
        c.dep_ == "advmod" and c.lower_ in ("once", "formerly") for c in head.children))


@lru_cache(maxsize=1)
def _party_nouns() -> frozenset[str]:
    """Nouns that stand for a party ("the group", "fighters", "allies"), not for a thing."""
    actors = lexicon("actors")
    return frozenset([*actors["group_anaphors"], *actors["member_nouns"], *actors["party_nouns"]])


@lru_cache(maxsize=1)
def _lex() -> dict:
    lex = lexicon("interactions")
    for table in ("verbs", "nouns", "objects"):
        for code in lex[table].values():
            check("interaction", code)
    for by_code in lex["modified_nouns"].values():
        for code in by_code:
            check("interaction", code)
    return lex


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not any(c.dep_ == "aux" for c in verb.children))


def find_triggers(sent: Span, covered: set[int]) -> list[Trigger]:
    """Trigger words in a sentence, skipping words that belong to an actor name."""
    lex = _lex()
    out = []
    for tok in sent:
        if tok.i in covered:
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            # phrasal verbs: the particle may be parsed as an adverb ("broke away")
            phrasal = (lex["verbs"].get(f"{lemma} {c.lower_}") for c in tok.children if c.dep_ in ("prt", "advmod"))
            code = next((c for c in phrasal if c), None) or lex["verbs"].get(lemma)
            preps = {c.lower_ for c in tok.children if c.dep_ in ("prep", "advmod")}
            if lemma in lex["joint_verbs"] and preps & {"together", "jointly"} or (
                    lemma in lex["with_verbs"] and "with" in preps):
                code = "COORDINATION"
            light = ("give" if lemma in lex["give_verbs"] else "receive" if lemma in lex["receive_verbs"]
                     else "do" if lemma in lex["do_verbs"] else "")
            if lemma in lex["fire_verbs"] and _fires_at(tok, lex):
                out.append(Trigger(tok, "ATTACK", tok, "", f"fire:{lemma}"))
                continue
            if lemma in lex["care_verbs"] and _medical(tok, lex):
                out.append(Trigger(tok, "MEDICAL_AID", tok, "", f"verb:{lemma}+medical"))
                continue
            if lemma in lex["transfer_verbs"] and _carries_wounded_to_hospital(tok, lex):
                out.append(Trigger(tok, "MEDICAL_AID", tok, "", f"medical:{lemma}+wounded"))
                continue
            if light:
                for obj in _objects(tok):
                    ocode = _object_code(obj, lex)
                    if ocode in ("CLASH", "ATTACK") and lemma in lex["declaring_words"]:
                        ocode = "THREAT"  # "declared war on X": a threat, not yet a fight
                    if ocode and obj.i not in covered:
                        out.append(Trigger(obj, ocode, tok, light, f"light:{lemma}+{obj.lemma_.lower()}"))
                if any(t.anchor.i == tok.i for t in out):
                    continue
            if lemma in lex["labelling_verbs"] and _labels_with(tok, lex["pejorative_labels"]):
                out.append(Trigger(tok, "CONDEMNATION", tok, "", f"verb:{lemma}+label"))  # "branded X traitors"
                continue
            if (code == "ENCOURAGE" or lemma in lex["endorsing_verbs"]) and _backs_a_fight_against(tok, lex):
                # "endorsed the revolt against him": no fighter named to back, a stance against the target
                out.append(Trigger(tok, "CONDEMNATION", tok, "", f"verb:{lemma}+against"))
                continue
            if code and lemma in lex["endorsing_verbs"] and any(_is_cause(o, lex) for o in _objects(tok)):
                out.append(Trigger(tok, "ENCOURAGE", tok, "", f"verb:{lemma}+cause"))
            elif code:
                out.append(Trigger(tok, code, tok, "", f"verb:{lemma}"))
        elif tok.pos_ == "NOUN" and lemma in lex["sway_nouns"] and tok.dep_ == "pobj" and tok.head.lower_ in (
                "under", "into") and any(c.dep_ in ("prep", "poss") for c in tok.children):
            out.append(Trigger(tok, "RAPPROCHEMENT", tok, "", f"noun:{lemma}+under"))
        elif tok.pos_ == "NOUN" and (code := _modified_noun_code(tok, lex)):
            out.append(Trigger(tok, code, tok, "", f"noun:{lemma}+modifier"))
        elif tok.pos_ in ("NOUN", "PROPN") and lemma in lex["nouns"] and not (
                lemma in lex["role_nouns"] and tok.dep_ not in ("attr", "oprd", "appos")
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)):
            if tok.dep_ in _OBJ and tok.head.lemma_.lower() in lex["give_verbs"] + lex["receive_verbs"] + lex["do_verbs"]:
                continue  # read through its light verb above
            claimer = _responsibility_claim(tok, lex)
            if claimer is not None:  # "X claimed responsibility for the attack on Y"
                out.append(Trigger(tok, lex["nouns"][lemma], claimer, "do", f"claim:{lemma}"))
                continue
            if lemma in lex["role_nouns"] and _past_role(tok):  # "once a patron of X"
                out.append(Trigger(tok, lex["nouns"][lemma], tok, "", f"noun:{lemma}; {ENDED_CUE}"))
                continue
            if lex["nouns"][lemma] in ("CLASH", "ATTACK") and tok.dep_ == "pobj" and tok.head.lower_ == "of" \
                    and tok.head.head.lemma_.lower() in lex["declaring_words"]:
                out.append(Trigger(tok, "THREAT", tok, "", f"declared:{lemma}"))  # "a declaration of war against X"
                continue
            call = _incitement(tok, lex)
            if call is not None and lex["nouns"][lemma] in ("ATTACK", "CLASH"):
                anchor = call.head if call.pos_ == "NOUN" and call.dep_ in _OBJ else call  # "issued a call"
                out.append(Trigger(call, "THREAT", anchor, "", f"incitement:{call.lemma_.lower()}+{lemma}"))
                continue
            holder = _holding_verb(tok, lex)
            if holder is not None:  # "a meeting was held between X and Y"
                out.append(Trigger(tok, lex["nouns"][lemma], holder, "do", f"noun:{lemma}+{holder.lemma_.lower()}"))
                continue
            out.append(Trigger(tok, lex["nouns"][lemma], tok, "", f"noun:{lemma}"))
    return out


def _carries_wounded_to_hospital(verb: Token, lex: dict) -> bool:
    """"ferries X's injured fighters to clinics": moving the wounded to care is medical aid."""
    wounded = any(t.lower_ in lex["wounded_words"] for c in verb.children if c.dep_ in _OBJ for t in c.subtree)
    hospital = any(t.lemma_.lower() in lex["care_places"] for c in verb.children if c.dep_ == "prep" for t in c.subtree)
    return wounded and hospital


def _modified_noun_code(noun: Token, lex: dict) -> str | None:
    """"closer ties", "a violent rivalry": a noun that names an interaction through its modifier."""
    by_code = lex["modified_nouns"].get(noun.lemma_.lower())
    mods = {c.lower_ for c in noun.children if c.dep_ in ("amod", "compound")}
    return next((code for code, words in (by_code or {}).items() if mods & set(words)), None)


def _fires_at(verb: Token, lex: dict) -> bool:
    """"fired rockets at X", "shot at X", "fired on X": weapons or shots aimed at a target,
    not "fired its commander" nor "launched a campaign"."""
    objects = _objects(verb)
    aimed = any(c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into") for c in verb.children)
    armed = any(_object_code(o, lex) == "ARMS_SUPPLY" for o in objects)
    return aimed and (armed or not objects)


def _medical(verb: Token, lex: dict) -> bool:
    """Whether a verb of care speaks of wounds or care: medical aid, not "treats them harshly"."""
    words = set(lex["wounded_words"] + lex["care_places"] + lex["medical_words"])
    return any(t.lemma_.lower() in words or t.lower_ in words for t in verb.subtree)


def _holding_verb(noun: Token, lex: dict) -> Token | None:
    """The verb of "a meeting was held (took place) between X and Y", whose own phrases
    name the parties."""
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex["holding_verbs"]:
        return None
    objects = [c for c in verb.children if c.dep_ in _OBJ and c.lower_ != "place"]  # "took place"
    return verb if noun.dep_ == "nsubjpass" or noun.dep_ == "nsubj" and not objects else None


def _responsibility_claim(noun: Token, lex: dict) -> Token | None:
    """The verb of "claimed (took) responsibility for the attack": its subject did it."""
    prep = noun.head
    resp = prep.head
    if noun.dep_ == "pobj" and prep.lower_ == "for" and resp.lemma_.lower() == "responsibility" \
            and resp.dep_ in _OBJ and resp.head.lemma_.lower() in lex["responsibility_verbs"]:
        return resp.head
    return None


def _incitement(noun: Token, lex: dict) -> Token | None:
    """The word calling for an act ("a call for attacks on X", "urged attacks"): calling
    for violence against someone is a threat to them (ontology: THREAT)."""
    head = noun.head
    if head.lower_ == "for" and head.head.lemma_.lower() in lex["incitement_heads"]:
        return head.head
    if noun.dep_ in _OBJ and head.lemma_.lower() in lex["incitement_heads"]:
        return head
    return None


def _objects(verb: Token) -> list[Token]:
    """Direct objects of a verb, their conjuncts and 'of'-complements ("tens of thousands of dollars")."""
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "obj", "attr"):
            out.append(c)
            out.extend(t for t in c.conjuncts)
            out.extend(t for t in c.subtree if t.dep_ == "pobj" and t.head.lower_ == "of")
    return out


def _object_code(obj: Token, lex: dict) -> str | None:
    """What a given thing is: its modifier says more than its head ("medical assistance")."""
    for mod in obj.children:
        if mod.dep_ in ("compound", "amod") and mod.lemma_.lower() in lex["objects"]:
            return lex["objects"][mod.lemma_.lower()]
    lemma = obj.lemma_.lower()
    return lex["objects"].get(lemma) or lex["nouns"].get(lemma)


def _arg_child(tok: Token, anchor: Token) -> Token | None:
    """The child of ``anchor`` through which ``tok`` hangs, or None when a clause boundary intervenes."""
    cur = tok
    seen = 0
    while cur.head.i != cur.i and seen < 40:
        if cur.head.i == anchor.i:
            return cur
        if cur.dep_ in _CLAUSE_BREAK and not (cur.dep_ == "acl" and cur.lemma_.lower() in _lex()["belonging_verbs"]) \
                and not _aim_of(cur, anchor):
            return None  # "figures belonging to X" still names X
        if _tied_to(cur):
            return None  # "a bomber with ties to X killed ...": the bomber acts, X is not said to
        if cur.dep_ == "pobj" and cur.ent_type_ in ("GPE", "LOC", "STATE") and cur.head.lower_ in ("in", "at", "near") \
                and cur.head.head.i != anchor.i and cur.head.head.pos_ in ("NOUN", "PROPN"):
            return None  # "funds from the group's core in Syria": Syria says where, it gives nothing
        cur = cur.head
        seen += 1
    return None


def _tied_to(tok: Token) -> bool:
    """Whether a token is the X of "with ties to X" ("links", "connections"): part of a
    party's description, not a party to its act."""
    noun = tok.head.head
    return tok.dep_ == "pobj" and tok.head.lower_ in ("to", "with") and noun.lemma_.lower() in _lex()["tie_nouns"] \
        and noun.dep_ == "pobj" and noun.head.lower_ == "with"


def _in_ties(root: Token) -> bool:
    """Whether a mention hangs in a "with ties to X" phrase of its clause."""
    cur = root
    while cur.head.i != cur.i and cur.dep_ not in _CLAUSE_BREAK:
        if _tied_to(cur):
            return True
        cur = cur.head
    return False


def _aim_of(clause: Token, noun: Token) -> bool:
    """"a war for overthrowing X", "a campaign to topple X": a hostile aim of a conflict noun,
    whose object is the noun's opponent."""
    if clause.lemma_.lower() not in _lex()["aim_verbs"] or noun.pos_ != "NOUN":
        return False
    return clause.dep_ == "pcomp" and clause.head.lower_ == "for" and clause.head.head.i == noun.i or (
        clause.dep_ in ("acl", "relcl") and clause.head.i == noun.i)


def _role(child: Token, anchor: Token, trigger: Trigger) -> str | None:
    lex = _lex()
    dep = child.dep_
    passive = anchor.pos_ in ("VERB", "AUX") and _is_passive(anchor)
    receiving = trigger.light == "receive" and anchor.i == trigger.anchor.i
    if dep in _SUBJ and anchor.lemma_.lower() in lex["sheltering_intransitives"] and not any(
            c.dep_ in _OBJ for c in anchor.children):
        return PATIENT  # "X hid in Gaza": X is the one sheltered
    if dep in _SUBJ:
        return PATIENT if passive != receiving else AGENT
    if dep == "nsubjpass":
        return AGENT if receiving else PATIENT
    if dep == "agent":
        return AGENT
    if dep in ("xcomp", "advcl") and trigger.type == "DEFECTION" and child.lemma_.lower() in lex["founding_verbs"]:
        return PATIENT  # "broke away to form Y": Y is what the defectors go to
    if dep == "advmod" and trigger.type == "DEFECTION" and _has_from(child):
        return AGENT  # "broke away from X" (the parser hangs "from" on "away"): X loses them
    if dep in _OBJ:
        return None if anchor.lemma_.lower() in lex["deed_object_verbs"] else PATIENT
    if _aim_of(child, anchor) or dep == "prep" and any(_aim_of(c, anchor) for c in child.children):
        return PATIENT  # "the war of X for overthrowing Y": Y is fought
    if dep == "prep":
        p = child.lower_
        nxt = child.doc[child.i + 1] if child.i + 1 < len(child.doc) else None
        if nxt is not None and nxt.ent_type_ in ("DATE", "TIME"):
            return None  # "on 25 December", "in May": when, not whom
        if p == "on" and anchor.pos_ == "NOUN" and (verb := _object_of(anchor)) is not None \
                and verb.lemma_.lower() in lex["deed_object_verbs"]:
            return AGENT  # "blamed the attacks on X": X made them
        if p == "from" and trigger.light != "receive" and _is_state_name(child):
            return None  # "attacks from Lebanon", "sponsor ... from southern Libya": a place
        if p in lex["source_preps"]:
            return AGENT
        if p == "of" and anchor.lemma_.lower() in lex["giver_of_nouns"]:
            return AGENT  # "under the protection of X": X gives it
        if p == "under" and any(c.lemma_.lower() in lex["giver_of_nouns"] for c in child.children):
            return AGENT  # "hid ... under the protection of X" (X hangs below, the preposition says it)
        if p in lex["partner_preps"]:
            return PARTNER
        hostile = INTERACTION_TYPES[trigger.type].polarity == "hostile"
        if p == "against" and not hostile:
            return None  # "join forces with X against Y": Y is the common enemy, no partner
        if p in (lex["hostile_target_preps"] if hostile else lex["target_preps"]):
            return PATIENT
        return None
    if dep in ("poss", "compound", "amod", "nmod") and anchor.pos_ in ("NOUN", "PROPN"):
        return PARTNER if trigger.type in SYMMETRIC else AGENT
    return None


def _copula_subject_role(copula: Token, m: Found) -> str | None:
    """"X is Y's chief backer", "X, once a patron of Y", "X are seen as
    supporters of Y": X is the agent."""
    subj = next((c for c in copula.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    if subj.lower_ in ("which", "who", "that") and copula.dep_ == "relcl":
        subj = copula.head
    return AGENT if m.start <= subj.i < m.end or any(m.start <= t.i < m.end for t in subj.subtree) else None


def _participation(noun: Token) -> list[Token]:
    """"engaged in a meeting with X", "took part in the attack", "consulted Y during
    negotiations with X": the verb whose subject takes part in the event noun (and the
    verbs it borrows a subject from)."""
    head, lex = noun.head, _lex()
    verb = head.head
    if noun.dep_ != "pobj" or verb.pos_ not in ("VERB", "AUX"):
        return []
    if head.lower_ == "in" and verb.lemma_.lower() in lex["participation_verbs"] or head.lower_ in lex["circumstance_preps"]:
        return [verb, *_subject_donors(verb)]
    if head.lower_ in ("in", "to") and verb.lemma_.lower() in lex["result_verbs"] and verb.dep_ in ("advcl", "acl"):
        return [verb, *_subject_donors(verb)]  # "an attack ..., resulting in the killing of X": the attacker's
    if head.lower_ in ("under", "into") and noun.lemma_.lower() in lex["sway_nouns"]:
        return [verb, *_subject_donors(verb)]  # "X drifted under Y's sway": X is drawn in
    return []


def _is_state_name(prep: Token) -> bool:
    """Whether a preposition's object is a proper name of a place-like kind (GPE/LOC entity)."""
    return any(c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC", "STATE") for c in prep.children)


def _subject_donors(anchor: Token) -> list[Token]:
    """Verbs whose subject the anchor borrows: xcomp/conj chains without their own subject."""
    out = []
    cur = anchor
    for _ in range(4):
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            break
        if cur.dep_ == "xcomp" and _object_child(cur.head) is not None:
            break  # "urged X to attack": X acts, not the subject (see controlled_by_object)
        if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep":  # "after pledging allegiance"
            cur = cur.head.head
            out.append(cur)
        elif cur.dep_ in ("relcl", "acl") and any(c.lower_ == "to" and c.dep_ == "aux" for c in cur.children) \
                and cur.head.dep_ in ("dobj", "attr") and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head  # "adopted measures to crack down on X": the adopter acts
            out.append(cur)
        else:
            break
    return out


def roles(trigger: Trigger, mentions: list[Found], doc) -> dict[str, list[Found]]:
    """Assign each mention of the sentence a role relative to the trigger."""
    out: dict[str, list[Found]] = {AGENT: [], PATIENT: [], PARTNER: [], ALLY: []}
    anchor = trigger.anchor
    donors = _subject_donors(anchor) if anchor.pos_ in ("VERB", "AUX") else _participation(anchor)
    controller = next((c for v in (anchor, *donors) if (c := controlled_by_object(v)) is not None), None)
    for m in mentions:
        root = m.span(doc).root
        if m.start <= trigger.token.i < m.end:
            continue
        ally = _ally_prep(root) or _behalf_prep(root, trigger)
        if ally is not None:
            if any(v.is_ancestor(ally) for v in (anchor, *donors)):
                out[ALLY].append(m)
            continue
        role = None
        if m.cue == "holder" and _hosted_in(root):
            out[AGENT].append(m)  # "sanctuary in Gaza", "care in Gazan hospitals": the holder gives it
            continue
        if trigger.token.i == anchor.i and _victim_of(m, anchor, doc):
            continue  # "condemned the attack on X": X is the attack's target, not the condemned
        if anchor.lemma_.lower() in _lex()["deed_object_verbs"] and _via_prep(root, anchor, "on"):
            out[PATIENT].append(m)  # "blamed several of the attacks on X": X is blamed
            continue
        child = _arg_child(root, anchor)
        if child is not None and not (trigger.light and any(child.i == n.i for n in _shared_nouns(trigger.token))):
            role = _role(child, anchor, trigger)
        elif trigger.light and trigger.token.i != anchor.i:  # "received funds from X": X hangs on the noun
            for noun in _shared_nouns(trigger.token):
                child = _arg_child(root, noun)
                if child is not None:
                    role = _role(child, noun, trigger)
                    break
        if role is None and controller is not None:  # "praised X for carrying out the attack"
            if any(m.start <= t.i < m.end for t in controller.subtree):
                out[AGENT].append(m)
            continue
        if role is None:
            for donor in donors:
                if donor.dep_ == "relcl" and m.start <= donor.head.i < m.end and not _place_relative(donor):
                    role = AGENT
                    break
                child = _arg_child(root, donor)
                if child is not None and child.dep_ in ("nsubj", "nsubjpass"):
                    role = AGENT if child.dep_ == "nsubj" or not _is_passive(donor) or donor.lemma_ == "say" \
                        or _complement_of(anchor, donor) else PATIENT
                    if trigger.light == "receive":  # "..., receiving funds from X": the subject gets them
                        role = PATIENT if role == AGENT else AGENT
                    break
        if role is None and anchor.pos_ == "VERB" and _is_passive(anchor) and any(
                (c := _arg_child(root, v)) is not None and c.dep_ == "agent" for v in anchor.conjuncts if v.i > anchor.i):
            role = AGENT  # "X was attacked and defeated by Y": the agent of the last verb is the first's too
        if role is None and anchor.dep_ in ("relcl", "acl") and not _place_relative(anchor) and (
                m.start <= anchor.head.i < m.end or _predicated_of(anchor.head, m)):
            role = PATIENT if _is_passive(anchor) else AGENT
        if role is None and (anchor.dep_ == "attr" and anchor.head.lemma_ == "be" or anchor.dep_ == "oprd"):
            role = _copula_subject_role(anchor.head, m)
        if role is None and anchor.lemma_.lower() in _lex()["giver_of_nouns"] and anchor.dep_ == "pobj" \
                and anchor.head.lower_ == "under":
            clause = anchor.head.head  # "X hid in Gaza under the protection of Y": X is sheltered
            subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and m.start <= subj.i < m.end:
                role = PATIENT
        if role == AGENT and trigger.type == "DEFECTION" and _gains_members(m, root, child, anchor, doc):
            role = PATIENT  # "he defected from X", "Y broke away from X": X loses them to Y
        if child is not None and child.dep_ == "prep" and _via_prep(root, child, "by") and (
                role == PATIENT or role is None and anchor.pos_ == "VERB" and _is_passive(anchor)):
            role = AGENT  # "imparting training to cadres of X by Y instructors", "viewed as apostates by Y":
            # "by" hung on the wrong noun
        if role == PARTNER and m.cue == "pair-modifier" and INTERACTION_TYPES[trigger.type].polarity == "hostile":
            role = AGENT  # "the U.S.-SDF fight against X": the pair fights together
        if role is not None:
            out[role].append(m)
    if len({m.key for m in out[PARTNER]}) == 1:
        placed = {id(m) for ms in out.values() for m in ms}
        out[PARTNER] += _stray_between([m for m in mentions if id(m) not in placed], anchor, doc)
    if trigger.token.pos_ == "NOUN" and trigger.anchor.i == trigger.token.i and not out[AGENT]:
        placed = {id(m) for ms in out.values() for m in ms}
        out[AGENT] = [m for m in mentions if id(m) not in placed and (
            _stray_by_agent(m.span(doc).root, trigger.token) or _given_by(m.span(doc).root, trigger.token))]
    return {role: _outermost(ms, doc) for role, ms in out.items()}


def _complement_of(anchor: Token, donor: Token) -> bool:
    """Whether an active anchor is a clausal complement below the donor ("X was accused of
    attacking Y", "X was trained to attack Y"): the donor's passive subject does the act."""
    if _is_passive(anchor):
        return False
    cur = anchor
    while cur.i != donor.i and cur.head.i != cur.i:
        if cur.dep_ in ("xcomp", "pcomp"):
            return True
        cur = cur.head
    return False


def _has_from(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "from" for c in tok.children)


def _left_from(verb: Token) -> bool:
    """Whether a verb names what is left with "from" ("defected from X", "broke away from X")."""
    return _has_from(verb) or any(c.dep_ == "advmod" and _has_from(c) for c in verb.children)


def _gains_members(m: Found, root: Token, child: Token | None, anchor: Token, doc) -> bool:
    """For a defection: whether the mention is the side that gains ("he defected from X",
    "Y broke away from X": him, Y), not the group itself left (X)."""
    if m.type == "PERSON" and child is not None and child.dep_ in _SUBJ:
        return True
    return _left_from(anchor) and not _via_prep(root, anchor, "from") and not _left_by_relative(m, anchor, doc) \
        and (child is None or m.start <= child.i < m.end)  # the group itself, not "X commanders"


def _left_by_relative(m: Found, verb: Token, doc) -> bool:
    """"the wing from which he defected": the relative clause's head is what was left."""
    return verb.dep_ == "relcl" and m.start <= verb.head.i < m.end and any(
        c.dep_ == "prep" and c.lower_ == "from" and any(g.tag_ in ("WDT", "WP") for g in c.children)
        for c in verb.children)


def _shared_nouns(noun: Token) -> list[Token]:
    """The noun and, for a conjunct, the first conjunct whose arguments it shares
    ("funds and guidance from X": X gives both)."""
    first = noun.head if noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN") else None
    return [noun] if first is None else [noun, first]


def _via_prep(root: Token, anchor: Token, prep: str) -> bool:
    """Whether a token hangs below ``anchor`` through the preposition ``prep``."""
    cur = root
    while cur.head.i != cur.i and cur.i != anchor.i:
        if cur.dep_ == "prep" and cur.lower_ == prep:
            return anchor.is_ancestor(cur)
        cur = cur.head
    return False


def _victim_of(m: Found, anchor: Token, doc) -> bool:
    """Whether a mention is the target of an event noun that is the anchor verb's object
    ("condemned the attack on X", "supported the war against X", "denounced the killings of X")."""
    root = m.span(doc).root
    if anchor.lemma_.lower() in _lex()["deed_object_verbs"]:
        return False  # "blamed the bombing on X": X is the one blamed
    child = _arg_child(root, anchor) if anchor.pos_ in ("VERB", "AUX") else None
    if child is None or child.dep_ not in _OBJ or child.lemma_.lower() not in _lex()["nouns"]:
        return False
    cur = root
    while cur.i != child.i and cur.head.i != cur.i:
        if cur.dep_ == "prep" and cur.head.i == child.i:
            return cur.lower_ in _lex()["hostile_target_preps"] and (
                cur.lower_ != "of" or child.lemma_.lower() in _lex()["victim_of_nouns"])
        cur = cur.head
    return False


def _stray_between(mentions: list[Found], noun: Token, doc) -> list[Found]:
    """"ties between X commanders in Sinai and members of Y", parsed with "members" under
    "in": when "between" found one party, the first mention after the "and" of the noun's
    phrase is the second."""
    between = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "between"), None)
    if noun.pos_ != "NOUN" or between is None:
        return []
    inside = {t.i for t in noun.subtree}
    and_ = next((t for t in doc[between.i:max(inside) + 1] if t.lower_ == "and" and t.i in inside), None)
    if and_ is None:
        return []
    after = [m for m in mentions if m.start > and_.i and m.span(doc).root.i in inside]
    return [min(after, key=lambda m: m.start)] if after else []


def _by_phrase(root: Token) -> tuple[Token, Token | None] | None:
    """The "by" a mention hangs below through noun-phrase links, and the token right under it."""
    cur, below = root, None
    for _ in range(8):
        if cur.lower_ == "by" and cur.dep_ in ("prep", "agent"):
            return cur, below
        if cur.dep_ not in ("pobj", "prep", "compound", "poss", "appos", "conj", "nmod") or cur.head.i == cur.i:
            return None
        cur, below = cur.head, cur
    return None


def _given_by(root: Token, noun: Token) -> bool:
    """"arms and advice supplied by X's officers": the agent of a giving
    participle on the noun (or on a noun coordinated with it) gives it."""
    found = _by_phrase(root)
    verb = found[0].head if found else None
    return verb is not None and verb.dep_ == "acl" and verb.lemma_.lower() in _lex()["give_verbs"] and (
        verb.head.i == noun.i or any(verb.head.i == c.i for c in noun.conjuncts))


def _stray_by_agent(root: Token, noun: Token) -> bool:
    """"following the invasion of X's stronghold by Y fighters", parsed with "by Y" on the
    verb: a by-phrase after an event noun, hung on one of its heads, names its agent."""
    found = _by_phrase(root)
    if found is None:
        return False
    by, below = found
    # "by X", not "by recruiting X"; and not the means of a verb that makes the noun
    # ("created alliances by recruiting X")
    made = noun.dep_ in _OBJ and noun.head.i == by.head.i
    return below is not None and below.dep_ == "pobj" and by.i > noun.i and by.head.is_ancestor(noun) and not made


def _governing_prep(root: Token, through: tuple[str, ...] = ("conj",)) -> Token | None:
    """The preposition whose object a mention is, climbing the links in ``through`` first
    ("alongside X and Y", "in Gazan hospitals")."""
    while root.dep_ in through and root.head.i != root.i:
        root = root.head
    return root.head if root.dep_ == "pobj" else None


def _ruled_where(m: Found, verb: Token, doc) -> bool:
    """Whether a state named as a place says where a verb happened ("arrested in Niamey")."""
    prep = _governing_prep(m.span(doc).root)
    return prep is not None and prep.lower_ in _lex()["hosting_preps"] and prep.head.i == verb.i


def _hosted_in(root: Token) -> bool:
    """Whether a place is where something is given ("in Gaza", "in Gazan hospitals")."""
    prep = _governing_prep(root, ("compound", "amod", "nmod", "poss"))
    return prep is not None and prep.lower_ in _lex()["hosting_preps"]


def _predicated_of(noun: Token, m: Found) -> bool:
    """"X and Y were two allies who fought Z": the relative's head is said of the subject."""
    if noun.dep_ != "attr" or noun.head.lemma_ != "be":
        return False
    subj = next((c for c in noun.head.children if c.dep_ == "nsubj"), None)
    return subj is not None and any(m.start <= t.i < m.end for t in subj.subtree)


def _place_relative(clause: Token) -> bool:
    """"Syria, where they are battling": a where/when relative says where, not who."""
    return any(c.dep_ == "advmod" and c.lower_ in ("where", "when", "whereby") for c in clause.children)


def _behalf_prep(root: Token, trigger: Trigger) -> Token | None:
    """The "for" of "battling for Assad": a hostile act done for a party makes it an ally."""
    if INTERACTION_TYPES[trigger.type].polarity != "hostile" or trigger.token.pos_ not in ("VERB", "AUX"):
        return None
    prep = _governing_prep(root)
    ok = prep is not None and prep.lower_ in _lex()["behalf_preps"] and prep.head.i == trigger.token.i
    return prep if ok else None


def controlled_by_object(verb: Token) -> Token | None:
    """The object of "praised (blamed, thanked) X for (on) carrying out the attack", or of
    "urged (required, forced) X to attack": X does it."""
    cur = verb
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        obj = _object_child(cur.head)
        if obj is not None:
            return obj
        cur = cur.head
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ not in ("for", "on"):  # "complimented X on carrying out"
        return None
    return _object_child(prep.head)


def _object_child(verb: Token) -> Token | None:
    """A verb's direct object, unless it is "each other" (whose referents are the subject)."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "obj")), None)
    return None if obj is None or obj.lower_ in ("other", "another") else obj


def _ally_prep(root: Token) -> Token | None:
    """The "alongside" of "fought alongside X (and Y)": X is on the agent's side."""
    prep = _governing_prep(root)
    return prep if prep is not None and prep.lower_ in _lex()["ally_preps"] else None


def _outermost(mentions: list[Found], doc) -> list[Found]:
    """Drop a mention nested inside another of the same role ("the IRGC's Quds Force"); the
    halves of a pair modifier ("Egyptian-Israeli") or of a slashed name ("PLA/RPF") stand
    side by side."""
    roots = [m.span(doc).root for m in mentions]
    starts = {m.start for m in mentions}
    keep = []
    for m, r in zip(mentions, roots):
        slashed = m.end < len(doc) and doc[m.end].text == "/" and m.end + 1 in starts  # "PLA/RPF"
        if m.cue == "pair-modifier" or slashed or not any(
                o is not m and r.i != o.i and o.is_ancestor(r) and not _through_conj(r, o) for o in roots):
            keep.append(m)
    return keep


def _through_conj(tok: Token, ancestor: Token) -> bool:
    """Whether the path from tok up to ancestor passes a coordination ("X and members of Y")."""
    cur = tok
    while cur.i != ancestor.i and cur.head.i != cur.i:
        if cur.dep_ == "conj":
            return True
        cur = cur.head
    return False


def clause_of(tok: Token) -> int:
    """Index of the verb heading the clause a token belongs to."""
    cur = tok
    for _ in range(40):
        if cur.pos_ in ("VERB", "AUX") and (cur.dep_ in ("ROOT", "ccomp", "advcl", "relcl", "parataxis", "conj")
                                           or cur.head.i == cur.i):
            return cur.i
        if cur.head.i == cur.i:
            return cur.i
        cur = cur.head
    return cur.i


def _object_of(noun: Token) -> Token | None:
    """The verb a noun is the object of, also through a quantity ("blamed several of the attacks")."""
    cur = noun
    if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.dep_ in _OBJ:
        cur = cur.head.head
    return cur.head if cur.dep_ in _OBJ and cur.head.pos_ in ("VERB", "AUX") else None


def _denied_alternative(m: Found, doc) -> bool:
    """"blamed the attacks on X, not the Hezbollah terror group": the group ruled out is no party."""
    before = [t for t in doc[max(m.start - 3, 0):m.start] if t.pos_ != "DET"]
    return bool(before) and before[-1].lower_ == "not"


def _origin_place(m: Found, doc) -> bool:
    """"rocket attacks from Lebanon": a state a thing comes from is a place, no party."""
    prep = _governing_prep(m.span(doc).root, ())
    return m.type == "STATE" and prep is not None and prep.lower_ == "from"


def _judge_subjects(trigger: Trigger) -> list[Token]:
    """Subjects of the judging verb (a trigger or reporting verb) an event noun is the object
    of: "X condemned the attack", "X decided to support the war of Y" (X and its donor
    verbs' subjects)."""
    noun = trigger.token
    verb = _object_of(noun) if noun.pos_ == "NOUN" and trigger.anchor.i == noun.i else None
    lex = _lex()
    if verb is None or not (verb.lemma_.lower() in lex["verbs"] or verb.lemma_.lower() in _reporting_verbs()):
        return []  # "ramped up attacks": whoever ramps them up makes them
    return [c for v in (verb, *_subject_donors(verb)) for c in v.children if c.dep_ in ("nsubj", "nsubjpass")]


def _fallback(trigger: Trigger, mentions: list[Found], got: dict[str, list[Found]], doc) -> dict[str, list[Found]]:
    """Fill a missing side with the nearest mention on that side of the trigger, preferring
    mentions of the trigger's own clause."""
    i = trigger.token.i
    clause = clause_of(trigger.anchor)
    used = {id(m) for ms in got.values() for m in ms}
    used_keys = {m.key for ms in got.values() for m in ms}
    # a unit and its own group ("X's secret police ... members of X") are one side
    used_keys |= {m.part_of for ms in got.values() for m in ms if m.part_of}
    used_parts = {m.key for m in mentions if m.part_of in used_keys}
    # people are often sources or bystanders, capitals mostly places, and whoever reports
    # an event is no party to it: only a parse link makes one a party
    speakers = {t.i for a in trigger.token.ancestors if a.lemma_.lower() in _reporting_verbs()
                for c in a.children if c.dep_ == "nsubj" for t in c.subtree}  # "outlets close to X said"
    # nor does whoever condemns, supports or denies an event noun take part in it
    speakers |= {t.i for c in _judge_subjects(trigger) for t in c.subtree}
    # what a speech verb's clause says ("denounced that X took refuge") names no one it acts on
    if trigger.anchor.lemma_.lower() in speech_verbs():
        speakers |= {t.i for c in trigger.anchor.children if c.dep_ == "ccomp" for t in c.subtree}
    free = [m for m in mentions if id(m) not in used and m.key not in used_keys | used_parts
            and not (m.start <= i < m.end)
            and m.type != "PERSON" and m.cue != "capital" and not any(m.start <= k < m.end or m.span(doc).root.i == k for k in speakers)
            and _ally_prep(m.span(doc).root) is None and not _origin_place(m, doc) and not _denied_alternative(m, doc)
            and not _in_ties(m.span(doc).root)
            and not (trigger.token.i == trigger.anchor.i and _victim_of(m, trigger.anchor, doc))]
    # a relative clause on the object describes it ("members who would switch from X to Y"):
    # whom it names is no guess for the trigger's slots
    free = [m for m in free if not _in_other_relative(m.span(doc).root, trigger.anchor)]
    same = [m for m in free if clause_of(m.span(doc).root) == clause]
    if same and (not got[AGENT] and any(m.end <= i for m in same) or got[AGENT] and any(m.start > i for m in same)):
        free = same
    if got[AGENT] and not (got[PATIENT] or got[PARTNER]) and not _filled(trigger, "patient", mentions):
        right = [m for m in free if m.start > i]
        if right:
            got[PATIENT] = [min(right, key=lambda m: m.start - i)]
            return got
        left = [m for m in free if m.end <= i]
        if left and _accompanying(trigger.token):  # "X formed Y, with training provided by Z": Y gets it
            got[PATIENT] = [max(left, key=lambda m: m.end)]
            return got
    if not got[AGENT] and (got[PATIENT] or got[PARTNER]) and not _filled(trigger, "agent", mentions):
        left = [m for m in free if m.end <= i]
        if left:
            got[AGENT] = [max(left, key=lambda m: m.end)]
    return got


def _anaphoric(noun: Token) -> bool:
    """"all this cooperation", "such attacks": an event noun pointing back to one told before,
    whose parties are there, not the nearest names of this sentence."""
    pointers = ("this", "that", "these", "those", "such")
    return noun.pos_ == "NOUN" and any(c.dep_ in ("det", "predet") and c.lower_ in pointers for c in noun.children)


def _in_other_relative(tok: Token, anchor: Token) -> bool:
    """Whether a token sits in a relative clause on the anchor's own object ("arrested
    members who would switch from X to Y"): it describes the object, it is not it."""
    verbs = {anchor.i, *(c.i for c in anchor.conjuncts)}  # "arresting and jailing members": shared
    return any(a.dep_ == "relcl" and a.head.dep_ in _OBJ and a.head.head.i in verbs for a in [tok, *tok.ancestors])


def _accompanying(noun: Token) -> bool:
    """A noun trigger in a "with" phrase of a clause ("..., with training from Z")."""
    return noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ in ("VERB", "AUX")


def _filled(trigger: Trigger, side: str, mentions: list[Found]) -> bool:
    """Whether a verb trigger's slot holds a phrase that names no actor ("killed a guard",
    "the bomber killed"): the parse says who, so no nearest mention stands in. Nouns that
    stand for parties ("allies who fought X", "the group") leave the slot open."""
    verb = trigger.anchor
    if verb.pos_ not in ("VERB", "AUX") or trigger.light or trigger.token.i != verb.i:
        return False
    passive = _is_passive(verb)
    if side == "patient":
        deps = ("nsubjpass",) if passive else ("dobj", "obj")
    else:
        deps = () if passive else ("nsubj",)
    covered = {k for m in mentions for k in range(m.start, m.end)}
    fillers = [c for c in verb.children if c.dep_ in deps]
    if side == "patient" and verb.lemma_.lower() in _lex()["participation_verbs"]:
        # "participated in elections": what one takes part in is its object
        fillers += [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for o in c.children
                    if o.dep_ == "pobj" and o.lemma_.lower() not in _lex()["nouns"]]
    if verb.dep_ == "relcl" and (passive == (side == "patient")):
        fillers.append(verb.head)  # "the effort which is encouraged by X": the effort is the patient
    parties = _party_nouns()
    return any(c.pos_ in ("NOUN", "PROPN") and c.i not in covered and c.lemma_.lower() not in parties and not any(
        t.i in covered for t in c.children if t.dep_ in ("compound", "poss")) for c in fillers)


def _reciprocal(trigger: Trigger) -> bool:
    """"condemned each other", "fought one another"."""
    return any(c.lower_ == "other" and any(d.lower_ in ("each", "one") for d in c.children)
               or c.lower_ == "another" for c in trigger.anchor.subtree)


def pairs(trigger: Trigger, got: dict[str, list[Found]]) -> list[tuple[Found, Found]]:
    """(source, target) pairs from roles: agents act on patients; partners pair with agents."""
    agents, patients, partners = got[AGENT], got[PATIENT], got[PARTNER]
    out = []
    if len(agents) > 1 and not (patients or partners) and _reciprocal(trigger):
        return [(a, b) for a in agents for b in agents if a.key != b.key]  # "they condemned each other"
    among = False  # a dual description is both sides of a symmetric act ("the two groups met")
    if trigger.type in SYMMETRIC:
        others = patients + partners
        if agents and others:
            out = [(a, b) for a in agents for b in others]
        elif len(agents) > 1 or len(others) > 1:
            side = agents if len(agents) > 1 else others
            out = [(a, b) for k, a in enumerate(side) for b in side[k + 1:]]
            among = all(m.cue == "coref" for m in side)  # "the two organizations", not "they"
    else:
        out = [(a, b) for a in agents for b in patients or partners]
    # one plural mention ("they") standing for several actors is one side facing another,
    # unless nobody else takes part; so are the halves of a slashed name ("PLA/RPF"), and
    # a unit and its own group
    doc = trigger.token.doc
    return [(a, b) for a, b in out if a.key != b.key and (among or a.start != b.start or _one_pair_token(a, b))
            and not _slashed(a, b, doc)
            and b.key != a.part_of and a.key != b.part_of]


def _one_pair_token(a: Found, b: Found) -> bool:
    """Whether two mentions are the halves of one hyphenated token ("U.S.-Taliban")."""
    return a.cue == b.cue == "pair-modifier" and a.start == b.start


def _slashed(a: Found, b: Found, doc) -> bool:
    first, second = sorted((a, b), key=lambda m: m.start)
    return second.start == first.end + 1 and doc[first.end].text == "/"


_LOCATIVE = {"in", "inside", "across", "throughout", "within", "near", "into", "around", "outside", "over"}


def is_place_use(m: Found, doc) -> bool:
    """A state named as a location ("fighters in Syria", "in Syria and Iraq", "in the Puntland
    region") is a place there, not an actor."""
    if m.type != "STATE":
        return False
    tok = m.span(doc).root
    if tok.dep_ == "poss" and tok.head.pos_ == "PROPN":  # "Egypt's northern Sinai"
        return True
    if tok.dep_ == "appos" and tok.head.ent_type_ in ("GPE", "LOC") and not tok.head.ent_id_:
        return True  # "Idlib province, Syria": the country of a place (a known actor has an ent id)
    while tok.dep_ in ("conj", "compound") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE


def _with_coordinated(trigger: Trigger, found: list[tuple[Found, Found]], sent: Span):
    """"helped train and equip X": a trigger verb coordinated right after this one shares its
    parties even when the parser loses the second verb (small models often do)."""
    out = [(trigger.type, a, b) for a, b in found]
    i = trigger.token.i
    doc = sent.doc
    if trigger.token.i == trigger.anchor.i and i + 2 < sent.end and doc[i + 1].lower_ in ("and", "or"):
        code = _lex()["verbs"].get(doc[i + 2].lower_) or _lex()["verbs"].get(doc[i + 2].lemma_.lower())
        if code and code != trigger.type:
            out += [(code, a, b) for a, b in found]
    return out


def _coordinated(a: Found, b: Found, doc) -> bool:
    """Whether two mentions are joined by "and"/"or" ("X and Y attacked Z")."""
    if a.cue == b.cue == "pair-modifier":
        return True
    ra, rb = a.span(doc).root, b.span(doc).root
    return any(t.i == rb.i for t in ra.conjuncts) or any(t.i == ra.i for t in rb.conjuncts) or (
        ra.head.i == rb.head.i and "conj" in (ra.dep_, rb.dep_))


def _member_act(trigger: Trigger, agent: Found, doc) -> tuple[str, str]:
    """A member of X pledging allegiance to Y is a defection from X, not X's pledge."""
    head = agent.span(doc).root.head
    if trigger.type == "ALLEGIANCE" and agent.span(doc).root.dep_ in ("compound", "poss", "pobj") and \
            head.lemma_.lower() in lexicon("actors")["member_nouns"]:
        return "DEFECTION", ";member-pledge"
    return trigger.type, ""


def _names_members(root: Token, noun: Token) -> bool:
    """Whether a name qualifies a noun as its owner: "Hezbollah fighters", "fighters of Hezbollah"."""
    head = root.head
    return head.i == noun.i or head.dep_ == "prep" and head.lower_ == "of" and head.head.i == noun.i


def sponsor_candidates(mentions: list[Found], doc) -> list[Candidate]:
    """"Iran-backed Hezbollah fighters", "Turkish-trained militias": the modifying party
    gives the modified one what the participle says."""
    affixes = _lex()["sponsor_affixes"]
    out = []
    for m in mentions:
        if m.cue != "modifier" or m.type not in ACTING_TYPES or m.end + 1 >= len(doc) or doc[m.end].text != "-":
            continue
        affix = doc[m.end + 1]
        code = affixes.get(affix.lower_)
        if code is None:
            continue
        noun = affix.head
        target = next((t for t in mentions if t.cue != "modifier" and t.type in ACTING_TYPES and t.key != m.key
                       and t.start > m.end and (t.start <= noun.i < t.end or _names_members(t.span(doc).root, noun))),
                      None)
        if target is not None:
            out.append(Candidate(m, target, code, affix, f"sponsor:{affix.lower_}"))
    return out


def sentence_candidates(sent: Span, mentions: list[Found], fallback: bool = True) -> list[Candidate]:
    """Every interaction a sentence states between two of its actor mentions; without
    ``fallback`` only those the parse links to the trigger."""
    sponsored = sponsor_candidates(mentions, sent.doc)
    acting = [m for m in mentions if m.type in ACTING_TYPES and m.cue != "modifier" and not is_place_use(m, sent.doc)]
    places = [m for m in mentions if m.type == "STATE" and m.cue != "modifier" and is_place_use(m, sent.doc)]
    if len({m.key for m in acting + places}) < 2:
        return sponsored
    covered = {i for m in mentions for i in range(m.start, m.end)}
    doc = sent.doc
    out = []
    seen = set()
    triggers = find_triggers(sent, covered)
    verbs = {(t.token.i, t.type) for t in triggers if t.token.i == t.anchor.i}
    # "attacks targeting X": a participle describing an event noun is that same event
    event_nouns = _lex()["nouns"]
    triggers = [t for t in triggers if not (t.token.dep_ == "acl" and t.token.head.lemma_.lower() in event_nouns)]
    for trig in triggers:
        if (trig.token.head.i, trig.type) in verbs and trig.token.i != trig.token.head.i:
            continue  # "pledged allegiance": the verb already says it
        # a place's holder takes part only in aid given or got there
        parties = [m for m in acting if m.cue != "holder" or trig.type in _lex()["hosted_types"]]
        got = roles(trig, parties, doc)
        if not got[AGENT] and trig.type in _lex()["jurisdiction_types"] and trig.token.i == trig.anchor.i \
                and _is_passive(trig.anchor):
            got[AGENT] = [m for m in places if _ruled_where(m, trig.anchor, doc)]
        sides = got[PARTNER] + (got[PATIENT] if trig.type in SYMMETRIC else [])  # "the war of X against Y"
        syntactic = bool(got[AGENT]) and bool(got[PATIENT] or got[PARTNER]) or len({m.key for m in sides}) > 1 or (
            len({m.key for m in got[AGENT]}) > 1 and _reciprocal(trig))
        parsed_agents = list(got[AGENT])
        # an ally sides against opponents the parse names, never a nearest-mention guess
        opponents = got[PATIENT] + (got[PARTNER] if INTERACTION_TYPES[trig.type].polarity == "hostile" else [])
        if not syntactic and fallback and not trig.cue.endswith("+modifier") and not _anaphoric(trig.token):
            got = _fallback(trig, parties, got, doc)
            keys = {m.key: m for m in parties}
            if trig.type in SYMMETRIC and not any(got.values()) and len(keys) == 2 \
                    and not _filled(trig, "patient", parties):
                got[PARTNER] = list(keys.values())  # "X is central to the smuggling network" (with Y)
        found = pairs(trig, got)
        allied = {(a.key, b.key) for a in parsed_agents for b in got[ALLY] if a.key != b.key}
        found += [(a, b) for a in parsed_agents for b in got[ALLY] if a.key != b.key]
        found += [(b, p) for b in got[ALLY] for p in opponents if b.key != p.key]
        if not syntactic:  # two states paired by proximity alone are far more often places than parties
            found = [(a, b) for a, b in found if not {a.type, b.type} <= _STATE_TYPES]
        if syntactic and INTERACTION_TYPES[trig.type].polarity == "hostile" and (
                trig.type not in SYMMETRIC or got[PATIENT] or got[PARTNER]):
            # "X and Y cleared Z from the villages": acting together against a third is a joint operation
            agents = list({m.key: m for m in got[AGENT]}.values())
            joint = {(a.key, b.key) for k, a in enumerate(agents) for b in agents[k + 1:]
                     if got[PATIENT] and _coordinated(a, b, doc)}
            found += [(a, b) for k, a in enumerate(agents) for b in agents[k + 1:] if (a.key, b.key) in joint]
        else:
            joint = set()
        for kind, a, b in _with_coordinated(trig, found, sent):
            if (a.key, b.key) in joint | allied:
                kind = "COORDINATION"
            k = (a.key, b.key, kind)
            if k in seen:
                continue
            seen.add(k)
            kind, cue = (_member_act(trig, a, doc) if kind == trig.type else
                         (kind, ";joint-action" if (a.key, b.key) in joint else
                          ";ally" if (a.key, b.key) in allied else ";coordinated-verb"))
            out.append(Candidate(a, b, kind, trig.token, trig.cue + cue + ("" if syntactic else "+fallback"),
                                 trig.anchor if trig.light else None))
    return sponsored + out
