"""Shared fixtures: a tiny invented corpus, one loaded extractor, stores built from them."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from store_backends import NO_POSTGRES, POSTGRES_URL, postgres_schema

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Invented two-article corpus: one cooperative report, one hostile, two years apart.
SMALL_CORPUS = {
    "coast_training": (
        "2018-09",
        "The Copper Coast Front (CCF) trained fighters of the Northern Star Army in May 2018, "
        "according to local officials. Leaders of the Copper Coast Front met commanders of the "
        "Northern Star Army in the port of Velm last year.",
    ),
    "coast_clash": (
        "2020-07",
        "Fighters of the Copper Coast Front clashed with the Northern Star Army near Velm in June 2020, "
        "leaving a dozen people dead. The Northern Star Army condemned the Copper Coast Front for the attack "
        "on its camp.",
    ),
}


def command_paths() -> list[str]:
    """'dyad ingest', 'dyad alias add', ...: every command and subcommand of the CLI."""
    from dyad.cli import cli

    def walk(group: click.Group, prefix: str) -> list[str]:
        paths = []
        for name, command in sorted(group.commands.items()):
            paths.append(f"{prefix} {name}")
            if isinstance(command, click.Group):
                paths.extend(walk(command, f"{prefix} {name}"))
        return paths

    return walk(cli, "dyad")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``cli_command`` runs once per CLI command (so a new command is covered)."""
    if "cli_command" in metafunc.fixturenames:
        metafunc.parametrize("cli_command", command_paths())


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repository (evaluation data); skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent (looked for {SHARED}); clone it beside the repository to run this test")
    return SHARED


def write_corpus(folder: Path, corpus: dict[str, tuple[str, str]] = SMALL_CORPUS) -> Path:
    """Write ``name.txt`` plus a ``name.meta.json`` sidecar with its date for each article."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, (published, text) in corpus.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return folder


@pytest.fixture
def small_corpus() -> dict[str, tuple[str, str]]:
    """name -> (published, text) of the invented corpus."""
    return dict(SMALL_CORPUS)


@pytest.fixture
def corpus_writer():
    """``write_corpus(folder, corpus)``, for tests that need a corpus of their own."""
    return write_corpus


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def extractor():
    """The NLP pipeline the API loads (once per process), for tests that build ``Dyad`` directly."""
    from dyad.api import Dyad

    return Dyad().extractor


@pytest.fixture(scope="session")
def ingested_db(tmp_path_factory: pytest.TempPathFactory, extractor) -> str:
    """A store holding the small corpus; read it only (copy it or use ``fresh_db`` to write)."""
    from dyad.api import Dyad

    folder = tmp_path_factory.mktemp("ingested")
    report = Dyad(folder / "dyad.db", extractor=extractor).ingest([write_corpus(folder / "corpus")])
    assert report.ok, report.failed
    return str(folder / "dyad.db")


@pytest.fixture
def fresh_db(tmp_path: Path, corpus_dir: Path, extractor) -> str:
    """A store of the small corpus that a test may change."""
    from dyad.api import Dyad

    Dyad(tmp_path / "dyad.db", extractor=extractor).ingest([corpus_dir])
    return str(tmp_path / "dyad.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> Iterator[str]:
    """A new, empty store on each backend: a SQLite file, and a PostgreSQL schema when a server is given."""
    if request.param == "sqlite":
        yield str(tmp_path / "dyad.db")
        return
    if not POSTGRES_URL:
        pytest.skip(NO_POSTGRES)
    with postgres_schema() as url:
        yield url
