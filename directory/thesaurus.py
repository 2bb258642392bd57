"""The field's bilingual vocabulary (`directory/lexicon/thesaurus.yaml`), read once.

One concept per form of violence, kind of help, audience, kind of service and channel, with its
words in French, Dutch, German and English. The search reads a query's phrases as concepts
(`directory.query`), the filter labels come from the concepts' labels (`directory.labels`), the
assistant's needs take their nouns from here, and the concepts are published as HSDS taxonomy
terms (`directory.taxonomy`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator
from rapidfuzz import fuzz, process

from directory.situation import Need
from directory.text import fold, stem, stopwords, words
from directory.vocab import Audience, Channel, Kind, Lang, ViolenceType

Group = Literal["violence", "help", "audience", "service", "channel"]

# The directory's code list behind each group's concepts.
CODES: dict[str, type[Any]] = {
    "violence": ViolenceType,
    "help": Need,
    "audience": Audience,
    "service": Kind,
    "channel": Channel,
}
_SUGGEST_MIN_LENGTH = 4  # shorter words are too often right as they are ("one", "caw")
_SUGGEST_CUTOFF = 80  # rapidfuzz ratio, 0–100


class ConceptData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    group: Group
    code: str | None = None
    label: dict[Lang, str]
    terms: dict[Lang, list[str]] = {}
    abbreviations: list[str] = []
    misspellings: list[str] = []
    broader: list[str] = []
    kinds: list[Kind] = []
    need: Need | None = None

    @field_validator("label")
    @classmethod
    def _every_language(cls, value: dict[Lang, str]) -> dict[Lang, str]:
        missing = [lang.value for lang in Lang if not value.get(lang)]
        if missing:
            raise ValueError(f"label missing in {', '.join(missing)}")
        return value

    @model_validator(mode="after")
    def _known_code(self) -> ConceptData:
        if self.code is not None and self.code not in {str(c) for c in CODES[self.group]}:
            raise ValueError(f"{self.id}: {self.code!r} is not a {self.group} code")
        return self


class ThesaurusData(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    taxonomy: dict[str, Any]
    groups: dict[Group, dict[Lang, str]]
    concepts: list[ConceptData]

    @model_validator(mode="after")
    def _consistent(self) -> ThesaurusData:
        ids = [c.id for c in self.concepts]
        doubles = sorted({i for i in ids if ids.count(i) > 1})
        if doubles:
            raise ValueError(f"concepts defined twice: {', '.join(doubles)}")
        for concept in self.concepts:
            unknown = [b for b in concept.broader if b not in ids]
            if unknown:
                raise ValueError(f"{concept.id}: unknown broader concept {', '.join(unknown)}")
        for group, codes in CODES.items():
            if group == "help":
                continue  # the assistant's "don't know" and "rather not say" are no concepts
            coded = {c.code for c in self.concepts if c.group == group}
            missing = sorted(str(code) for code in codes if str(code) not in coded)
            if missing:
                raise ValueError(f"{group} codes without a concept: {', '.join(missing)}")
        return self


Conjunction = tuple[tuple[Lang, str], ...]  # index terms that must all occur


@dataclass(frozen=True)
class Concept:
    id: str
    group: Group
    code: str | None
    label: dict[Lang, str]
    terms: dict[Lang, tuple[str, ...]]
    abbreviations: tuple[str, ...]
    misspellings: tuple[str, ...]
    broader: tuple[str, ...]
    kinds: tuple[Kind, ...]
    need: Need | None

    def words(self, lang: Lang) -> tuple[str, ...]:
        """What the concept is called in `lang`: its label, its terms and the abbreviations."""
        return (self.label[lang], *self.terms.get(lang, ()), *self.abbreviations)


@dataclass(frozen=True)
class Found:
    """A stretch of a query: a concept's phrase, or a plain word (`concept` None)."""

    text: str
    concept: Concept | None = None


def _keys(tokens: tuple[str, ...]) -> Iterator[tuple[str, ...]]:
    """The forms a phrase is recognised by: each word stemmed as French, then as Dutch."""
    for lang in (Lang.FR, Lang.NL):
        yield tuple(stem(t, lang) for t in tokens)


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(word) for word in words(text))


def _without_stopwords(tokens: tuple[str, ...]) -> tuple[str, ...]:
    common = stopwords(Lang.FR) | stopwords(Lang.NL)
    return tuple(t for t in tokens if t not in common)


@dataclass
class Thesaurus:
    taxonomy: dict[str, Any]
    groups: dict[str, dict[Lang, str]]
    concepts: dict[str, Concept]
    _phrases: dict[tuple[str, ...], Concept] = field(default_factory=dict)
    _longest: int = 1
    _vocabulary: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        vocabulary: set[str] = set()
        for concept in self.concepts.values():
            spoken = [w for lang in Lang for w in concept.words(lang)]
            for phrase in [*spoken, *concept.misspellings]:
                tokens = _tokens(phrase)
                if not tokens:
                    continue
                forms = [tokens]
                bare = _without_stopwords(tokens)
                if bare != tokens and len(bare) >= 2:  # "huis van het kind" as "huis kind"
                    forms.append(bare)
                for form in forms:
                    for key in _keys(form):
                        # The first concept to claim a phrase keeps it (the file lists the
                        # forms of violence before the kinds of service).
                        self._phrases.setdefault(key, concept)
                    self._longest = max(self._longest, len(form))
            for phrase in spoken:
                vocabulary.update(_tokens(phrase))
        self._vocabulary = tuple(sorted(vocabulary))

    # -- reading a query ------------------------------------------------------------------------

    def read(self, text: str) -> list[Found]:
        """The query as concepts (longest phrase first) and the plain words between them."""
        original = words(text)
        tokens = tuple(fold(word) for word in original)
        result: list[Found] = []
        start = 0
        while start < len(tokens):
            for end in range(min(len(tokens), start + self._longest), start, -1):
                concept = self._concept_of(tokens[start:end])
                if concept is not None:
                    result.append(Found(" ".join(original[start:end]), concept))
                    start = end
                    break
            else:
                result.append(Found(original[start]))
                start += 1
        return result

    def _concept_of(self, tokens: tuple[str, ...]) -> Concept | None:
        for key in _keys(tokens):
            concept = self._phrases.get(key)
            if concept is not None:
                return concept
        return None

    def concept_of(self, text: str) -> Concept | None:
        """The concept `text` names as a whole, if any."""
        return self._concept_of(_tokens(text))

    def related(self, concept: Concept) -> list[Concept]:
        """The concept and those its words also answer (`broader`), one level."""
        return [concept, *(self.concepts[i] for i in concept.broader)]

    # -- spelling ------------------------------------------------------------------------------

    def spelling(self, word: str) -> str | None:
        """The vocabulary's word closest to a misspelt one, or None when none is close."""
        folded = fold(word)
        if len(folded) < _SUGGEST_MIN_LENGTH or folded in self._vocabulary:
            return None
        best = process.extractOne(
            folded, self._vocabulary, scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF
        )
        return str(best[0]) if best else None

    # -- views for the other modules -----------------------------------------------------------

    def of_group(self, group: Group) -> list[Concept]:
        return [c for c in self.concepts.values() if c.group == group]

    def labels(self, group: Group) -> dict[str, dict[Lang, str]]:
        """The labels of a group's codes: `directory.labels` reads them from here."""
        return {c.code: dict(c.label) for c in self.of_group(group) if c.code is not None}

    def need_words(self, need: Need, lang: Lang, shortest_abbreviation: int = 0) -> list[str]:
        """The names of the kinds of service that answer `need`: their terms in `lang`, and
        their abbreviations of at least `shortest_abbreviation` letters."""
        found: list[str] = []
        for concept in self.of_group("service"):
            if concept.need is need:
                found += concept.terms.get(lang, ())
                found += [a for a in concept.abbreviations if len(a) >= shortest_abbreviation]
        return found


def _concept(data: ConceptData) -> Concept:
    return Concept(
        id=data.id,
        group=data.group,
        code=data.code,
        label=dict(data.label),
        terms={lang: tuple(terms) for lang, terms in data.terms.items()},
        abbreviations=tuple(data.abbreviations),
        misspellings=tuple(data.misspellings),
        broader=tuple(data.broader),
        kinds=tuple(data.kinds),
        need=data.need,
    )


def parse(raw: Mapping[str, Any]) -> Thesaurus:
    data = ThesaurusData.model_validate(raw)
    return Thesaurus(
        taxonomy=dict(data.taxonomy),
        groups={group: dict(names) for group, names in data.groups.items()},
        concepts={c.id: _concept(c) for c in data.concepts},
    )


@cache
def thesaurus() -> Thesaurus:
    source = resources.files("directory.lexicon").joinpath("thesaurus.yaml")
    return parse(yaml.safe_load(source.read_text(encoding="utf-8")))
