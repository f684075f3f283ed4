"""The shipped lexicons load, and a word YAML turns into a boolean is caught."""
import pytest
import yaml

from dyad.nlp.pipeline import _no_bare_booleans, lexicon


@pytest.mark.parametrize("name", ["actors", "interactions", "structure", "timex", "places"])
def test_lexicons_shipped_files_load(name):
    assert lexicon(name)


def test_lexicons_bare_yaml_boolean_in_a_word_list_is_an_error():
    with pytest.raises(ValueError, match="E602"):
        _no_bare_booleans(yaml.safe_load("preps: [against, on, at]"), "x.yaml")
