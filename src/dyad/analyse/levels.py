"""Give each claim of a pair its level, and name the rules behind it.

Type rules run first (one level per claim from its type); conditional rules then
look at the pair as a whole (a counter-flow of goods, fighting at the same time, the
breadth of support, the words of the source) and move single claims. Every move is recorded in
``Claim.rules`` so a period can say why it has its level.
"""
from __future__ import annotations

from dyad.analyse.claims import Claim
from dyad.analyse.rules import ONTOLOGY_RULE, POLARITY_AXIS, Rule, RuleSet
from dyad.ontology import INTERACTION_TYPES, STRUCTURE_LEVELS, rank


def assign_type_levels(claims: list[Claim], ruleset: RuleSet) -> None:
    """Level from the claim's type (or structure edge); sets ``lasting`` from the rule."""
    type_rules, structure_rules = ruleset.type_rules, ruleset.structure_rules
    for c in claims:
        if not c.happened or c.absence:
            continue
        if c.structure:
            rule = structure_rules.get(c.type)
            level = rule.structure_level(c.type) if rule else STRUCTURE_LEVELS.get(c.type, {}).get("cooperation")
        else:
            rule = type_rules.get(c.type)
            level = rule.level_for(c.type) if rule else INTERACTION_TYPES[c.type].level
            c.lasting = bool(rule and rule.lasting)
            c.persists = rule.persists if rule else 0
        if level:
            c.level, c.rules = level, [rule.id if rule else ONTOLOGY_RULE]


def apply_conditional_rules(claims: list[Claim], ruleset: RuleSet) -> list[Claim]:
    """Run the rules with `when`, in file order, each on the state the previous left.
    Returns the claims a rule with ``persists`` moved (their level outlives them)."""
    persisting = []
    for rule in ruleset.conditional:
        scope = [c for c in claims if _in_scope(rule, c)]
        for c in _matching(rule, scope, claims):
            if rule.raise_only and rank(rule.level) <= rank(c.level):
                continue
            c.level = rule.level
            c.rules.append(rule.id)
            if rule.persists:
                c.persists = rule.persists
                persisting.append(c)
    return persisting


def _in_scope(rule: Rule, c: Claim) -> bool:
    if not c.happened or c.structure or c.absence:
        return False
    if rule.types:
        return c.type in rule.types
    return POLARITY_AXIS.get(c.polarity) == rule.axis


def _matching(rule: Rule, scope: list[Claim], claims: list[Claim]) -> list[Claim]:
    when = rule.when
    if "counter_flow" in when:
        return [c for c in scope if any(_counter(c, d, when["counter_flow"]) for d in claims)]
    if "amid" in when:
        return [c for c in scope if any(_amid(c, d, when["amid"]) for d in claims)]
    if "words" in when:
        words = [w.lower() for w in when["words"]]
        return [c for c in scope if any(w in c.text for w in words)]
    return _broad(scope, **when["breadth"])


def _counter(c: Claim, d: Claim, types: list[str]) -> bool:
    """d runs the other way between the pair while c holds."""
    return d is not c and d.happened and not d.absence and d.type in types and d.ends == c.ends[::-1] \
        and c.overlaps(d)


def _amid(c: Claim, d: Claim, types: list[str]) -> bool:
    """d, of one of these types, happens between the pair (either way) while c holds."""
    return d is not c and d.happened and not d.structure and not d.absence and d.type in types and c.overlaps(d)


def _broad(scope: list[Claim], min_types: int, of_level: str, min_years: float) -> list[Claim]:
    # a claim dated only by its publication says nothing about how long the tie lasted
    at_level = [c for c in scope if c.level == of_level and c.start is not None and not (c.undated or c.timeless)]
    if len({c.type for c in at_level}) < min_types:
        return []
    months = max(c.end for c in at_level) - min(c.start for c in at_level) + 1
    return at_level if months >= min_years * 12 else []
