"""The README and CI script stay in step with the code: every command documented,
the fresh-machine commands verbatim, CI running exactly the README's test command."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.api import example_corpus

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SETUP_COMMAND = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/dyad demo"
TEST_COMMAND = ".venv/bin/python -m pytest -q"


def test_docs_readme_documents_command(cli_command: str):
    assert f"`{cli_command}" in README or f"\n{cli_command}" in README, f"README.md does not show `{cli_command}`"


@pytest.mark.parametrize("command", [SETUP_COMMAND, TEST_COMMAND])
def test_docs_readme_has_fresh_machine_command(command: str):
    assert command in README


@pytest.mark.parametrize("command", [TEST_COMMAND])
def test_docs_ci_runs_readme_test_command(command: str):
    assert command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.parametrize("sidecar", sorted(example_corpus().glob("*.meta.json")), ids=lambda p: p.name)
def test_docs_example_corpus_is_marked_fictional(sidecar: Path):
    assert json.loads(sidecar.read_text(encoding="utf-8"))["source"] == "dyad example (fictional)"
