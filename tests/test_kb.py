"""The curated knowledge base: built-in data, lookups and the checks that keep it honest."""
from __future__ import annotations

import textwrap

import pytest

from dyad.kb import KBEdge, KBError, load_kb, normalise_name


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def write_yaml(tmp_path, text, name="user.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "kind,minimum", [("ARMED_GROUP", 300), ("STATE", 196), ("STATE_FORCE", 50), ("PERSON", 50)]
)
def test_kb_loads_builtin_entries(kb, kind, minimum):
    assert sum(e.type == kind for e in kb.entries.values()) >= minimum


@pytest.mark.parametrize(
    "surface,expected",
    [
        ("Ansar Bait al-Maqdis", "abm"),
        ("Ansar Beit al-Maqdis", "abm"),
        ("ABM", "abm"),
        ("Sinai Province", "wilayat_sinai"),
        ("Islamic State's affiliate in the Sinai Peninsula", "wilayat_sinai"),
        ("ISIS", "islamic_state"),
        ("Da'esh", "islamic_state"),
        ("the Islamic State", "islamic_state"),
        ("Izz el-Deen al-Qassam Brigades", "qassam"),
        ("Ezzedine al-Qassam Brigades", "qassam"),
        ("Hamas’ military wing", "qassam"),
        ("Hamas's military wing", "qassam"),
        ("al-Qa'ida", "al_qaeda"),
        ("Al Qaida", "al_qaeda"),
        ("Islamic State West Africa Province", "iswap"),
        ("JNIM", "jnim"),
        ("Gulf Clan", "clan_del_golfo"),
        ("Urabeños", "clan_del_golfo"),
        ("Ejército de Liberación Nacional", "eln"),
        ("Kata'ib Hizballah", "kataib_hezbollah"),
        ("Hizbullah", "hezbollah"),
        ("al-Shabab", "al_shabaab"),
        ("Abu Mohammed al-Jolani", "abu_mohammad_al_julani"),
        ("Egyptian army", "egyptian_armed_forces"),
        ("U.S.", "united_states"),
        ("Türkiye", "turkey"),
    ],
)
def test_kb_lookup_finds_alias_transliteration_acronym(kb, surface, expected):
    assert [e.id for e in kb.lookup(surface)] == [expected]


@pytest.mark.parametrize(
    "surface,expected", [("PLA", {"pla_manipur", "pla_china"}), ("Congo", {"dr_congo", "congo_brazzaville"})]
)
def test_kb_lookup_returns_every_entry_of_ambiguous_alias(kb, surface, expected):
    assert {e.id for e in kb.lookup(surface)} == expected


@pytest.mark.parametrize("surface", ["Atlantis Liberation Front", ""])
def test_kb_lookup_unknown_name_is_empty(kb, surface):
    assert kb.lookup(surface) == []


@pytest.mark.parametrize(
    "word,expected",
    [("Egyptian", "egypt"), ("egyptian", "egypt"), ("Nigerien", "niger"), ("Nigerian", "nigeria"),
     ("Colombian", "colombia"), ("Venezuelan", "venezuela"), ("Congolese", "dr_congo")],
)
def test_kb_by_demonym_finds_state(kb, word, expected):
    assert kb.by_demonym(word).id == expected


@pytest.mark.parametrize("word", ["Korean", "Kurdish"])
def test_kb_by_demonym_unknown_is_none(kb, word):
    assert kb.by_demonym(word) is None


@pytest.mark.parametrize(
    "source,edge",
    [
        ("qassam", KBEdge("PART_OF", "hamas")),
        ("wilayat_sinai", KBEdge("AFFILIATE_OF", "islamic_state", "2014-11")),
        ("wilayat_sinai", KBEdge("RENAMED_FROM", "abm", "2014-11")),
        ("iswap", KBEdge("SPLINTER_OF", "boko_haram", "2016-08")),
        ("haqqani", KBEdge("PART_OF", "taliban")),
        ("quds_force", KBEdge("PART_OF", "irgc")),
        ("atmis", KBEdge("RENAMED_FROM", "amisom", "2022-04")),
    ],
)
def test_kb_structure_has_known_edges(kb, source, edge):
    assert edge in kb.get(source).structure


@pytest.mark.parametrize("kind", ["name", "alias", "description"])
def test_kb_no_unambiguous_name_shared_across_entries(kb, kind):
    owners: dict[str, set[str]] = {}
    for form, entry, form_kind in kb.names():
        owners.setdefault(normalise_name(form), set()).add((entry.id, form_kind))
    shared = {
        name: ids for name, ids in owners.items()
        if len({i for i, _ in ids}) > 1 and any(k == kind for _, k in ids)
    }
    assert shared == {}


@pytest.mark.parametrize("kind", ["name", "alias", "ambiguous", "description"])
def test_kb_names_yields_every_kind(kb, kind):
    assert any(k == kind for _, _, k in kb.names())


@pytest.mark.parametrize("state", ["egypt", "norway", "palestine", "taiwan", "kosovo"])
def test_kb_states_have_iso2_capital_demonym(kb, state):
    entry = kb.get(state)
    assert entry.iso2 and entry.capital and entry.demonyms


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("The al-Qa'ida", "qaida"),
        ("Ansar Bayt al-Maqdis", "ansar bayt maqdis"),
        ("Hamas’ military wing", "hamas military wing"),
        ("Hamas's military wing", "hamas military wing"),
        ("Ejército de Liberación Nacional", "ejercito de liberacion nacional"),
        ("Ash-Shabaab", "shabaab"),
        ("Liwa a-Tilal", "liwa tilal"),  # the article written as its sound
        ("a 2015 truce", "a 2015 truce"),
    ],
)
def test_kb_normalise_name_folds_variants(raw, expected):
    assert normalise_name(raw) == expected


def test_kb_user_file_extends_builtin_entry(tmp_path):
    path = write_yaml(tmp_path, """
        - id: hamas
          name: Hamas
          type: ARMED_GROUP
          aliases: [Harakat Hamas Test Alias]
          structure:
            - {type: PART_OF, target: muslim_brotherhood, start: "1987"}
    """)
    kb = load_kb([path])
    entry = kb.get("hamas")
    assert "Harakat Hamas Test Alias" in entry.aliases and "Islamic Resistance Movement" in entry.aliases
    assert KBEdge("PART_OF", "muslim_brotherhood", "1987") in entry.structure
    assert [e.id for e in kb.lookup("Harakat Hamas Test Alias")] == ["hamas"]


def test_kb_user_file_adds_new_entry(tmp_path):
    path = write_yaml(tmp_path, """
        - id: valley_brigade
          name: Valley Brigade
          type: ARMED_GROUP
          aliases: [VB Test]
          structure: [{type: PART_OF, target: hamas}]
    """)
    assert load_kb([path]).get("valley_brigade").structure == (KBEdge("PART_OF", "hamas"),)


def test_kb_user_file_keeps_builtin_cached_kb_unchanged(tmp_path):
    path = write_yaml(tmp_path, "- {id: hamas, name: Hamas, type: ARMED_GROUP, aliases: [Another Hamas Test Alias]}\n")
    load_kb([path])
    assert load_kb().lookup("Another Hamas Test Alias") == []


def test_kb_user_file_other_name_becomes_alias(tmp_path):
    path = write_yaml(tmp_path, "- {id: hamas, name: Hamas Test Canonical, type: ARMED_GROUP}\n")
    entry = load_kb([path]).get("hamas")
    assert entry.name == "Hamas" and "Hamas Test Canonical" in entry.aliases


@pytest.mark.parametrize(
    "text,code",
    [
        ("- {id: x, name: X Test, type: MILITIA}\n", "E302"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, structure: [{type: FRIEND_OF, target: hamas}]}\n", "E303"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, structure: [{type: PART_OF, target: no_such_id}]}\n", "E301"),
        ("- {id: x, name: X Test, type: ARMED_GROUP}\n- {id: x, name: Y Test, type: ARMED_GROUP}\n", "E304"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, aliases: [Hamas]}\n", "E305"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, aliases: [Qassam Brigades]}\n", "E305"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, aliases: [PLA]}\n", "E305"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, aliases: [\"---\"]}\n", "E305"),
        ("- {id: x, name: X Test}\n", "E306"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, colour: red}\n", "E306"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, aliases: X}\n", "E306"),
        ("- {id: hamas, name: Hamas, type: POLITICAL_ORG}\n", "E307"),
        ("- {id: egypt, name: Egypt, type: STATE, capital: Alexandria}\n", "E307"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, structure: [{type: PART_OF, target: hamas, start: May 1}]}\n", "E308"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, controls: [{names: [Somewhere]}]}\n", "E306"),
        ("- {id: x, name: X Test, type: ARMED_GROUP, controls: [{place: Somewhere, start: spring}]}\n", "E308"),
        ("- {id: x, name: X Test, type: STATE, demonyms: [Egyptian]}\n", "E309"),
        ("- {id: x, name: X Test, type: STATE, country: [Egypt]}\n", "E310"),
        ("id: x\n", "E300"),
        ("- {id: x, name: [unclosed\n", "E300"),
    ],
)
def test_kb_rejects_broken_user_file(tmp_path, text, code):
    path = write_yaml(tmp_path, text)
    with pytest.raises(KBError, match=rf"^{code} .*user\.yaml"):
        load_kb([path])


@pytest.mark.parametrize("name", ["missing.yaml"])
def test_kb_rejects_missing_user_file(tmp_path, name):
    with pytest.raises(KBError, match=r"^E300 .*missing\.yaml"):
        load_kb([tmp_path / name])


def test_kb_shared_alias_error_names_both_entries(tmp_path):
    path = write_yaml(tmp_path, "- {id: x, name: X Test, type: ARMED_GROUP, aliases: [Gulf Clan]}\n")
    with pytest.raises(KBError, match=r"'x'.*'clan_del_golfo'|'clan_del_golfo'.*'x'"):
        load_kb([path])


def test_kb_ambiguous_alias_may_be_shared(tmp_path):
    path = write_yaml(tmp_path, "- {id: x, name: X Test, type: ARMED_GROUP, ambiguous_aliases: [PLA]}\n")
    assert {e.id for e in load_kb([path]).lookup("PLA")} == {"pla_manipur", "pla_china", "x"}


@pytest.mark.parametrize("when,held", [("2017-11", True), ("2007", True), ("2005-03", False), (None, True)])
def test_kb_control_holds_from_its_start(kb, when, held):
    (gaza,) = kb.get("hamas").controls
    assert gaza.held_at(when) is held and "Gazan" in gaza.names
