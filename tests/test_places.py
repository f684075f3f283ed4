"""Places: names linked offline to GeoNames and the supplementary gazetteer."""
from __future__ import annotations

from importlib import resources

import pytest
import yaml

from dyad.nlp.places import candidates, find_places, lookup_place

ARISH = 361546  # GeoNames id of El Arish, Egypt


@pytest.mark.parametrize("name", ["Arīsh", "Arish", "El Arish", "al-Arish", "Al ‘Arīsh", "EL ARISH"])
def test_places_lookup_folds_spellings(name):
    place = lookup_place(name)
    assert (place.geonameid, place.country) == (ARISH, "EG")


@pytest.mark.parametrize("first, second", [
    ("Raqqa", "ar-Raqqah"),
    ("Saada", "Sa'dah"),
    ("Fallujah", "Falluja"),
    ("Idlib", "İdlib"),
])
def test_places_spelling_variants_meet(first, second):
    assert lookup_place(first) == lookup_place(second) is not None


@pytest.mark.parametrize("hint", ["EG", "PS"])
def test_places_country_hint_wins(hint):
    assert lookup_place("Rafah", country_hint=hint).country == hint


@pytest.mark.parametrize("name, countries", [("Rafah", {"EG", "PS"}), ("Georgia", {"GE", "US"})])
def test_places_candidates_expose_ambiguity(name, countries):
    assert {place.country for place in candidates(name)} == countries


@pytest.mark.parametrize("name, country", [("Rafah", "PS"), ("Tripoli", "LY")])
def test_places_most_populous_wins_without_hint(name, country):
    assert lookup_place(name).country == country


@pytest.mark.parametrize("name, hint, country, has_coordinates", [
    ("Georgia", None, "GE", False),
    ("Georgia", "US", "US", False),
    ("Washington", None, "US", True),  # the city, not the state
    ("Lebanon", None, "LB", False),
])
def test_places_kind_ranks_country_before_city_before_us_state(name, hint, country, has_coordinates):
    place = lookup_place(name, country_hint=hint)
    assert (place.country, place.lat is not None) == (country, has_coordinates)


@pytest.mark.parametrize("name, country", [
    ("Syria", "SY"), ("Burma", "MM"), ("DRC", "CD"), ("U.S.", "US"), ("the United States", "US"),
])
def test_places_countries_and_their_aliases_have_no_coordinates(name, country):
    place = lookup_place(name)
    assert (place.country, place.lat, place.lon) == (country, None, None)


@pytest.mark.parametrize("name, expected", [
    ("Idlib province", "Idlib"),
    ("the city of Binnish", "Binnish"),
    ("northern Syria", "Syria"),
    ("Jabalia refugee camp", "Jabālyā"),
])
def test_places_generic_and_direction_words_are_dropped(name, expected):
    assert lookup_place(name).name == expected


@pytest.mark.parametrize("name, country", [
    ("Sheikh Zuweid", "EG"), ("Gaza Strip", "PS"), ("Puntland", "SO"), ("North Kivu", "CD"), ("Tal Afar", "IQ"),
])
def test_places_supplementary_gazetteer_fills_gaps(name, country):
    place = lookup_place(name)
    assert place.country == country and place.lat is not None


@pytest.mark.parametrize("name", ["Kurebe", "Xyzzyville", ""])
def test_places_unknown_names_are_none(name):
    assert lookup_place(name) is None


@pytest.mark.parametrize("text, spans, linked", [
    ("Militants attacked Rafah and withdrew to the Gaza Strip.",
     [(0, 9, "Militants"), (19, 24, "Rafah"), (40, 54, "the Gaza Strip")],
     [(19, 24, "PS"), (40, 54, "PS")]),
    ("Talks in Doha stalled.", [(9, 13, "Doha")], [(9, 13, "QA")]),
])
def test_places_find_places_links_given_spans(text, spans, linked):
    found = find_places(text, spans)
    assert [(start, end, place.country) for start, end, place in found] == linked


@pytest.mark.parametrize("hint, country", [(None, "PS"), ("EG", "EG")])
def test_places_find_places_passes_the_hint(hint, country):
    assert find_places("Clashes in Rafah.", [(11, 16, "Rafah")], country_hint=hint)[0][2].country == country


@pytest.mark.parametrize("text, names", [
    ("Fighters clashed near Rafah and in northern Sinai, then moved into the town of Sheikh Zuweid.",
     ["Rafah", "Sinai", "Sheikh Zuweid"]),
    ("The rebels regrouped in Libya Monday after a raid near the city of Binnish.", ["Libya", "Binnish"]),
    ("A statement from Hamza, a local commander, was read at Kurebe.", []),
    ("Shelling hit homes in Gaza's south.", ["Gaza"]),
])
def test_places_find_places_scans_names_after_prepositions(text, names):
    assert [text[start:end] for start, end, _ in find_places(text)] == names


@pytest.mark.parametrize("text", [
    "The truce began in March and broke down during Ramadan.",
    "The statement was read at Police headquarters on Sunday.",
])
def test_places_scan_skips_calendar_and_common_words(text):
    assert find_places(text) == []


GAZETTEER = yaml.safe_load(
    resources.files("dyad.nlp").joinpath("lexicons/places.yaml").read_text(encoding="utf-8"))["places"]


@pytest.mark.parametrize("entry", GAZETTEER, ids=lambda entry: entry["name"])
def test_places_gazetteer_entries_have_valid_coordinates(entry):
    assert -90 <= entry["lat"] <= 90 and -180 <= entry["lon"] <= 180


@pytest.mark.parametrize("entry", GAZETTEER, ids=lambda entry: entry["name"])
def test_places_gazetteer_entries_are_reachable_by_name(entry):
    assert lookup_place(entry["name"], entry["country"]).name == entry["name"]


@pytest.mark.parametrize("name, anywhere, own_name", [
    ("Kobani", True, False),  # an alternate name of ‘Ayn al ‘Arab
    ("Idlib", True, True),
    ("Gaza Strip", True, True),  # curated names count as the place's own
    ("Burma", True, True),
])
def test_places_own_names_only_ignores_alternate_names(name, anywhere, own_name):
    assert (lookup_place(name) is not None, lookup_place(name, own_names_only=True) is not None) == (anywhere, own_name)
