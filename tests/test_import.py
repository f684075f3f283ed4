"""dyad import: STIX bundles and dyad JSON exports become claims kept apart from extracted ones."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

from dyad.api import Dyad, DyadError, example_corpus
from dyad.model import IMPORTED
from dyad.store import Store
from dyad.store.engine import alembic_config, open_engine, writing
from interop_helpers import WHERE_FROM, without_origin, write_json

FOREIGN_BUNDLE = {  # the shape an OpenCTI export has: no x_dyad_* properties
    "type": "bundle", "id": "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d",
    "objects": [
        {"type": "identity", "spec_version": "2.1", "id": "identity--1f7d1f58-7b5f-4a5e-9f1c-6a3a2a1b0c01",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "name": "Harbour Watch", "identity_class": "organization"},
        {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--2a8e3c6d-0b1f-4c2d-8e3f-7a6b5c4d3e02",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "name": "Saltmarsh Legion", "aliases": ["SML"]},
        {"type": "threat-actor", "spec_version": "2.1", "id": "threat-actor--3b9f4d7e-1c2a-4d3e-9f4a-8b7c6d5e4f03",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "name": "Tidewater Company"},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--4c0a5e8f-2d3b-4e4f-8a5b-9c8d7e6f5a04",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "relationship_type": "cooperates-with", "source_ref": "threat-actor--2a8e3c6d-0b1f-4c2d-8e3f-7a6b5c4d3e02",
         "target_ref": "threat-actor--3b9f4d7e-1c2a-4d3e-9f4a-8b7c6d5e4f03", "confidence": 70,
         "start_time": "2020-03-01T00:00:00Z", "stop_time": "2020-04-01T00:00:00Z",
         "description": "The two groups ran joint patrols.",
         "created_by_ref": "identity--1f7d1f58-7b5f-4a5e-9f1c-6a3a2a1b0c01"},
        {"type": "relationship", "spec_version": "2.1", "id": "relationship--5d1b6f9a-3e4c-4f5a-9b6c-0d9e8f7a6b05",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "relationship_type": "uses", "source_ref": "threat-actor--2a8e3c6d-0b1f-4c2d-8e3f-7a6b5c4d3e02",
         "target_ref": "threat-actor--3b9f4d7e-1c2a-4d3e-9f4a-8b7c6d5e4f03"},
        {"type": "report", "spec_version": "2.1", "id": "report--6e2c7a0b-4f5d-4a6b-8c7d-1e0f9a8b7c06",
         "created": "2021-01-01T00:00:00.000Z", "modified": "2021-01-01T00:00:00.000Z",
         "name": "Coastal militias, spring 2020", "published": "2020-05-02T00:00:00Z",
         "object_refs": ["relationship--4c0a5e8f-2d3b-4e4f-8a5b-9c8d7e6f5a04"]},
    ],
}


@pytest.fixture(scope="module")
def example_db(tmp_path_factory, extractor) -> str:
    """The bundled example corpus ingested: groups, people, places and structure."""
    path = tmp_path_factory.mktemp("example") / "example.db"
    assert Dyad(path, extractor=extractor).ingest([example_corpus()]).ok
    return str(path)


def _exported(db: str, fmt: str, path: Path) -> Path:
    dyad = Dyad(db)
    return write_json(dyad.export() if fmt == "json" else dyad.export_stix(), path)


@pytest.mark.parametrize("section", ["interactions", "actors", "structure", "dyads"])
def test_import_json_round_trip_gives_the_same_claims(example_db, tmp_path, section):
    first = Dyad(example_db).export()
    target = Dyad(tmp_path / "empty.db")
    target.import_file(write_json(first, tmp_path / "export.json"))
    again = target.export()
    drop = (*WHERE_FROM, "cue") if section == "structure" else WHERE_FROM
    assert first[section] and without_origin(again[section], drop) == without_origin(first[section], drop)


@pytest.mark.parametrize("volatile", [("created", "modified", "x_dyad_origin", "x_dyad_provenance")])
def test_import_stix_round_trip_gives_the_same_relationships(example_db, tmp_path, volatile):
    first = Dyad(example_db).export_stix()
    target = Dyad(tmp_path / "empty.db")
    target.import_file(write_json(first, tmp_path / "bundle.json"))
    again = target.export_stix()

    def relationships(bundle):
        return without_origin([o for o in bundle["objects"] if o["type"] == "relationship"], volatile)

    assert relationships(first) and relationships(again) == relationships(first)
    assert {c.id for c in target.claims()} == {c.id for c in Dyad(example_db).claims()}


@pytest.mark.parametrize("fmt", ["json", "stix"])
def test_import_marks_claims_as_imported_from_the_file(ingested_db, tmp_path, fmt):
    path = _exported(ingested_db, fmt, tmp_path / f"from-{fmt}.json")
    target = Dyad(tmp_path / "empty.db")
    target.import_file(path)
    claims = target.claims()
    assert claims and {(c.origin, c.provenance) for c in claims} == {(IMPORTED, f"imported from {path.name}")}
    assert {x["origin"] for x in target.export()["interactions"]} == {IMPORTED}


@pytest.mark.parametrize("fmt", ["json", "stix"])
def test_import_twice_adds_nothing(ingested_db, tmp_path, fmt):
    path = _exported(ingested_db, fmt, tmp_path / "export.json")
    target = Dyad(tmp_path / "empty.db")
    first, second = target.import_file(path), target.import_file(path)
    assert first.interactions > 0 and (second.actors, second.interactions, second.structure) == (0, 0, 0)


@pytest.mark.parametrize("fmt", ["json"])
def test_import_keeps_imported_claims_apart_from_extracted(ingested_db, fresh_db, tmp_path, fmt):
    """The extracted store takes an import of itself: each claim id then stands for the
    extracted claim, which is stored already, and nothing imported replaces it."""
    path = _exported(ingested_db, fmt, tmp_path / "export.json")
    before = Dyad(fresh_db).claims()
    Dyad(fresh_db).import_file(path)
    after = Dyad(fresh_db).claims()
    assert [(c.id, c.origin) for c in after] == [(c.id, c.origin) for c in before]


@pytest.mark.parametrize("fmt", ["json"])
def test_import_then_ingest_reads_the_cited_articles(ingested_db, corpus_dir, tmp_path, extractor, fmt):
    """A stand-in an import left for an article does not stop the article being ingested."""
    path = _exported(ingested_db, fmt, tmp_path / "export.json")
    target = Dyad(tmp_path / "store.db", extractor=extractor)
    target.import_file(path)
    report = target.ingest([corpus_dir])
    assert report.ok and report.added == 2
    assert {d.format for d in target.documents() if d.name == "coast_clash"} == {"txt"}
    assert {c.origin for c in target.claims()} == {"text"}  # same ids: the extracted claims were there first


@pytest.mark.parametrize("expected", [{("x:saltmarsh legion", "x:tidewater company", "COORDINATION", "REPORTED",
                                        "Harbour Watch", "2020-03-01", "2020-03-31")}])
def test_import_foreign_stix_bundle_reads_its_vocabulary(tmp_path, expected):
    target = Dyad(tmp_path / "empty.db")
    counts = target.import_file(write_json(FOREIGN_BUNDLE, tmp_path / "opencti.json"))
    claims = target.claims()
    assert {(c.source, c.target, c.type, c.certainty, c.attributed_to, c.time.start, c.time.end)
            for c in claims} == expected
    assert claims[0].evidence.text == "The two groups ran joint patrols."
    assert target.document(claims[0].evidence.doc).published == "2020-05-02"
    assert "SML" in {a.alias for a in target.actor("Saltmarsh Legion").aliases}
    assert len(counts.skipped) == 1 and "uses" in counts.skipped[0]


@pytest.mark.parametrize("content, code", [("not json", "E802"), ('{"hello": 1}', "E802"),
                                           ('{"actors": [], "interactions": [{"id": "x"}]}', "E803")])
def test_import_bad_file_is_a_coded_error(tmp_path, content, code):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DyadError, match=code):
        Dyad(tmp_path / "empty.db").import_file(path)


@pytest.mark.parametrize("revision", ["0002"])
def test_import_migration_marks_stored_claims_as_read_from_text(fresh_db, revision):
    """A store made before imports existed: its claims come out of the upgrade as text claims."""
    old = fresh_db
    engine = open_engine(old)
    with writing(engine) as connection:
        command.downgrade(alembic_config(connection), revision)
    with writing(engine) as connection:
        assert "origin" not in {row[1] for row in connection.execute(text("PRAGMA table_info(interactions)"))}
    engine.dispose()
    claims = Store(old).interactions()
    assert claims and {(c.origin, c.provenance) for c in claims} == {("text", None)}


@pytest.mark.parametrize("args", [["import", "--help"]])
def test_import_cli_prints_summary(ingested_db, tmp_path, args):
    from click.testing import CliRunner

    from dyad.cli import cli

    path = _exported(ingested_db, "stix", tmp_path / "bundle.json")
    result = CliRunner().invoke(cli, ["import", str(path), "--db", str(tmp_path / "new.db")])
    assert result.exit_code == 0 and result.output.startswith("imported ")
    assert json.loads(path.read_text())["type"] == "bundle"
