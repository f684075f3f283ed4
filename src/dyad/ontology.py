"""The dyad vocabulary, loaded once from ``ontology.yaml``.

Every other module imports codes from here, so a code exists in exactly one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

_RAW = yaml.safe_load(resources.files("dyad").joinpath("ontology.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class InteractionType:
    code: str
    polarity: str  # coop | hostile | other
    symmetric: bool
    plover: str | None
    level: str | None  # the cooperation or hostility level this type supports alone


ACTOR_TYPES: tuple[str, ...] = tuple(_RAW["actor_types"])
STRUCTURE_TYPES: tuple[str, ...] = tuple(_RAW["structure"])
INTERACTION_TYPES: dict[str, InteractionType] = {
    code: InteractionType(code, v["polarity"], v["symmetric"], v["plover"], v["level"])
    for code, v in _RAW["interactions"].items()
}
CERTAINTIES: tuple[str, ...] = tuple(_RAW["certainty"])
CERTAINTY_CONFIDENCE: dict[str, int] = dict(_RAW["certainty_confidence"])
NOT_HAPPENED: frozenset[str] = frozenset(_RAW["not_happened"])
COOPERATION_LEVELS: tuple[str, ...] = tuple(_RAW["cooperation_levels"])
HOSTILITY_LEVELS: tuple[str, ...] = tuple(_RAW["hostility_levels"])
STRUCTURE_LEVELS: dict[str, dict[str, str]] = dict(_RAW["structure_levels"])
SYMMETRIC: frozenset[str] = frozenset(c for c, t in INTERACTION_TYPES.items() if t.symmetric)

# Actor types that can be a party to a dyad (people act for groups; outlets are sources).
GROUP_TYPES: frozenset[str] = frozenset({"ARMED_GROUP", "STATE", "STATE_FORCE", "POLITICAL_ORG", "TRIBE"})


def happened(certainty: str) -> bool:
    """Whether a claim of this certainty counts as something that took place."""
    return certainty not in NOT_HAPPENED


def axis_of(level: str) -> str:
    """'cooperation' or 'hostility' for a level code (NONE is ambiguous and rejected)."""
    if level in COOPERATION_LEVELS[1:]:
        return "cooperation"
    if level in HOSTILITY_LEVELS[1:]:
        return "hostility"
    raise ValueError(f"E101 unknown level {level!r}; expected one of {COOPERATION_LEVELS + HOSTILITY_LEVELS}")


def rank(level: str) -> int:
    """Position of a level on its own axis (NONE is 0 on both)."""
    if level == "NONE":
        return 0
    axis = COOPERATION_LEVELS if axis_of(level) == "cooperation" else HOSTILITY_LEVELS
    return axis.index(level)


def check(kind: str, code: str) -> str:
    """Return code when it belongs to the vocabulary ``kind``; raise a clear error otherwise."""
    allowed = {
        "actor_type": ACTOR_TYPES,
        "structure": STRUCTURE_TYPES,
        "interaction": tuple(INTERACTION_TYPES),
        "certainty": CERTAINTIES,
    }[kind]
    if code not in allowed:
        raise ValueError(f"E100 {code!r} is not a {kind} code. Known codes: {', '.join(allowed)}")
    return code
