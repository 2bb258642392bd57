"""The field's vocabulary: its file holds together, and it reads people's words as concepts."""

from __future__ import annotations

import copy
from importlib import resources
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from directory import labels
from directory.thesaurus import parse, thesaurus
from directory.vocab import Audience, Channel, Kind, Lang, ViolenceType


def raw() -> dict[str, Any]:
    source = resources.files("directory.lexicon").joinpath("thesaurus.yaml")
    return dict(yaml.safe_load(source.read_text(encoding="utf-8")))


def concept_of(text: str) -> str | None:
    found = thesaurus().concept_of(text)
    return found.id if found else None


@pytest.mark.parametrize(
    ("typed", "concept"),
    [
        ("verkrachting", "violence.sexual"),
        ("viol", "violence.sexual"),
        ("femmes battues", "violence.partner"),
        ("FEMME BATTUE", "violence.partner"),
        ("vrouwenopvang", "service.shelter"),
        ("gratis advocaat", "service.legal_aid"),
        ("holebi", "audience.lgbtqi"),
        ("LGBT", "audience.lgbtqi"),
        ("Huis van het Kind", "service.child_family_service"),
        ("huis kind", "service.child_family_service"),  # its stop words left out
        ("OCMW", "service.public_welfare_centre"),
        ("Gewalt in der Ehe", "violence.partner"),
        ("forced marriage", "violence.honour_related"),
        ("maltraitence", "violence.child_abuse"),  # a common misspelling
        ("zelmoordgedachten", "help.suicide"),
    ],
)
def test_words_people_use_name_a_concept(typed: str, concept: str) -> None:
    assert concept_of(typed) == concept


def test_a_query_is_read_longest_phrase_first() -> None:
    found = thesaurus().read("violence conjugale à Liège")
    assert [(f.text, f.concept.id if f.concept else None) for f in found] == [
        ("violence conjugale", "violence.partner"),
        ("à", None),
        ("liège", None),  # as typed, lower-cased
    ]


def test_a_misspelt_word_gets_the_vocabulary_s_spelling() -> None:
    assert thesaurus().spelling("verkrachtinng") == "verkrachting"
    assert thesaurus().spelling("violance") == "violence"


def test_a_known_or_short_word_is_not_corrected() -> None:
    assert thesaurus().spelling("verkrachting") is None
    assert thesaurus().spelling("caw") is None
    assert thesaurus().spelling("zzzzzzzz") is None


def test_every_code_has_a_labelled_concept_in_every_language() -> None:
    for table, codes in (
        (labels.KIND, Kind),
        (labels.AUDIENCE, Audience),
        (labels.VIOLENCE_TYPE, ViolenceType),
        (labels.CHANNEL, Channel),
    ):
        for code in codes:
            assert all(table[code][lang] for lang in Lang), code


def test_the_labels_the_index_holds_did_not_change() -> None:
    # Services are indexed with these words: changing one needs a reindex (a migration).
    assert labels.KIND[Kind.LEGAL_AID][Lang.NL] == "Juridische bijstand"
    assert labels.VIOLENCE_TYPE[ViolenceType.PARTNER][Lang.FR] == (
        "Violence conjugale, entre partenaires"
    )
    assert labels.AUDIENCE[Audience.ELDERLY][Lang.NL] == "Ouderen"


def test_the_assistant_s_needs_read_the_kinds_of_help() -> None:
    from directory.situation import Need

    assert "advocaat" in thesaurus().need_words(Need.RIGHTS, Lang.NL)
    assert "ocmw" in thesaurus().need_words(Need.SOCIAL_SUPPORT, Lang.NL)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["concepts"][0].update(code="nonsense"), "is not a violence code"),
        (lambda d: d["concepts"].append(copy.deepcopy(d["concepts"][0])), "defined twice"),
        (lambda d: d["concepts"][1].update(broader=["violence.nowhere"]), "unknown broader"),
        (lambda d: d["concepts"][0]["label"].pop("de"), "label missing in de"),
        (
            lambda d: d.update(concepts=[c for c in d["concepts"] if c["id"] != "service.other"]),
            "service codes without a concept: other",
        ),
    ],
)
def test_a_broken_vocabulary_is_refused_with_the_reason(change: Any, message: str) -> None:
    data = raw()
    change(data)
    with pytest.raises(ValidationError, match=message):
        parse(data)
