"""`dyad train` end to end on an invented annotated corpus: the CI smoke test of training.

Trains a tiny model on six invented documents, writes it with its card, and ingests with
it; then an analyst's reviews of the bundled example are added and move the model."""
from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from dyad.api import Dyad, example_corpus
from dyad.cli import cli
from dyad.learn.claims import reading_pairs
from dyad.learn.model import load_model


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def trained(annotated, tmp_path):
    out = tmp_path / "tiny.npz"
    result = _run("train", annotated, "-o", out, "--db", tmp_path / "none.db")
    assert result.exit_code == 0, result.output
    return out, result.output


def test_learn_train_writes_a_model_and_its_card(trained):
    out, output = trained
    assert "cross-validated (linear, leave one region out)" in output
    card = out.with_suffix(".md").read_text(encoding="utf-8")
    assert "Leave-one-region-out" in card and "| north |" in card and "| south |" in card
    model = load_model(out)
    assert model.card["data"]["documents"] == 6 and model.card["data"]["regions"] == {"north": 3, "south": 3}


def test_learn_train_model_is_used_by_ingest_and_claims_carry_its_confidence(trained, tmp_path):
    out, _ = trained
    text = tmp_path / "new" / "later.txt"
    text.parent.mkdir()
    text.write_text("The Blue Ridge Movement attacked positions of the Copper Coast Front near the border in 2021.",
                    encoding="utf-8")
    db = tmp_path / "with-model.db"
    assert _run("ingest", text.parent, "--db", db, "--model", out).exit_code == 0
    exported = json.loads(_run("export", "--db", db).output)
    got = {(x["type"], x["source"], x["target"]): x["confidence"] for x in exported["interactions"]}
    attack = next(c for (kind, _, _), c in got.items() if kind == "ATTACK")
    assert 0 < attack <= 1 and "model:ATTACK" in next(x["cue"] for x in exported["interactions"])


def test_learn_train_refuses_a_folder_without_gold_files(tmp_path):
    (tmp_path / "plain").mkdir()
    result = _run("train", tmp_path / "plain", "-o", tmp_path / "m.npz")
    assert result.exit_code != 0 and "E623" in result.output and not (tmp_path / "m.npz").exists()


def _row_probability(model, dyad: Dyad, claim) -> float:
    """The model's probability of a stored claim's type for its pair in its sentence (the
    store names an actor by the key its mentions were merged under)."""
    reading = next(dyad._rules_extractor().readings([dyad.store.document(claim.evidence.doc)]))
    for pair in reading_pairs(reading):
        if (dyad.store.actor(pair.source).key, dyad.store.actor(pair.target).key) != (claim.source, claim.target):
            continue
        for view in pair.sentences:
            sent = reading.sentences[view.index]
            if sent.start_char <= claim.evidence.start < sent.end_char:
                return float(model.probabilities(pair.features(view))[model.types.index(claim.type)])
    raise AssertionError(f"no candidate row for {claim}")


@pytest.fixture(scope="module")
def plain_model(tmp_path_factory, annotated_writer):
    """A model of the invented corpus alone, to compare with one that also read reviews."""
    folder = tmp_path_factory.mktemp("plain")
    corpus = annotated_writer(folder / "annotated")
    assert _run("train", corpus, "-o", folder / "plain.npz", "--no-cv").exit_code == 0
    return corpus, load_model(folder / "plain.npz")


@pytest.mark.parametrize("decision", ["--accept", "--reject"])
def test_learn_train_with_reviews_learns_the_analysts_corrections(plain_model, tmp_path, decision):
    corpus, before = plain_model
    db = tmp_path / "example.db"
    dyad = Dyad(db)
    assert dyad.ingest([example_corpus()]).ok
    queue = dyad.review_queue(limit=None)
    assert queue and [c.confidence for c in queue] == sorted(c.confidence for c in queue)
    claim = queue[len(queue) // 2]
    assert _run("review", claim.id, decision, "--reason", "checked", "--db", db).exit_code == 0
    assert claim.id not in {c.id for c in Dyad(db).review_queue(limit=None)}

    taught = tmp_path / "taught.npz"
    result = _run("train", corpus, "-o", taught, "--no-cv", "--with-reviews", "--db", db)
    assert result.exit_code == 0, result.output
    after = load_model(taught)
    assert after.card["data"]["reviewed_documents"] == 1
    moved = _row_probability(after, dyad, claim) - _row_probability(before, dyad, claim)
    assert moved > 0 if decision == "--accept" else moved < 0


def test_learn_train_with_reviews_needs_some(annotated, tmp_path, corpus_dir):
    db = tmp_path / "unreviewed.db"
    Dyad(db).ingest([corpus_dir])
    result = _run("train", annotated, "-o", tmp_path / "m.npz", "--with-reviews", "--db", db)
    assert result.exit_code != 0 and "E509" in result.output


def test_learn_review_queue_lists_least_sure_first(tmp_path):
    db = tmp_path / "q.db"
    Dyad(db).ingest([example_corpus()])
    result = _run("review", "--queue", "--limit", "3", "--format", "json", "--db", db)
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    confidences = [c["confidence"] for c in listed]
    assert len(listed) == 3 and confidences == sorted(confidences) and np.all(np.array(confidences) > 0)
