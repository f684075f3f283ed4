"""Hostile documents and requests: markup in what was read never becomes markup in a report,
and text that looks like SQL is only ever data."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner

import dyad
from dyad.api import Dyad
from dyad.cli import cli
from dyad.model import Actor, Document, Evidence, Extraction, Interaction, Mention, content_id
from dyad.store import Store


def _payload(field: str) -> str:
    return f'<img src=x onerror="alert(1)" id="{field}"><script>steal("{field}")</script>'


def _hostile_extraction() -> Extraction:
    a_name, b_name = f"Front {_payload('name-a')}", f"Army {_payload('name-b')}"
    text = f"The {a_name} clashed with the {b_name} in 2020. {_payload('document-text')}"
    doc = Document(id=content_id(text), name='hostile <img src=x onerror=alert(1) id="doc-name">', text=text, title=f"Title {_payload('title')}",
                   source=f"Source {_payload('source')}", published="2020")
    a, b = Actor(f"x:{a_name.lower()}", a_name, "ARMED_GROUP"), Actor(f"x:{b_name.lower()}", b_name, "ARMED_GROUP")
    sentence = text.index("The "), text.index(" in 2020.") + len(" in 2020.")
    return Extraction(
        document=doc, actors=[a, b],
        mentions=[Mention(doc.id, text.index(n), text.index(n) + len(n), n, k.key, "ner")
                  for n, k in ((a_name, a), (b_name, b))],
        interactions=[Interaction(a.key, b.key, "CLASH", "ASSERTED",
                                  Evidence(doc.id, *sentence, text[slice(*sentence)]), cue="clash", trigger="clashed")],
    )


@pytest.fixture
def hostile_db(tmp_path: Path) -> str:
    ex = _hostile_extraction()
    with Store(tmp_path / "dyad.db") as store:
        store.add_extraction(ex)
        store.add_alias(ex.actors[0].key, f"alias {_payload('alias')}")
        store.rename_actor(ex.actors[1].key, f"Renamed {_payload('rename')}")
    return str(tmp_path / "dyad.db")


@pytest.mark.parametrize("one_pair", [False, True], ids=["all dyads", "one pair"])
def test_hostile_report_html_has_no_markup_from_the_data(hostile_db, one_pair):
    dyad = Dyad(hostile_db)
    keys = [a.key for a in dyad.actors()]
    html = dyad.report(pair=(keys[0], keys[1]) if one_pair else None, fmt="html")
    assert "<script" not in html and "<img" not in html
    assert "&lt;img" in html


@pytest.mark.parametrize("field", ["name-a", "name-b", "rename", "doc-name"])
def test_hostile_report_html_shows_each_field_escaped(hostile_db, field):
    """The fields the report shows (aliases, titles and full texts it does not show) arrive as text."""
    assert f"id=&#34;{field}&#34;&gt;" in Dyad(hostile_db).report(fmt="html")


INJECTIONS = ["x'); DROP TABLE actors; --", "' OR '1'='1", "\"; DELETE FROM documents; --", "%' --", "\\'; --"]


@pytest.mark.parametrize("name", INJECTIONS)
def test_hostile_sql_in_names_is_data(fresh_db, name):
    runner = CliRunner()
    before = Store(fresh_db).check().counts
    lookups = [runner.invoke(cli, [*args, "--db", fresh_db])
               for args in (["actor", name], ["claims", "--actor", name], ["claims", "--doc", name])]
    added = runner.invoke(cli, ["alias", "add", "Copper Coast Front", name, "--reason", name, "--db", fresh_db])
    assert [r.exit_code for r in lookups] == [1, 1, 1]
    assert added.exit_code == 0, added.output
    with Store(fresh_db) as store:
        assert store.check().counts == before
        assert name in [a.alias for a in store.actor("Copper Coast Front").aliases]
        assert store.actor(name).name == "Copper Coast Front"


def _sql_calls(tree: ast.AST):
    """Calls that hand a string to the database: text(), execute(), exec_driver_sql()."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"text", "execute", "exec_driver_sql", "executescript"}:
                yield node


def _built_from_data(arg: ast.expr) -> bool:
    """A string assembled at run time from anything but module constants (UPPER_CASE names)."""
    if isinstance(arg, ast.JoinedStr):
        return any(not (isinstance(v.value, ast.Name) and v.value.id.isupper())
                   for v in arg.values if isinstance(v, ast.FormattedValue))
    if isinstance(arg, ast.BinOp):
        return isinstance(arg.left, ast.Constant) and isinstance(arg.left.value, str)
    if isinstance(arg, ast.Call) and isinstance(arg.func, ast.Attribute):
        return arg.func.attr == "format"
    return False


@pytest.mark.parametrize("package", [Path(dyad.__file__).parent])
def test_hostile_every_sql_statement_is_parameterized(package):
    offending = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        offending += [f"{path.relative_to(package)}:{call.lineno}" for call in _sql_calls(tree)
                      if _built_from_data(call.args[0])]
    assert offending == []
