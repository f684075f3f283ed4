"""Near-duplicate detection over MinHash signatures."""
from __future__ import annotations

import json

import pytest

from dyad.read import NearDuplicateIndex, signature

ARTICLE = (
    "Fighters from the Northern Front attacked positions held by the River Brigade on Friday, "
    "residents said. The two groups had cooperated against government forces until last year, "
    "when a dispute over checkpoints split them. Local officials said at least a dozen people were "
    "killed and several houses burned near the market. The brigade denied losing any ground and "
    "blamed outside agitators for the violence that spread overnight to two nearby villages."
)
UNRELATED = (
    "The Delta Movement announced a new political office in the capital and named a spokesman. "
    "Its leaders said the office would handle talks with donors, aid agencies and the press, and "
    "that a congress to elect a council would be held once the rains end and the roads reopen."
)


@pytest.mark.parametrize(
    "edited",
    [
        ARTICLE.replace("on Friday", "on Saturday"),
        "BREAKING: " + ARTICLE + " Follow us for more.",
        ARTICLE.upper(),
    ],
)
def test_read_dedupe_light_edit_matches(edited):
    index = NearDuplicateIndex.from_texts([("orig", ARTICLE), ("other", UNRELATED)])
    assert index.query(edited) == ["orig"]


@pytest.mark.parametrize("text", [UNRELATED, ARTICLE[: len(ARTICLE) // 2]])
def test_read_dedupe_different_text_does_not_match(text):
    index = NearDuplicateIndex.from_texts([("orig", ARTICLE)])
    assert index.query(text) == []


@pytest.mark.parametrize("text", [ARTICLE])
def test_read_dedupe_signature_survives_json_and_rebuilds_index(text):
    stored = json.loads(json.dumps(signature(text)))
    index = NearDuplicateIndex.from_signatures([("orig", stored)])
    assert stored == signature(text)
    assert index.query(text.replace("Friday", "Sunday")) == ["orig"]


@pytest.mark.parametrize("doc_id", ["orig"])
def test_read_dedupe_adding_same_id_twice_is_a_no_op(doc_id):
    index = NearDuplicateIndex()
    index.add(doc_id, ARTICLE)
    index.add(doc_id, ARTICLE)
    assert (len(index), index.query(ARTICLE)) == (1, [doc_id])


@pytest.mark.parametrize("values", [[1, 2, 3]])
def test_read_dedupe_wrong_signature_length_is_refused(values):
    with pytest.raises(ValueError, match="E212"):
        NearDuplicateIndex.from_signatures([("x", values)])
