"""The CSV tables load with pandas with the documented columns; Parquet beside them with pyarrow."""
from __future__ import annotations

import pandas as pd
import pytest

from dyad.api import Dyad
from dyad.export.tables import ALIAS_SEPARATOR, COLUMNS, parquet_available
from dyad.ontology import INTERACTION_TYPES


@pytest.fixture(scope="module")
def folder(ingested_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("tables")
    Dyad(ingested_db).export_tables(out)
    return out


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_export_csv_table_has_documented_columns(folder, table):
    frame = pd.read_csv(folder / f"{table}.csv")
    assert tuple(frame.columns) == COLUMNS[table]


@pytest.mark.parametrize("table, count", [("actors", "actors"), ("interactions", "claims")])
def test_export_csv_one_row_per_item(folder, ingested_db, table, count):
    dyad = Dyad(ingested_db)
    assert len(pd.read_csv(folder / f"{table}.csv")) == len(getattr(dyad, count)())


@pytest.mark.parametrize("column", ["plover"])
def test_export_csv_interactions_carry_plover_code_from_ontology(folder, column):
    frame = pd.read_csv(folder / "interactions.csv", keep_default_na=False)
    assert all(row[column] == (INTERACTION_TYPES[row["type"]].plover or "") for _, row in frame.iterrows())


@pytest.mark.parametrize("table", ["dyad_periods"])
def test_export_csv_dyad_periods_one_row_per_period(folder, ingested_db, table):
    periods = sum(len(h.periods) for h in Dyad(ingested_db).histories())
    assert periods and len(pd.read_csv(folder / f"{table}.csv")) == periods


@pytest.mark.parametrize("name", ["Copper Coast Front"])
def test_export_csv_actors_list_aliases(folder, name):
    frame = pd.read_csv(folder / "actors.csv", keep_default_na=False)
    aliases = frame.set_index("name").loc[name, "aliases"].split(ALIAS_SEPARATOR)
    assert "CCF" in aliases


@pytest.mark.parametrize("table", sorted(COLUMNS))
def test_export_csv_parquet_matches_csv(folder, table):
    if not parquet_available():
        pytest.skip("pyarrow is not installed (it is in the test extra): no Parquet is written")
    parquet, csv = pd.read_parquet(folder / f"{table}.parquet"), pd.read_csv(folder / f"{table}.csv")
    assert tuple(parquet.columns) == COLUMNS[table] and len(parquet) == len(csv)


@pytest.mark.parametrize("option", [["--format", "csv"]])
def test_export_csv_cli_needs_a_folder(ingested_db, option):
    from click.testing import CliRunner

    from dyad.cli import cli

    result = CliRunner().invoke(cli, ["export", *option, "--db", ingested_db])
    assert result.exit_code == 2 and "E804" in result.output
