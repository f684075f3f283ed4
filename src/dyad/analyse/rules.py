"""Level rules: which claims set which cooperation or hostility level, and why.

The rules are data (``rules.yaml`` beside this module, or a user's file that replaces
it), checked against the ontology on load so a typo fails at once with the fix in the
message instead of silently leaving a claim at NONE.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from dyad.ontology import (
    COOPERATION_LEVELS,
    HOSTILITY_LEVELS,
    INTERACTION_TYPES,
    STRUCTURE_LEVELS,
    STRUCTURE_TYPES,
    axis_of,
)

RULE_KEYS = frozenset({"id", "why", "types", "level", "structure", "lasting", "persists", "raise_only", "when"})
CONDITIONS = frozenset({"counter_flow", "amid", "words", "breadth"})
BREADTH_KEYS = frozenset({"min_types", "of_level", "min_years"})
POLARITY_AXIS = {"coop": "cooperation", "hostile": "hostility"}
ONTOLOGY_RULE = "ontology"


class RulesError(ValueError):
    """A rules file that cannot be used; the message says what to fix."""


@dataclass(frozen=True)
class Rule:
    id: str
    why: str = ""
    types: tuple[str, ...] = ()
    level: str | None = None
    structure: tuple[str, ...] = ()
    lasting: bool = False
    persists: int = 0  # months a claim's level outlives it, unless ties improve first
    raise_only: bool = False
    when: dict = field(default_factory=dict)

    def level_for(self, code: str) -> str | None:
        """The level this rule gives a claim of type ``code``."""
        return self.level or INTERACTION_TYPES[code].level

    def structure_level(self, code: str) -> str | None:
        return self.level or STRUCTURE_LEVELS.get(code, {}).get("cooperation")

    @property
    def axis(self) -> str | None:
        if self.level == "NONE":  # the axis of the types it clears
            return _type_axis(self.types[0]) if self.types else None
        return axis_of(self.level) if self.level else None


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    rollup: frozenset[str]
    one_off_types: frozenset[str]

    @property
    def type_rules(self) -> dict[str, Rule]:
        """The unconditional rule naming each interaction type."""
        return {code: r for r in self.rules if not r.when for code in r.types}

    @property
    def conditional(self) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if r.when)

    @property
    def structure_rules(self) -> dict[str, Rule]:
        return {code: r for r in self.rules for code in r.structure}


def rules_fingerprint(path: str | Path | None = None) -> str:
    """A hash of the rules file's text: histories kept in the store say which rules made them."""
    return hashlib.sha256(_rules_text(path)[0].encode("utf-8")).hexdigest()


def _rules_text(path: str | Path | None) -> tuple[str, str]:
    """(text, name to report) of a rules file (default: the packaged ``rules.yaml``)."""
    if path is None:
        return resources.files("dyad.analyse").joinpath("rules.yaml").read_text(encoding="utf-8"), "rules.yaml"
    try:
        return Path(path).read_text(encoding="utf-8"), str(path)
    except OSError as exc:
        raise RulesError(f"E301 cannot read rules file {path}: {exc.strerror}; give an existing YAML file") from exc


def load_rules(path: str | Path | None = None) -> RuleSet:
    """Read and validate a rules file (default: the packaged ``rules.yaml``)."""
    text, where = _rules_text(path)
    try:
        raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 8x faster
    except yaml.YAMLError as exc:
        raise RulesError(f"E301 {where} is not valid YAML: {exc}; fix the syntax") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("rules"), list):
        raise RulesError(f"E302 {where} must be a mapping with a `rules:` list; copy dyad/analyse/rules.yaml and edit it")
    rules = tuple(_rule(r, where, i) for i, r in enumerate(raw["rules"]))
    _check_unique(rules, where)
    return RuleSet(
        rules=rules,
        rollup=frozenset(_codes(raw.get("rollup", []), STRUCTURE_TYPES, where, "rollup")),
        one_off_types=frozenset(_codes(raw.get("one_off_types", []), tuple(INTERACTION_TYPES), where,
                                       "one_off_types")),
    )


def _rule(raw: object, where: str, index: int) -> Rule:
    if not isinstance(raw, dict) or not raw.get("id"):
        raise RulesError(f"E302 {where}: rule #{index + 1} needs an `id:`; give each rule a stable name")
    rid = raw["id"]
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise RulesError(f"E302 {where}: rule {rid}: unknown key(s) {sorted(unknown)}; allowed: {sorted(RULE_KEYS)}")
    rule = Rule(
        id=rid,
        why=raw.get("why", ""),
        types=tuple(_codes(raw.get("types", []), tuple(INTERACTION_TYPES), where, f"rule {rid}: types")),
        level=_level(raw.get("level"), where, rid),
        structure=tuple(_codes(raw.get("structure", []), STRUCTURE_TYPES, where, f"rule {rid}: structure")),
        lasting=bool(raw.get("lasting", False)),
        persists=_months(raw.get("persists", 0), where, rid),
        raise_only=bool(raw.get("raise_only", False)),
        when=_condition(raw.get("when") or {}, where, rid),
    )
    _check_axis(rule, where)
    return rule


def _months(value: object, where: str, rid: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RulesError(f"E302 {where}: rule {rid}: persists must be a whole number of months (e.g. 12)")
    return value


def _codes(values: object, allowed: tuple[str, ...], where: str, what: str) -> list[str]:
    if not isinstance(values, list):
        raise RulesError(f"E302 {where}: {what} must be a list of codes")
    bad = [v for v in values if v not in allowed]
    if bad:
        raise RulesError(f"E303 {where}: {what}: unknown code(s) {bad}; known codes: {', '.join(allowed)}")
    return values


def _level(level: object, where: str, rid: str) -> str | None:
    if level is None:
        return None
    if level not in COOPERATION_LEVELS + HOSTILITY_LEVELS[1:]:
        raise RulesError(f"E304 {where}: rule {rid}: unknown level {level!r}; use one of "
                         f"{', '.join(COOPERATION_LEVELS + HOSTILITY_LEVELS[1:])}")
    return level


def _condition(when: object, where: str, rid: str) -> dict:
    if not isinstance(when, dict) or len(when) > 1 or set(when) - CONDITIONS:
        raise RulesError(f"E305 {where}: rule {rid}: `when` takes exactly one of {sorted(CONDITIONS)}")
    if "breadth" in when:
        b = when["breadth"]
        if not isinstance(b, dict) or set(b) != BREADTH_KEYS:
            raise RulesError(f"E305 {where}: rule {rid}: breadth needs exactly {sorted(BREADTH_KEYS)}")
        _level(b["of_level"], where, rid)
    for key in ("counter_flow", "amid"):
        if key in when:
            _codes(when[key], tuple(INTERACTION_TYPES), where, f"rule {rid}: {key}")
    if "words" in when and not (isinstance(when["words"], list) and all(isinstance(w, str) for w in when["words"])):
        raise RulesError(f"E305 {where}: rule {rid}: words must be a list of phrases")
    return dict(when)


def _check_axis(rule: Rule, where: str) -> None:
    if rule.when and not rule.level:
        raise RulesError(f"E306 {where}: rule {rule.id}: a rule with `when` needs a `level:`")
    if not rule.types and not rule.structure and not rule.when:
        raise RulesError(f"E306 {where}: rule {rule.id}: name `types:` or `structure:`, or give a `when:` condition")
    if rule.level == "NONE" and not (rule.when and rule.types and len({_type_axis(t) for t in rule.types}) == 1):
        raise RulesError(f"E306 {where}: rule {rule.id}: level NONE clears claims: give it `when:` and "
                         f"`types:` of one axis")
    for code in rule.types:
        polarity = INTERACTION_TYPES[code].polarity
        level = rule.level_for(code)
        if level == "NONE":
            continue
        if level is None:
            raise RulesError(f"E306 {where}: rule {rule.id}: {code} has no ontology level; give the rule a `level:`")
        if POLARITY_AXIS.get(polarity) != axis_of(level):
            raise RulesError(f"E306 {where}: rule {rule.id}: {code} is {polarity} but {level} is a "
                             f"{axis_of(level)} level; use a level on the {POLARITY_AXIS.get(polarity)} axis")
    for code in rule.structure:
        level = rule.structure_level(code)
        if level is None or axis_of(level) != "cooperation":
            raise RulesError(f"E306 {where}: rule {rule.id}: structure {code} needs a cooperation `level:` "
                             f"(the ontology gives it none)")


def _type_axis(code: str) -> str | None:
    return POLARITY_AXIS.get(INTERACTION_TYPES[code].polarity)


def _check_unique(rules: tuple[Rule, ...], where: str) -> None:
    seen: set[str] = set()
    owner: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"E307 {where}: rule id {rule.id} appears twice; rename one")
        seen.add(rule.id)
        for code in rule.types if not rule.when else ():
            if code in owner:
                raise RulesError(f"E307 {where}: {code} is in both {owner[code]} and {rule.id}; "
                                 f"keep each type in one rule without `when`")
            owner[code] = rule.id
