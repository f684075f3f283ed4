"""One parsed pipeline for all extractor tests: loading spaCy takes a second."""
from pathlib import Path

import pytest

from dyad.kb import load_kb
from dyad.nlp.mentions import KBIndex
from dyad.nlp.pipeline import build_pipeline

FICTIONAL_KB = Path(__file__).with_name("fictional_kb.yaml")


@pytest.fixture(scope="session")
def kb():
    return load_kb([FICTIONAL_KB])


@pytest.fixture(scope="session")
def index(kb) -> KBIndex:
    return KBIndex(kb)


@pytest.fixture(scope="session")
def nlp(kb):
    return build_pipeline(kb)


@pytest.fixture(scope="session")
def extractor(kb):
    from dyad.nlp.extract import Extractor

    return Extractor(kb)


@pytest.fixture(scope="session")
def rule_reader(kb):
    """The extractor with the relation model off: the role rules' own reading, which the
    model is offered as candidates and features (tests of what the rules propose)."""
    from dyad.nlp.extract import Extractor

    return Extractor(kb, disabled={"model"})
