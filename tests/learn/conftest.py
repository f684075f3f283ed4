"""An invented annotated corpus (texts beside gold files, two regions) for training tests.

The sentences are written for these tests from a few templates over invented groups, so
a model can be trained on them in seconds; nothing here comes from evaluation data."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

GROUPS = [("Copper Coast Front", "ARMED_GROUP"), ("Northern Star Army", "ARMED_GROUP"),
          ("Silver Lake Movement", "ARMED_GROUP"), ("Iron Hill Front", "ARMED_GROUP"),
          ("Red Valley Army", "ARMED_GROUP"), ("Blue Ridge Movement", "ARMED_GROUP")]

# (sentence template, interaction type or None, source first?)
TEMPLATES = [
    ("The {a} attacked positions of the {b} near the border in {year}.", "ATTACK"),
    ("Fighters of the {a} clashed with the {b} in the hills in {year}.", "CLASH"),
    ("The {a} and the {b} coordinated their operations against the army in {year}.", "COORDINATION"),
    ("The {a} condemned the {b} for the killing of civilians in {year}.", "CONDEMNATION"),
    ("Leaders of the {a} met commanders of the {b} in the capital in {year}.", "MEETING"),
    ("The {a} held a rally while the {b} opened an office in {year}.", None),
]


def _doc(i: int, region: str) -> tuple[str, dict]:
    a, b = GROUPS[i % len(GROUPS)], GROUPS[(i + 1 + i // len(GROUPS)) % len(GROUPS)]
    sentences, interactions = [], []
    for j, (template, kind) in enumerate(TEMPLATES[i % 2:] + TEMPLATES[:i % 2]):
        first, second = (a, b) if j % 2 == 0 else (b, a)
        sentence = template.format(a=first[0], b=second[0], year=2010 + i)
        sentences.append(sentence)
        if kind:
            interactions.append({"source": _id(first[0]), "target": _id(second[0]), "type": kind,
                                 "certainty": "ASSERTED", "time": {"start": str(2010 + i), "end": str(2010 + i)},
                                 "evidence": sentence})
    gold = {"doc": {"id": f"doc{i}", "published": f"{2010 + i}-12", "region": region},
            "actors": [{"id": _id(n), "name": n, "type": t, "aliases": []} for n, t in (a, b)],
            "structure": [], "interactions": interactions, "dyads": []}
    return " ".join(sentences), gold


def _id(name: str) -> str:
    return name.lower().replace(" ", "_")


def write_annotated(folder: Path, n: int = 6, regions: tuple[str, ...] = ("north", "south")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        text, gold = _doc(i, regions[i % len(regions)])
        (folder / f"doc{i}.txt").write_text(text, encoding="utf-8")
        (folder / f"doc{i}.gold.json").write_text(json.dumps(gold, indent=1), encoding="utf-8")
    return folder


@pytest.fixture
def annotated(tmp_path: Path) -> Path:
    """A folder of six annotated invented documents in two regions."""
    return write_annotated(tmp_path / "annotated")


@pytest.fixture(scope="session")
def annotated_writer():
    """``write_annotated(folder)``, for fixtures of a wider scope than one test."""
    return write_annotated


@pytest.fixture(scope="session")
def reader():
    """The pipeline without a relation model, as training reads documents."""
    from dyad.nlp.extract import Extractor

    return Extractor(disabled={"model"})
