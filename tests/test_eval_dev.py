"""The development set, read end to end: guards on what the foundation promises.

Reads ../shared/eval/dev (skips with a reason when it is absent). The thresholds are the
figures the project has reached, so a change that loses ground fails here; the full
scores are in docs/quality.md.
"""
from __future__ import annotations

import importlib.util
import json

import pytest

from dyad.api import Dyad


@pytest.fixture(scope="module")
def dev(shared_dir, tmp_path_factory, extractor):
    gold = shared_dir / "eval" / "dev"
    if not (gold / "../score.py").exists():
        pytest.skip(f"no scorer in {gold.parent}")
    dyad = Dyad(tmp_path_factory.mktemp("dev") / "dev.db", extractor=extractor)
    report = dyad.ingest([gold])
    assert report.ok, report.failed
    spec = importlib.util.spec_from_file_location("dyad_eval_score", gold.parent / "score.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return dyad, gold, scorer


def test_eval_dev_armed_groups_found_with_identity_and_aliases(dev):
    """Every gold ARMED_GROUP whose name the text spells out is an actor of that document whose
    canonical name or aliases include a gold name."""
    dyad, gold, scorer = dev
    actors = dyad.actors()
    found = missing = 0
    for path in sorted(gold.glob("*.gold.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        stem = path.name.replace(".gold.json", "")
        text = path.with_name(f"{stem}.txt").read_text(encoding="utf-8")
        here = [a for a in actors if stem in a.mentions_per_doc]
        for actor in (a for a in g["actors"] if a["type"] == "ARMED_GROUP"):
            names = [actor["name"], *actor.get("aliases", [])]
            if not any(len(n) >= 3 and n in text for n in names):
                continue
            want = {scorer.norm(n) for n in names}
            ok = any(want & {scorer.norm(x) for x in [a.name, *(s.alias for s in a.aliases)]} for a in here)
            found += ok
            missing += not ok
    assert found and not missing, f"{found} found, {missing} missing"


def test_eval_dev_structure_f1_reaches_the_foundation_bar(dev):
    dyad, gold, scorer = dev
    result = scorer.score(dyad.export(), gold)
    assert result["structure"]["f1"] >= 0.70, result["structure"]
