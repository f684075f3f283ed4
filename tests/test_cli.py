"""The command line: help everywhere, exit statuses, one-line errors, the ingest → browse path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyad.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_command_has_help_with_example(cli_command: str):
    result = run(*cli_command.split()[1:], "--help")
    assert result.exit_code == 0 and "Example:" in result.output


@pytest.mark.parametrize("flag", ["--version"])
def test_cli_version_prints_version(flag: str):
    from dyad import __version__

    assert __version__ in run(flag).output


@pytest.mark.parametrize("expected", ["ingested 2, unchanged 0, near-duplicates 0, failed 0"])
def test_cli_ingest_prints_summary(corpus_dir: Path, tmp_path: Path, expected: str):
    result = run("ingest", corpus_dir, "--db", tmp_path / "t.db")
    assert (result.exit_code, result.stdout.strip()) == (0, expected)


@pytest.mark.parametrize("expected", ["ingested 0, unchanged 2, near-duplicates 0, failed 0"])
def test_cli_ingest_rerun_is_idempotent(corpus_dir: Path, tmp_path: Path, expected: str):
    run("ingest", corpus_dir, "--db", tmp_path / "t.db")
    result = run("ingest", corpus_dir, "--db", tmp_path / "t.db")
    assert (result.exit_code, result.stdout.strip()) == (0, expected)


@pytest.mark.parametrize("bad_name", ["empty.txt"])
def test_cli_ingest_bad_file_fails_alone(corpus_dir: Path, tmp_path: Path, bad_name: str):
    (corpus_dir / bad_name).write_text("  \n", encoding="utf-8")
    result = run("ingest", corpus_dir, "--db", tmp_path / "t.db")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and bad_name in result.stderr
    assert "ingested 2," in result.stdout and "failed 1" in result.stdout


@pytest.mark.parametrize("date", ["2020-13", "yesterday-ish", "20x0"])
def test_cli_ingest_bad_published_is_usage_error(corpus_dir: Path, tmp_path: Path, date: str):
    result = run("ingest", corpus_dir, "--db", tmp_path / "t.db", "--published", date)
    assert result.exit_code == 2 and "E502" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "t.db").exists()


@pytest.mark.parametrize("command", [["documents"], ["actors"], ["actor", "CCF"], ["claims"], ["export", "-o", "-"],
                                     ["dyads"], ["network"], ["judgements"]])
def test_cli_read_command_without_store_says_ingest_first(tmp_path: Path, command: list[str]):
    result = run(*command, "--db", tmp_path / "missing.db")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"error: E501 no store at {tmp_path / 'missing.db'} — run `dyad ingest PATH` first, "
        f"or pass --db to point to an existing store"]


@pytest.mark.parametrize("name", ["coast_training", "coast_clash"])
def test_cli_documents_lists_names_whole(ingested_db: str, name: str):
    result = run("documents", "--db", ingested_db)
    assert result.exit_code == 0 and name in result.stdout


@pytest.mark.parametrize("name", ["coast_training"])
def test_cli_db_comes_from_dyad_db_when_not_given(ingested_db: str, name: str):
    result = CliRunner(env={"DYAD_DB": ingested_db}).invoke(cli, ["documents"])
    assert result.exit_code == 0 and name in result.stdout


@pytest.mark.parametrize("name", ["Copper Coast Front", "Northern Star Army"])
def test_cli_actors_lists_groups(ingested_db: str, name: str):
    result = run("actors", "--db", ingested_db)
    assert result.exit_code == 0 and name in result.stdout


@pytest.mark.parametrize("alias, canonical", [("CCF", "Copper Coast Front")])
def test_cli_actor_resolves_alias(ingested_db: str, alias: str, canonical: str):
    result = run("actor", alias, "--db", ingested_db)
    assert result.exit_code == 0 and result.stdout.startswith(canonical)


@pytest.mark.parametrize("typo, suggestion", [("Coper Coast Front", "Copper Coast Front")])
def test_cli_unknown_actor_suggests_close_match(ingested_db: str, typo: str, suggestion: str):
    result = run("actor", typo, "--db", ingested_db)
    assert result.exit_code == 1
    assert "E503" in result.stderr and suggestion in result.stderr and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("field", ["evidence", "certainty", "time", "attributed_to", "cue"])
def test_cli_claims_json_carries_field(ingested_db: str, field: str):
    result = run("claims", "--db", ingested_db, "--format", "json")
    claims = json.loads(result.stdout)
    assert claims and all(field in claim for claim in claims)


@pytest.mark.parametrize("actor", ["CCF"])
def test_cli_claims_filter_by_actor(ingested_db: str, actor: str):
    result = run("claims", "--db", ingested_db, "--actor", actor, "--format", "json")
    claims = json.loads(result.stdout)
    assert claims and all("Copper Coast Front" in (c["source_name"], c["target_name"]) for c in claims)


@pytest.mark.parametrize("key", ["documents", "actors", "structure", "interactions", "dyads"])
def test_cli_export_json_to_stdout_has_section(ingested_db: str, key: str):
    result = run("export", "--format", "json", "-o", "-", "--db", ingested_db)
    assert result.exit_code == 0 and key in json.loads(result.stdout)


@pytest.mark.parametrize("name", ["out.json"])
def test_cli_export_writes_file(ingested_db: str, tmp_path: Path, name: str):
    run("export", "--format", "json", "-o", tmp_path / name, "--db", ingested_db)
    assert json.loads((tmp_path / name).read_text(encoding="utf-8"))["documents"]


@pytest.mark.parametrize("suffix, marker", [(".html", "<html"), (".md", "#")])
def test_cli_report_format_follows_suffix(ingested_db: str, tmp_path: Path, suffix: str, marker: str):
    out = tmp_path / f"report{suffix}"
    result = run("report", "-o", out, "--db", ingested_db)
    assert result.exit_code == 0 and marker in out.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize("at", ["2018", "2020-07"])
def test_cli_network_json_at_date(ingested_db: str, at: str):
    result = run("network", "--at", at, "--format", "json", "--db", ingested_db)
    assert result.exit_code == 0 and isinstance(json.loads(result.stdout), dict)


@pytest.mark.parametrize("pair", [("CCF", "Northern Star Army")])
def test_cli_history_of_pair(ingested_db: str, pair: tuple[str, str]):
    result = run("history", *pair, "--db", ingested_db)
    assert result.exit_code == 0 and "Copper Coast Front" in result.stdout


@pytest.mark.parametrize("alias", ["the Coast Front"])
def test_cli_alias_add_then_undo(fresh_db: str, alias: str):
    added = run("alias", "add", "Copper Coast Front", alias, "--reason", "local usage", "--db", fresh_db)
    judgement = added.stdout.split()[2]
    assert run("actor", alias, "--db", fresh_db).exit_code == 0
    run("undo", judgement, "--db", fresh_db)
    assert run("actor", alias, "--db", fresh_db).exit_code == 1


@pytest.mark.parametrize("decision", ["--reject"])
def test_cli_review_is_listed_in_judgements(fresh_db: str, decision: str):
    claim = json.loads(run("claims", "--format", "json", "--db", fresh_db).stdout)[0]["id"]
    assert run("review", claim, decision, "--reason", "misread", "--db", fresh_db).exit_code == 0
    assert "misread" in run("judgements", "--db", fresh_db).stdout


@pytest.mark.parametrize("args", [["--accept", "--edit", "type=CLASH"], [], ["--edit", "novalue"]])
def test_cli_review_needs_one_decision(fresh_db: str, args: list[str]):
    result = run("review", "someclaim", *args, "--reason", "x", "--db", fresh_db)
    assert result.exit_code == 2 and "E508" in result.stderr


@pytest.mark.parametrize("group", ["Red Hills Brigades"])
def test_cli_demo_shows_example_groups(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, group: str):
    monkeypatch.chdir(tmp_path)
    result = run("demo")
    assert result.exit_code == 0 and group in result.stdout and (tmp_path / "dyad-demo.db").is_file()


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory, extractor) -> str:
    """The bundled example ingested once: enough dyads for a list to be cut. Read it only."""
    from dyad.api import Dyad, example_corpus

    path = tmp_path_factory.mktemp("example") / "dyad.db"
    assert Dyad(path, extractor=extractor).ingest([example_corpus()]).ok
    return str(path)


def _listed(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if "⇄" in line]


@pytest.mark.parametrize("limit", [1, 3])
def test_cli_dyads_limit_shows_the_first_and_says_how_many_there_are(example_db: str, limit: int):
    from dyad.api import Dyad

    total = Dyad(example_db).dyads().total
    result = run("dyads", "--db", example_db, "--limit", limit)
    assert result.exit_code == 0 and len(_listed(result.output)) == limit < total
    assert result.output.splitlines()[0] == f"dyads: {total:,}"
    assert result.output.splitlines()[-1].startswith(f"{limit:,} of {total:,} dyads")
    assert result.output.splitlines()[-1].endswith("--limit 0 for all")


@pytest.mark.parametrize("args", [["--limit", "0"], ["--at", "2018", "--limit", "0"]])
def test_cli_dyads_limit_0_lists_every_dyad_in_the_api_order(example_db: str, args: list[str]):
    from dyad.api import Dyad

    dyad = Dyad(example_db)
    at = args[1] if args[0] == "--at" else None
    names = {a.key: a.name for a in dyad.actors()}
    expected = [f"{names[found.a]} ⇄ {names[found.b]}" for found, _ in dyad.dyads(at=at)]
    result = run("dyads", "--db", example_db, *args)
    assert result.exit_code == 0 and _listed(result.output) == expected and "--limit 0 for all" not in result.output


@pytest.mark.parametrize("limit", ["-1", "many"])
def test_cli_dyads_bad_limit_is_usage_error(example_db: str, limit: str):
    assert run("dyads", "--db", example_db, "--limit", limit).exit_code == 2

